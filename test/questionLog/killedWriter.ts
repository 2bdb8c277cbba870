// A bot stand-in for killedDuringWrites.test.ts: records questions as fast as it can, flushing in
// small transactions, until it is killed. Prints "writing" once the first batch is on disk.
import { QuestionLog } from '../../src/questionLog/questionLog.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: killedWriter.ts DATA_DIR');
const log = new QuestionLog({ dataDir, enabled: true, retentionDays: 30, flushDelayMs: 1 });
await log.ready();
const reply = { status: 'no_match' as const, confidence: { scale: 'score' as const, value: 0 } };
let i = 0;
const burst = () => {
  for (let n = 0; n < 50; n++, i++) log.record({ guildId: null, channelKind: 'slash', userId: String(i % 300), question: `question number ${i} about quantum computing`, reply });
  void log.flush();
  if (i === 50) process.stdout.write('writing\n');
  setImmediate(burst);
};
burst();
