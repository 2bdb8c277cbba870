import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { lineOf, makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

async function problemsIn(dir: string): Promise<string[]> {
  const result = await loadKnowledge(dir);
  if (result.ok) return [];
  return result.problems.map((problem) => formatProblem({ ...problem, file: problem.file.replace(/^.*[\\/]/, '') }));
}

describe('the bundled knowledge', () => {
  it('is valid and has every kind of record the bot serves', async () => {
    const result = await loadKnowledge(bundledKnowledgeDir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.knowledge.faq.length).toBeGreaterThanOrEqual(16);
    expect(result.knowledge.terms.length).toBeGreaterThanOrEqual(8);
    expect(result.knowledge.table.rows.map((row) => row.feature)).toEqual([
      'Cloud Deployment',
      'IP License',
      'Microsoft → OpenAI',
      'OpenAI → Microsoft',
    ]);
    for (const record of [...result.knowledge.faq, ...result.knowledge.terms]) expect(record.sources.length).toBeGreaterThan(0);
  });

  it('ships the article it cites, so every quote is checked against it, and every record quotes it', async () => {
    const result = await loadKnowledge(bundledKnowledgeDir);
    if (!result.ok) throw new Error('the bundled knowledge must be valid');
    expect(result.knowledge.sources.map((source) => source.id)).toEqual(['article']);
    expect(result.knowledge.sources[0]?.text).toMatch(/^Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation\n[\s\S]*Frequently Asked Questions/);
    for (const record of [...result.knowledge.faq, ...result.knowledge.terms]) expect(record.quote, record.id).toBeTruthy();
  });
});

describe('sourcing', () => {
  let kb: TempKnowledge;
  beforeEach(async () => {
    kb = await makeTempKnowledge();
  });
  afterEach(async () => {
    await kb.remove();
  });
  const ipQuote = '    quote: >-\n      Microsoft’s license to OpenAI IP for models and products continues through 2032.\n';

  it('finds a quote in the source it cites whatever its line breaks and quote marks, and says where one differs', async () => {
    await kb.replace('faq.yaml', ipQuote, "    quote: >-\n      Microsoft's license to OpenAI IP for models\n      and products continues through 2032.\n");
    expect(await problemsIn(kb.dir)).toEqual([]);
    await kb.replace('faq.yaml', 'and products continues through 2032.', 'and products continues through 2034.');
    const quoteLine = lineOf(await kb.read('faq.yaml'), 'and products continues through 2034.') - 2;
    expect(await problemsIn(kb.dir)).toEqual([
      `faq.yaml:${quoteLine} faq[1] (ip-license-term).quote: is not word for word in the text of source "article" (sources.yaml): ` +
        `it differs from the source after "…OpenAI IP for models and products continues through"; copy the sentence from the source (line breaks, spacing and straight or curly quote marks do not matter)`,
    ]);
  });

  it('requires a term citing a source with its text to quote it, and keeps the source\'s words out of the editors\' note', async () => {
    const terms = await kb.read('terms.yaml');
    await kb.replace('terms.yaml', '    quote: >-\n      Under the new terms, OpenAI products will still ship first on Azure.\n      However, this priority only lasts as long as Microsoft can and chooses to\n      support the necessary capabilities.\n', '');
    await kb.replace('terms.yaml', 'editorsNote: Microsoft\'s cloud computing platform.', 'editorsNote: Microsoft remains the primary cloud partner of OpenAI.');
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^terms\\.yaml:${lineOf(terms, '- id: azure')} terms\\[0\\] \\(azure\\)\\.quote: is required: the definition cites "article", whose text sources\\.yaml holds`)),
      expect.stringMatching(/^terms\.yaml:\d+ terms\[0\] \(azure\)\.editorsNote: repeats a source word for word \("Microsoft remains the primary cloud partner"\): an editors' note is shown without a citation/),
    ]);
  });

  it('checks quotes only against sources whose text it has', async () => {
    await kb.replace('sources.yaml', 'sources:\n', 'sources:\n  - id: interview\n    title: An interview nobody pasted in\n');
    await kb.replace('faq.yaml', `${ipQuote}    sources: [article]`, '    quote: Words only the interview has.\n    sources: [interview]');
    await kb.write('terms.yaml', `${await kb.read('terms.yaml')}\n  - id: unquoted\n    term: Unquoted\n    definition: A term from the interview.\n    sources: [interview]\n`);
    expect(await problemsIn(kb.dir)).toEqual([]);
  });
});

describe('knowledge validation errors', () => {
  let kb: TempKnowledge;
  beforeEach(async () => {
    kb = await makeTempKnowledge();
  });
  afterEach(async () => {
    await kb.remove();
  });

  it('names file, line, record and field for an answer over the embed limit', async () => {
    const faq = await kb.read('faq.yaml');
    const line = lineOf(faq, '- id: ip-license-term') + lineOf(faq.slice(faq.indexOf('- id: ip-license-term')), 'answer:') - 1;
    await kb.replace('faq.yaml', "Microsoft's license to OpenAI IP for models and products continues\n      **through 2032**.", `${'x'.repeat(4210)}`);
    const problems = await problemsIn(kb.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^faq\\.yaml:${line} faq\\[1\\] \\(ip-license-term\\)\\.answer: too long \\(\\d{4} > 4096\\)$`));
  });

  it('refuses an answer that opens with Yes or No, naming the record', async () => {
    await kb.replace('faq.yaml', 'Microsoft **continues to participate as a major shareholder**', '**Yes.** Microsoft **continues to participate as a major shareholder**');
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual([expect.stringMatching(/^faq\.yaml:\d+ faq\[\d+\] \(microsoft-shareholder\)\.answer: opens with Yes\/No/)]);
  });

  it('refuses a synonym that means the opposite of its word (prefix or antonym)', async () => {
    await kb.replace('synonyms.yaml', 'synonyms:\n', 'synonyms:\n  conditional: [unconditional]\n  sell: [buy]\n');
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual([
      expect.stringMatching(/^synonyms\.yaml:\d+ .*"unconditional" means the opposite of "conditional"/),
      expect.stringMatching(/^synonyms\.yaml:\d+ .*"buy" means the opposite of "sell"/),
    ]);
  });

  it('reports a YAML syntax error with its line', async () => {
    await kb.write('terms.yaml', `${await kb.read('terms.yaml')}  - id: broken\n    term: [unclosed\n`);
    const lines = (await kb.read('terms.yaml')).split('\n').length;
    const [problem, ...rest] = await problemsIn(kb.dir);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^terms\.yaml:(\d+): YAML syntax error: /);
    expect(Number(problem?.match(/:(\d+):/)?.[1])).toBeGreaterThan(lines - 4);
  });

  it('reports a tab-indented line once, with how to fix it, not the errors that follow from it', async () => {
    const faq = await kb.read('faq.yaml');
    const line = faq.split('\n').findIndex((text) => text.startsWith('    question:')) + 1;
    await kb.replace('faq.yaml', '\n    question:', '\n\tquestion:');
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^faq\\.yaml:${line}: YAML syntax error: Tabs are not allowed as indentation: indent with spaces \\(the parser found \\d+ more after it, most likely caused by this one: fix it first\\)$`))]);
  });

  it('reads what the bot knows about from sources.yaml, and reports a mistake there with its line', async () => {
    const loaded = await loadKnowledge(kb.dir);
    expect(loaded.ok && loaded.knowledge.about).toEqual({ topic: 'the Microsoft–OpenAI partnership amendment', example: 'Can OpenAI use AWS?' });
    const sources = await kb.read('sources.yaml');
    await kb.replace('sources.yaml', '  example: Can OpenAI use AWS?', '  exmaple: Can OpenAI use AWS?');
    expect(await problemsIn(kb.dir)).toEqual([`sources.yaml:${lineOf(sources, '  example:')} about.exmaple: unknown field (check the spelling; see the comment at the top of the file)`]);
    await kb.replace('sources.yaml', '  exmaple: Can OpenAI use AWS?\n', '');
    await kb.replace('sources.yaml', '  topic: the Microsoft–OpenAI partnership amendment\n', '');
    // Left out: no topic claimed, and the first FAQ question as the example.
    const defaults = await loadKnowledge(kb.dir);
    expect(defaults.ok && defaults.knowledge.about).toEqual({ topic: null, example: defaults.ok ? defaults.knowledge.faq[0]?.question : '' });
  });

  it('reports a missing required field and an unknown (misspelt) one', async () => {
    const faq = await kb.read('faq.yaml');
    await kb.replace('faq.yaml', '    quote: >-\n      Industry precedents suggest', '    qoute: >-\n      Industry precedents suggest');
    await kb.replace('faq.yaml', '    question: Does the partnership cover cybersecurity?\n', '');
    const problems = await problemsIn(kb.dir);
    expect(problems).toContain(`faq.yaml:${lineOf(faq, '- id: cybersecurity')} faq[13] (cybersecurity).question: is required`);
    expect(problems.some((p) => /^faq\.yaml:\d+ faq\[14\] \(industry-precedent\)\.qoute: unknown field/.test(p))).toBe(true);
  });

  it('reports duplicate ids, dangling sources and related ids, all at once', async () => {
    await kb.replace('faq.yaml', '- id: ip-license-term', '- id: any-cloud-provider');
    await kb.replace('terms.yaml', 'sources: [article]', 'sources: [press-release]');
    await kb.replace('faq.yaml', 'related: [openai-revenue-share-capped, financial-relationship, partnership-terms]', 'related: [no-such-record]');
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^faq\.yaml:\d+ faq\[1\] \(any-cloud-provider\)\.id: duplicate id "any-cloud-provider", already used by faq\[0\]/),
        expect.stringMatching(/^terms\.yaml:\d+ terms\[0\] \(azure\)\.sources\[0\]: unknown source "press-release"/),
        expect.stringMatching(/^faq\.yaml:\d+ faq\[8\] \(microsoft-revenue-share-ended\)\.related\[0\]: unknown FAQ record "no-such-record"/),
      ]),
    );
    // Renaming ip-license-term left a real dangling reference; nothing else is reported as one.
    expect(problems.filter((p) => p.includes('unknown FAQ record')).map((p) => p.replace(/^.*: /, ''))).toEqual([
      'unknown FAQ record "no-such-record" (related lists FAQ ids or the table id)',
      'unknown FAQ record "ip-license-term" (related lists FAQ ids or the table id)',
    ]);
  });

  it('refuses two records claiming the same question or alias', async () => {
    await kb.replace('terms.yaml', 'aliases: [LLM]', 'aliases: [LLM, Revenue share]');
    await kb.replace('faq.yaml', '      - Is Microsoft an investor in OpenAI?\n', '      - Can OpenAI now use AWS or Google Cloud?\n');
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/terms\[7\] \(large-language-models\)\.aliases\[1\]: "Revenue share" is already claimed by terms\[3\] \(revenue-share\)\.term/),
        expect.stringMatching(/faq\[2\] \(microsoft-shareholder\)\.alternates\[\d+\]: "Can OpenAI now use AWS or Google Cloud\?" is already claimed by faq\[0\] \(any-cloud-provider\)\.question/),
      ]),
    );
  });

  it('checks the table shape and synonym conflicts', async () => {
    await kb.replace('table.yaml', 'cells: [Primarily Azure, Any cloud provider]', 'cells: [Primarily Azure]');
    await kb.replace('synonyms.yaml', 'google cloud: [gcp, google cloud platform]', 'google cloud: [gcp, google cloud platform, msft]');
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^table\.yaml:\d+ table\.rows\[0\] \(Cloud Deployment\)\.cells: has 1 cells, expected 2/),
        expect.stringMatching(/^synonyms\.yaml:\d+ synonyms\.google cloud\[2\]: "msft" is already a variant of "microsoft"/),
      ]),
    );
  });

  it('rejects empty text, bad slugs, and names too long for autocomplete', async () => {
    await kb.replace('faq.yaml', 'question: Why did Microsoft and OpenAI change their partnership terms?', `question: "   "`);
    await kb.replace('faq.yaml', '- id: multi-cloud-market', '- id: Multi Cloud');
    await kb.replace('terms.yaml', 'term: Azure', `term: ${'A'.repeat(101)}`);
    const problems = await problemsIn(kb.dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/faq\[3\] \(why-terms-changed\)\.question: must not be empty/),
        expect.stringMatching(/faq\[4\] \(Multi Cloud\)\.id: must be a lowercase slug/),
        expect.stringMatching(/terms\[0\] \(azure\)\.term: too long \(101 > 100\)/),
      ]),
    );
  });

  it('reports a missing file', async () => {
    const { rm } = await import('node:fs/promises');
    await rm(kb.file('sources.yaml'));
    expect(await problemsIn(kb.dir)).toContain('sources.yaml: file is missing');
  });

  it('says when the folder itself does not exist, and which setting names it', async () => {
    const missing = path.join(kb.dir, 'no-such-folder');
    const result = await loadKnowledge(missing);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map(formatProblem);
    expect(problems).toContain(
      `${path.join(missing, 'faq.yaml')}: file is missing: the folder ${missing} does not exist (check KNOWLEDGE_DIR, or the folder given on the command line)`,
    );
  });
});
