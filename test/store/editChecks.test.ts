import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { unsafeTextProblem } from '../../src/store/unsafeText.ts';
import { validateProposal } from '../../src/store/validateProposal.ts';

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

describe("the characters a moderator's text may not carry", () => {
  // Each refused range with the characters on either side of it, which are text.
  const refused = [[0x00, 0x08], [0x0b, 0x0c], [0x0e, 0x1f], [0x7f, 0x9f], [0x202a, 0x202e], [0x2066, 0x2069]] as const;
  const allowed = [0x09, 0x0a, 0x0d, 0x20, 0x7e, 0xa0, 0x2029, 0x202f, 0x2065, 0x206a];

  it.each(refused.map(([from, to]) => [hex(from), hex(to), from, to] as const))('refuses every character from %s to %s', (_from, _to, from, to) => {
    for (let code = from; code <= to; code++) expect(unsafeTextProblem(`can openai use ${String.fromCodePoint(code)}aws`), hex(code)).toContain(`(${hex(code)}) at character 16`);
  });

  it('takes tab, line breaks and the characters just outside each range', () => {
    for (const code of allowed) expect(unsafeTextProblem(`can openai use ${String.fromCodePoint(code)}aws`), hex(code)).toBeNull();
  });

  it('says where the character is counted in characters, as the moderator sees them', () => {
    expect(unsafeTextProblem('😀😀 \u202Eswa')).toContain('(U+202E) at character 4');
  });
});

describe('an edit checked before it is written', () => {
  it('is refused when it would grow a knowledge file past KNOWLEDGE_MAX_FILE_BYTES, and taken at the limit', async () => {
    const faq = `${await readFile(path.join(bundledKnowledgeDir, 'faq.yaml'), 'utf8')}\n# a longer file\n`;
    const limit = Buffer.byteLength(faq);
    expect(await validateProposal(bundledKnowledgeDir, { faq }, { maxFileBytes: limit })).toMatchObject({ ok: true });
    const over = await validateProposal(bundledKnowledgeDir, { faq }, { maxFileBytes: limit - 1 });
    expect(over).toMatchObject({ ok: false, problems: [{ file: expect.stringMatching(/faq\.yaml$/), message: expect.stringContaining(`is too large (${limit} bytes; a knowledge file may hold at most ${limit - 1} bytes`) }] });
  });
});
