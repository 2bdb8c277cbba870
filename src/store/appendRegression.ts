import path from 'node:path';
import { displayPathOf } from '../knowledge/knowledgeFiles.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { readTextFile } from '../knowledge/readTextFile.ts';
import { parseYamlText } from '../knowledge/yamlFile.ts';
import { normalizeText } from '../text/normalizeText.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { loadRegressions, regressionsFileName, regressionsOfFile } from './regressions.ts';
import { runExclusive } from './serialQueue.ts';
import { appendRecord, readRecordList } from './yamlRecordList.ts';

const newFileHeader = `# Regression questions: real member questions and the record each one must reach.
# \`npm run validate\` asks the bot every question below and lists each one whose answer changed.

regressions:
`;

export type AppendRegressionResult = { readonly ok: true; readonly added: boolean; readonly file: string } | { readonly ok: false; readonly message: string };

/**
 * Adds `- q: <question>` / `expect: <expect>` to the knowledge folder's regressions.yaml (creating
 * it when missing), splicing the text so every comment and hand-made layout stays. A question
 * already listed (the same once normalised) is left as it is: listing it twice is a validation problem.
 */
export async function appendRegression(dir: string, question: string, expect: string): Promise<AppendRegressionResult> {
  const file = path.join(dir, regressionsFileName);
  // The writer's lock on the folder: no edit of the knowledge interleaves with this one.
  return runExclusive(path.resolve(dir), async () => {
    const loaded = await loadRegressions(dir);
    if (!loaded.ok) return { ok: false, message: `${regressionsFileName} has problems (run npm run validate); the question was not added to it` };
    const key = normalizeText(question);
    if (loaded.regressions.some((regression) => normalizeText(regression.q) === key)) return { ok: true, added: false, file };
    const read = loaded.file === null ? { text: newFileHeader } : await readTextFile(file);
    if (read.text === null) return { ok: false, message: `${regressionsFileName} cannot be read (${read.problem.message}); the question was not added to it` };
    const { text } = read;
    const list = readRecordList(text, 'regressions', displayPathOf(file));
    const next = appendRecord(list, { q: question, expect }, [['q', 'plain'], ['expect', 'plain']]);
    // What validation will read back: the file must still pass, with this question expecting this record.
    const after = regressionsOfFile(next.parsed ?? parseYamlText(next.text, displayPathOf(file)));
    if (!after.ok) return { ok: false, message: `the line would not pass validation (${after.problems.map(formatProblem).join('; ')})` };
    if (!after.regressions.some((regression) => regression.q === question.trim() && regression.expect === expect)) {
      return { ok: false, message: 'the line would not read back as written' };
    }
    await writeFileAtomic(file, 'lineBreaks' in read && read.lineBreaks === 'cr' ? next.text.replaceAll('\n', '\r') : next.text);
    return { ok: true, added: true, file };
  });
}
