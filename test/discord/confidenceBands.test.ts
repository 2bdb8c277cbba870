// What a member sees of the engine's confidence, whichever decision policy answered: the footer
// ("match: strong / good / weak") and whether the bot speaks up unasked in an answer channel. The
// channel handler runs on a discord.js client logged in to the emulator; the engine's fused policy
// is given a model whose confidence is a fixed probability, and the encoder's neighbours are
// written by hand (the encoder itself is exercised in test/meaning and test/app).
import type { APIEmbed } from 'discord.js';
import type { Client } from 'discord.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerEngine, type AnswerEngine } from '../../src/answer/answerEngine.ts';
import { fusedPolicy } from '../../src/answer/fusedPolicy.ts';
import { AnsweredRecords } from '../../src/discord/answeredRecords.ts';
import type { BotContext } from '../../src/discord/commandModule.ts';
import { Cooldowns, MemberAllowance } from '../../src/discord/cooldowns.ts';
import { handleMessage } from '../../src/discord/handleMessage.ts';
import { candidateFeatures, confidenceFeatures, type DecisionModel } from '../../src/meaning/fusedDecision.ts';
import type { MeaningMatch } from '../../src/meaning/phrasingIndex.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';
import { microKnowledge } from '../support/microKnowledge.ts';
import { loginAndWait, makeClient } from '../emulator/helpers.ts';

const knowledge = microKnowledge([
  { id: 'ferry-fares', question: 'How much does a ferry ticket cost?', answer: 'Three dollars for adults.' },
  { id: 'library-hours', question: 'When is the library open?', answer: 'From nine to six, Monday to Saturday.' },
  { id: 'parking-permit', question: 'Who can get a parking permit?', answer: 'Every resident of the town.' },
]);

/**
 * A fitted decision whose first record is the encoder's closest and whose confidence is `probability`
 * for every question (no weights, only the bias), answering from 0.5.
 */
function modelAt(probability: number): DecisionModel {
  const logistic = (names: readonly string[], on: string | null, bias: number) => ({
    features: [...names],
    mean: names.map(() => 0),
    spread: names.map(() => 1),
    weights: names.map((name) => (name === on ? 10 : 0)),
    bias,
  });
  return {
    format: 'fused-decision 3',
    fitOn: 'inline',
    meaningLimit: 3,
    classifierTemperature: 40,
    ranking: logistic(candidateFeatures, 'meaningRank', 0),
    confidence: logistic(confidenceFeatures, null, Math.log(probability / (1 - probability))),
    answerAt: 0.5,
    keepLexicalAt: 1,
    tieBreakAt: 1.01,
    suggestAt: 0.3,
    maxSuggestions: 3,
  };
}

/** The encoder's answer for every question: the library first, far ahead. */
const libraryFirst: MeaningMatch[] = ['faq:library-hours', 'faq:ferry-fares', 'faq:parking-permit'].map((key, at) => ({
  key,
  similarity: at === 0 ? 0.8 : 0.2,
  closest: at === 0 ? 0.8 : 0.2,
  centroid: at === 0 ? 0.8 : 0.2,
  phrasing: '',
  rank: at + 1,
  classifierProbability: 0,
  classifierRank: 0,
  neighbor: 0.5,
}));

let emu: DiscordEmulator;
let client: Client<true>;
/** The engine and encoder the handler answers with; each test sets them. */
let current: { engine: AnswerEngine; meaning: BotContext['meaning'] };
/** The handling of each message the bot saw, by its id. */
const handled = new Map<string, Promise<void>>();

const context = {
  logger: pino({ level: process.env.DEBUG_TEST ? 'debug' : 'silent' }),
  knowledge: { current: () => ({ engine: current.engine }) },
  get meaning() {
    return current.meaning;
  },
  metrics: { question: () => undefined },
  unansweredLog: new MemberAllowance(100, 60_000),
  answered: new AnsweredRecords(),
} as unknown as BotContext;

