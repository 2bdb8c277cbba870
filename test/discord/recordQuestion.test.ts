import { afterEach, describe, expect, it } from 'vitest';
import { MemberAllowance } from '../../src/discord/cooldowns.ts';
import { recordQuestion } from '../../src/discord/recordQuestion.ts';
import type { QuestionLog } from '../../src/questionLog/questionLog.ts';
import { answered, noMatch, openLog, tempDataDir } from '../questionLog/logSandbox.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function sandboxLog(): Promise<QuestionLog> {
  const { dir, remove } = await tempDataDir();
  const log = openLog(dir);
  await log.ready();
  cleanup = async () => {
    await log.close();
    await remove();
  };
  return log;
}

const asked = (userId: string, question: string, reply = noMatch) => ({ guildId: '1', channelKind: 'answer_channel' as const, userId, question, reply });

describe('recordQuestion', () => {
  it("logs a member's unanswered questions only while their allowance lasts, and every answered one", async () => {
    const questionLog = await sandboxLog();
    const context = { questionLog, unansweredLog: new MemberAllowance(3, 3_600_000) };
    const ids = Array.from({ length: 6 }, (_, i) => recordQuestion(context, asked('flooder', `does the deal cover gizmo ${i}?`)));
    expect(ids.filter((id) => id !== null)).toHaveLength(3);
    expect(ids.slice(3)).toEqual([null, null, null]);
    // Answers are no gaps: still logged, and they use up nothing.
    expect(recordQuestion(context, asked('flooder', 'can openai use aws?', answered('any-cloud-provider')))).not.toBeNull();
    // Another member has their own allowance.
    expect(recordQuestion(context, asked('someone else', 'does the deal cover gizmos?'))).not.toBeNull();
    await questionLog.flush();
    const ids3 = ids.slice(0, 3) as string[];
    for (const id of ids3) expect(await questionLog.questionText(id)).toMatch(/^does the deal cover gizmo \d\?$/);
  });

  it('counts "did you mean…" replies against the allowance too: they are gaps as well', async () => {
    const questionLog = await sandboxLog();
    const context = { questionLog, unansweredLog: new MemberAllowance(2, 3_600_000) };
    const unsure = { status: 'suggestions' as const, suggestions: [], confidence: { scale: 'score' as const, value: 0.4 } };
    expect(recordQuestion(context, asked('flooder', 'how long is the licence?', unsure))).not.toBeNull();
    expect(recordQuestion(context, asked('flooder', 'how long is the license really?', unsure))).not.toBeNull();
    expect(recordQuestion(context, asked('flooder', 'the licence, how long?', unsure))).toBeNull();
    expect(recordQuestion(context, asked('flooder', 'does the deal cover gizmos?'))).toBeNull();
  });

  it("leaves a member's allowance whole however many of their questions were answered", async () => {
    const questionLog = await sandboxLog();
    const context = { questionLog, unansweredLog: new MemberAllowance(2, 3_600_000) };
    for (let i = 0; i < 5; i++) expect(recordQuestion(context, asked('asker', `can openai use aws ${i}?`, answered('any-cloud-provider')))).not.toBeNull();
    expect(recordQuestion(context, asked('asker', 'does the deal cover gizmos?'))).not.toBeNull();
    expect(recordQuestion(context, asked('asker', 'does the deal cover gadgets?'))).not.toBeNull();
    expect(recordQuestion(context, asked('asker', 'does the deal cover widgets?'))).toBeNull();
  });

  it('logs nothing without a question log', () => {
    expect(recordQuestion({ unansweredLog: new MemberAllowance(3, 1000) }, asked('a', 'anything?'))).toBeNull();
  });
});
