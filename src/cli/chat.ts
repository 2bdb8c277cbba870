import 'dotenv/config';
import { createInterface } from 'node:readline/promises';
import type { About } from '../knowledge/schema.ts';
import { formatSourceCitation } from '../reply/formatSource.ts';
import { aboutLine } from '../reply/replyMessages.ts';
import type { RecordRef, Reply } from '../reply/replyModel.ts';
import { renderPlainText } from '../render/renderPlainText.ts';
import { parseAskArgsOrExit } from './cliArgs.ts';
import { loadAnswererOrExit } from './loadEngine.ts';
import { answerQuestion } from '../answer/answerQuestion.ts';
import { exitQuietlyWhenStdoutCloses } from './closedStdout.ts';

exitQuietlyWhenStdoutCloses();

const commands = `  /faq            list the questions I know     /faq N    answer question N of that list
  /term NAME      look up a glossary term       /terms    list the glossary
  /compare [ROW]  the comparison table, or one row of it ("/compare ip license")
  /sources        what my answers are based on
  /help           this text                     /quit     leave (or Ctrl+D)
After "did you mean…", type the number of a suggestion to see it.`;

/** The chat's /help: what this knowledge covers, an example, the commands. */
const helpFor = (about: About) => `${aboutLine(about)}${about.example ? ` Ask in your own words, e.g. "${about.example}".` : ''}\n\n${commands}`;

const usage = `Talk to the bot in your terminal: npm run chat, then type a question, or one of these.

${commands}

Options: --knowledge DIR (or KNOWLEDGE_DIR) to use another knowledge folder. MEANING=on (as the bot's
setting) also asks the sentence encoder. For one answer, or --json and --explain: npm run ask -- "question".`;

async function main(): Promise<void> {
  const args = parseAskArgsOrExit(process.argv.slice(2), usage);
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  // Options of `ask` the chat has no use for: refused, rather than a session that quietly ignores them.
  const unused = [args.json && '--json', args.explain && '--explain', args.question !== null && `the question "${args.question}"`].filter(Boolean);
  if (unused.length > 0) {
    process.stderr.write(`npm run chat takes no ${unused.join(' or ')}: start it, then type your questions.\n\n${usage}\n`);
    process.exit(2);
  }
  const { engine, meaning, close } = await loadAnswererOrExit(args.knowledgeDir, args.readLimits, args.meaning);
  const { knowledge } = engine;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const say = (text: string) => process.stdout.write(`\n${text}\n\n`);

  // What a bare number picks: the last suggestions, or the /faq list.
  let numbered: readonly RecordRef[] = knowledge.faq.map((faq) => ({ kind: 'faq', id: faq.id, title: faq.question }));
  // The last record answered: the next line is read as a follow-up to it when it is not clear alone.
  let previous: RecordRef | null = null;
  const show = (reply: Reply) => {
    if (reply.status === 'suggestions') numbered = reply.suggestions;
    if (reply.status === 'answered') previous = { kind: reply.kind, id: reply.id, title: reply.title };
    say(renderPlainText(reply));
  };

  say(`FAQ bot — ${knowledge.faq.length} questions, ${knowledge.terms.length} terms, one comparison table. Type /help for commands.`);
  rl.setPrompt('you> ');
  rl.prompt();
  for await (const rawLine of rl) {
    const line = rawLine.trim();
    const [command = '', ...rest] = line.split(/\s+/);
    const argument = rest.join(' ');
    if (!line) {
      // nothing to do
    } else if (command === '/quit' || command === '/exit') {
      break;
    } else if (command === '/help') {
      say(helpFor(knowledge.about));
    } else if (command === '/faq' && !argument) {
      numbered = knowledge.faq.map((faq) => ({ kind: 'faq', id: faq.id, title: faq.question }));
      say(numbered.map((ref, i) => `${String(i + 1).padStart(3)}. ${ref.title}`).join('\n'));
    } else if (command === '/terms' || (command === '/term' && !argument)) {
      say(knowledge.terms.map((term) => `  - ${term.term}`).join('\n'));
    } else if (command === '/term') {
      show(engine.lookup('term', argument));
    } else if (command === '/compare') {
      show(engine.compare(argument));
    } else if (command === '/sources') {
      say(knowledge.sources.map((source) => `  - ${formatSourceCitation(source)}${source.url ? ` <${source.url}>` : ''}${source.description ? `\n    ${source.description}` : ''}`).join('\n'));
    } else if (/^\d+$/.test(line) || (command === '/faq' && /^\d+$/.test(argument))) {
      const picked = numbered[Number(command === '/faq' ? argument : line) - 1];
      const reply = picked ? engine.replyFor(picked.kind, picked.id) : null;
      if (reply) show(reply);
      else say(`There is no number ${line} in the last list.`);
    } else if (line.startsWith('/')) {
      say(`Unknown command ${command}. Type /help for the list.`);
    } else {
      show(await answerQuestion(engine, line, { previous, meaning }));
    }
    rl.prompt();
  }
  rl.close();
  await close();
}

await main();