const encoder: NonNullable<BotContext['meaning']> = { status: () => ({ state: 'ready', records: 3, phrasings: 3 }), nearest: async () => libraryFirst };

function answeringAt(probability: number): void {
  current = { engine: createAnswerEngine(knowledge, { meaningPolicy: fusedPolicy(modelAt(probability)) }), meaning: encoder };
}

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  const connected = makeClient(emu);
  await loginAndWait(connected, emu);
  client = connected as Client<true>;
  const state = { cooldowns: new Cooldowns(0), answerChannelIds: new Set([emu.channels.faq.id]) };
  client.on('messageCreate', (message) => handled.set(message.id, handleMessage(message, client, context, state)));
});

afterAll(async () => {
  await client.destroy();
  await emu.stop();
});

const footerOf = (message: EmulatorMessage) => ((message.embeds as APIEmbed[] | undefined) ?? [])[0]?.footer?.text;
const titleOf = (message: EmulatorMessage) => ((message.embeds as APIEmbed[] | undefined) ?? [])[0]?.title;

async function mentionAnswer(question: string): Promise<EmulatorMessage> {
  const asked = emu.sendMessage({ channelId: emu.channels.general.id, content: question, mentionsBot: true });
  return emu.waitForBotMessage({ channelId: emu.channels.general.id, after: asked.id });
}

/** Whether the bot answers `question` overheard in the answer channel. */
async function saysUnasked(question: string): Promise<boolean> {
  const channelId = emu.channels.faq.id;
  const overheard = emu.sendMessage({ channelId, content: question });
  // Once a mention sent after it is answered, the bot has seen the overheard message: then it has only to finish with it.
  const probe = emu.sendMessage({ channelId, content: 'when is the library open?', mentionsBot: true });
  await emu.waitForBotMessage({ channelId, after: probe.id });
  await handled.get(overheard.id);
  return emu.messagesIn(channelId).some((m) => m.author.id === emu.users.bot.id && m.message_reference?.message_id === overheard.id);
}

describe('an answer of the fused policy, whose confidence is the probability that it is right', () => {
  const question = 'what time can i borrow books?';

  it.each([
    [0.97, 'FAQ · match: strong', true],
    // On the lexical score these would read "strong" and be said unasked; as probabilities they are less sure.
    [0.8, 'FAQ · match: good', false],
    [0.65, 'FAQ · match: weak', false],
  ])('at probability %s shows %j, and is said unasked: %s', async (probability, footer, unasked) => {
    answeringAt(probability);
    const answer = await mentionAnswer(question);
    expect(titleOf(answer)).toBe('When is the library open?');
    expect(footerOf(answer)).toBe(footer);
    expect(await saysUnasked(question)).toBe(unasked);
  });
});

describe('an answer of the lexical policy, whose confidence is the best record\'s score', () => {
  it('keeps its bands: a close match is strong and said unasked, a looser one good but held back', async () => {
    current = { engine: createAnswerEngine(knowledge), meaning: undefined };
    const close = 'when is the library open?';
    const closeReply = current.engine.ask(close);
    expect(closeReply).toMatchObject({ status: 'answered', confidence: { scale: 'score' } });
    expect(footerOf(await mentionAnswer(close))).toBe('FAQ · match: strong');
    expect(await saysUnasked(close)).toBe(true);

    // Scored between 0.5 and 0.6: good, but below the bar for speaking up unasked.
    const loose = 'open library hours';
    const looseReply = current.engine.ask(loose);
    if (looseReply.status !== 'answered') throw new Error(`not answered: ${looseReply.status}`);
    expect(looseReply.confidence.value).toBeGreaterThanOrEqual(0.5);
    expect(looseReply.confidence.value).toBeLessThan(0.6);
    expect(footerOf(await mentionAnswer(loose))).toBe('FAQ · match: good');
    expect(await saysUnasked(loose)).toBe(false);
  });
});
