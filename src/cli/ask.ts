import 'dotenv/config';
import { toJsonReply } from '../render/renderJson.ts';
import { renderPlainText } from '../render/renderPlainText.ts';
import { parseAskArgsOrExit, type AskArgs } from './cliArgs.ts';
import { renderExplanation } from '../render/renderExplanation.ts';
import { matchLabel } from '../reply/replyMessages.ts';
import { loadAnswererOrExit, type ToolAnswerer } from './loadEngine.ts';
import { neighboursOf } from '../answer/answerQuestion.ts';
import { exitQuietlyWhenStdoutCloses } from './closedStdout.ts';

exitQuietlyWhenStdoutCloses();

const usage = `Ask the FAQ bot from the terminal.

  npm run ask -- "can openai use aws?"          the reply as a person reads it
  npm run ask -- --json "can openai use aws?"   one JSON object
  npm run ask -- --json < questions.txt          one JSON object per line of stdin, in order
  npm run ask -- --explain "question"           also show what the engine read and which words matched which record

Options: --knowledge DIR (or KNOWLEDGE_DIR) to use another knowledge folder. MEANING=on (as the bot's
setting) also asks the sentence encoder, after indexing the knowledge (cached in DATA_DIR).`;

async function answer({ engine, meaning }: ToolAnswerer, args: AskArgs, question: string): Promise<string> {
  const neighbours = await neighboursOf(engine, question, meaning);
  const reply = engine.ask(question, { meaning: neighbours });
  if (args.json) return JSON.stringify(toJsonReply(reply));
  const text = renderPlainText(reply);
  if (!args.explain) return text;
  const outcome = reply.status === 'chat' ? `chat: ${reply.act}` : `${reply.status}, ${matchLabel(reply.confidence)}, ${reply.confidence.scale} ${reply.confidence.value}`;
  return `${text}\n\n[${outcome}]\n${renderExplanation(engine.explain(question, { meaning: neighbours }))}`;
}

async function main(): Promise<void> {
  const args = parseAskArgsOrExit(process.argv.slice(2), usage);
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (args.question === null && process.stdin.isTTY) {
    process.stderr.write(`Give a question, or pipe questions on stdin.\n\n${usage}\n`);
    process.exit(2);
  }
  const answerer = await loadAnswererOrExit(args.knowledgeDir, args.readLimits, args.meaning);
  try {
    if (args.question !== null) {
      process.stdout.write(`${await answer(answerer, args, args.question)}\n`);
      return;
    }
    // Batch mode: one process, one reply per input line, in order.
    const separator = args.json ? '\n' : '\n\n';
    for await (const line of stdinLines()) process.stdout.write(`${await answer(answerer, args, line)}${separator}`);
  } finally {
    await answerer.close();
  }
}

/**
 * Lines of stdin ended by LF or CRLF only. (readline also ends a line at a lone CR, which would
 * turn one question into two replies and break the one-reply-per-line contract.)
 */
async function* stdinLines(): AsyncGenerator<string> {
  let pending = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  if (pending) yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}

await main();
