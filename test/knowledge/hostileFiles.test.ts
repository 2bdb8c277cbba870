import { execFileSync } from 'node:child_process';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { lineOf, makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';
import { aliasBomb, utf16le } from './hostileYaml.ts';

/** Every problem as `file:line where: message`, the file reduced to its name. */
async function problemsIn(dir: string, options?: Parameters<typeof loadKnowledge>[1]): Promise<string[]> {
  const result = await loadKnowledge(dir, options);
  if (result.ok) return [];
  return result.problems.map((problem) => formatProblem({ ...problem, file: problem.file.replace(/^.*[\\/]/, '') }));
}

let kb: TempKnowledge;
beforeEach(async () => {
  kb = await makeTempKnowledge();
});
afterEach(async () => {
  await kb.remove();
});

describe('YAML aliases', () => {
  it('reports an alias bomb as a problem at the line of the alias, instead of throwing', async () => {
    const faq = await kb.read('faq.yaml');
    await kb.write('faq.yaml', faq + aliasBomb());
    const firstBombLine = faq.split('\n').length;
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual([expect.stringMatching(/^faq\.yaml:\d+: YAML aliases expand to more than \d+ values/)]);
    const line = Number(problems[0]?.match(/^faq\.yaml:(\d+):/)?.[1]);
    expect(line).toBeGreaterThanOrEqual(firstBombLine);
    expect(line).toBeLessThanOrEqual(firstBombLine + 8);
  });

  it('reports an alias with no anchor before it at its line, instead of throwing', async () => {
    await kb.replace('terms.yaml', 'sources: [article]', 'sources: *nowhere');
    const line = lineOf(await kb.read('terms.yaml'), 'sources: *nowhere');
    expect(await problemsIn(kb.dir)).toEqual([`terms.yaml:${line}: YAML alias *nowhere has no anchor &nowhere before it`]);
  });

  it('reports an alias inside its own anchor (a loop) at its line', async () => {
    await kb.replace('terms.yaml', 'aliases: [LLM]', 'aliases: &loop [LLM, *loop]');
    const line = lineOf(await kb.read('terms.yaml'), '*loop');
    expect(await problemsIn(kb.dir)).toEqual([`terms.yaml:${line}: YAML alias *loop is inside its own anchor &loop, which makes a loop`]);
  });

  it('still accepts the ordinary use of anchors: one list of sources shared by many records', async () => {
    const terms = await kb.read('terms.yaml');
    // 150 records citing `*cited`: more than the yaml library's default of 100 alias uses.
    const extra = Array.from({ length: 150 }, (_, i) => `  - id: probe-${i}\n    term: Probe term number ${i}\n    definition: A term made up for this test.\n    quote: Microsoft and OpenAI Amend Partnership\n    sources: *cited\n`).join('\n');
    await kb.write('terms.yaml', `${terms.replace('sources: [article]', 'sources: &cited [article]')}\n${extra}`);
    expect(await problemsIn(kb.dir)).toEqual([]);
  });
});

describe('a file that exists must hold its list', () => {
  it('refuses terms.yaml without its "terms:" line (a bare list) with file and line', async () => {
    await kb.replace('terms.yaml', '\nterms:\n', '\n');
    expect(await problemsIn(kb.dir)).toEqual([expect.stringMatching(/^terms\.yaml:\d+ terms: is required: the file must start with "terms:" and a list of records$/)]);
  });

  it('refuses an empty terms.yaml (comments only)', async () => {
    await kb.write('terms.yaml', '# every term was here\n');
    expect(await problemsIn(kb.dir)).toEqual([expect.stringMatching(/^terms\.yaml(:\d+)?( terms)?: is required: the file must start with "terms:"/)]);
  });

  it('still accepts an explicitly empty list of terms', async () => {
    const header = (await kb.read('terms.yaml')).split('\nterms:')[0]!;
    await kb.write('terms.yaml', `${header}\nterms: []\n`);
    expect(await problemsIn(kb.dir)).toEqual([]);
  });
});

describe('encodings', () => {
  it('refuses a file saved as UTF-16 (with a byte order mark), naming the encoding and the fix', async () => {
    await writeFile(kb.file('terms.yaml'), utf16le(await kb.read('terms.yaml')));
    expect(await problemsIn(kb.dir)).toEqual([expect.stringMatching(/^terms\.yaml(:1)?: is saved as UTF-16; save it as UTF-8/)]);
  });

  it('refuses UTF-16 without a byte order mark (NUL bytes), naming the encoding and the fix', async () => {
    await writeFile(kb.file('terms.yaml'), utf16le(await kb.read('terms.yaml'), { bom: false }));
    expect(await problemsIn(kb.dir)).toEqual([expect.stringMatching(/^terms\.yaml:1: .*UTF-16.*save it as UTF-8/)]);
  });

  it('refuses invalid UTF-8 at the line of the bad byte instead of reading U+FFFD', async () => {
    const faq = await kb.read('faq.yaml');
    const line = lineOf(faq, 'question: Can OpenAI now use AWS or Google Cloud?');
    const [before, after] = faq.split('Google Cloud?');
    // "Café" as Latin-1: a lone 0xE9 byte.
    await writeFile(kb.file('faq.yaml'), Buffer.concat([Buffer.from(`${before}Google Cloud Caf`), Buffer.from([0xe9]), Buffer.from(`?${after}`)]));
    expect(await problemsIn(kb.dir)).toEqual([`faq.yaml:${line}: is not valid UTF-8 (byte 0xe9); save it as UTF-8`]);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    await writeFile(kb.file('terms.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(await kb.read('terms.yaml'))]));
    expect(await problemsIn(kb.dir)).toEqual([]);
  });
});

describe('line endings', () => {
  it('reads a faq.yaml saved with old Mac line endings (CR only) as the same knowledge', async () => {
    const lf = await loadKnowledge(kb.dir);
    await kb.write('faq.yaml', (await kb.read('faq.yaml')).replaceAll('\n', '\r'));
    const cr = await loadKnowledge(kb.dir);
    expect(cr.ok && lf.ok && cr.knowledge.faq).toEqual(lf.ok && lf.knowledge.faq);
  });

  it('reads CRLF files, and refuses a lone CR among LF lines at its line', async () => {
    const faq = await kb.read('faq.yaml');
    await kb.write('faq.yaml', faq.replaceAll('\n', '\r\n'));
    expect(await problemsIn(kb.dir)).toEqual([]);
    const line = lineOf(faq, 'question: Can OpenAI now use AWS or Google Cloud?');
    await kb.write('faq.yaml', faq.replace('question: Can OpenAI now use AWS or Google Cloud?\n', 'question: Can OpenAI now use AWS or Google Cloud?\r'));
    expect(await problemsIn(kb.dir)).toEqual([`faq.yaml:${line}: ends this line with a lone carriage return (CR) while its other lines end with LF; save the file with one kind of line endings (LF, or CRLF)`]);
  });
});

describe('file size and kind', () => {
  it('refuses a file over the size limit, naming the limit', async () => {
    const size = Buffer.byteLength(await kb.read('faq.yaml'));
    expect(await problemsIn(kb.dir, { maxFileBytes: 10_000 })).toEqual([
      `faq.yaml: is too large (${size} bytes; a knowledge file may hold at most 10000 bytes: split it, or raise KNOWLEDGE_MAX_FILE_BYTES)`,
    ]);
  });

  it('reads a file of exactly the limit, and refuses one byte more', async () => {
    const size = Buffer.byteLength(await kb.read('faq.yaml'));
    expect(await problemsIn(kb.dir, { maxFileBytes: size })).toEqual([]);
    expect(await problemsIn(kb.dir, { maxFileBytes: size - 1 })).toEqual([`faq.yaml: is too large (${size} bytes; a knowledge file may hold at most ${size - 1} bytes: split it, or raise KNOWLEDGE_MAX_FILE_BYTES)`]);
  });

  it('has a default limit: a 2 MB file is refused even when it is valid YAML', async () => {
    await kb.write('faq.yaml', `${await kb.read('faq.yaml')}\n${`# ${'padding '.repeat(120)}\n`.repeat(2_200)}`);
    expect(await problemsIn(kb.dir)).toEqual([expect.stringMatching(/^faq\.yaml: is too large \(\d+ bytes; a knowledge file may hold at most 1048576 bytes: split it, or raise KNOWLEDGE_MAX_FILE_BYTES\)$/)]);
  });

  it('refuses a FIFO promptly instead of waiting for a writer', async () => {
    await rm(kb.file('terms.yaml'));
    execFileSync('mkfifo', [kb.file('terms.yaml')]);
    expect(await problemsIn(kb.dir)).toEqual(['terms.yaml: is not a regular file (a FIFO); knowledge files must be ordinary files']);
  });

  it('refuses a symlink to /dev/zero without reading it', async () => {
    await rm(kb.file('faq.yaml'));
    await symlink('/dev/zero', kb.file('faq.yaml'));
    expect(await problemsIn(kb.dir)).toEqual(['faq.yaml: is not a regular file (a device); knowledge files must be ordinary files']);
  });

  it('accepts a symlink to a regular file', async () => {
    const faq = await kb.read('faq.yaml');
    await rm(kb.file('faq.yaml'));
    await writeFile(kb.file('faq.real.yaml'), faq);
    await symlink('faq.real.yaml', kb.file('faq.yaml'));
    expect(await problemsIn(kb.dir)).toEqual([]);
  });
});
