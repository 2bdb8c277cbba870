import type { FaqRecord, Knowledge } from '../knowledge/schema.ts';
import { createAnswerEngine, type EngineOptions } from './answerEngine.ts';

/**
 * The knowledge asked its own phrasings, each with itself left out: round r takes phrasing r (the
 * question, then each alternate) out of every FAQ record that has one and at least one more, builds
 * the engine without them and asks them. A phrasing answered with another record is a confusion a
 * moderator can fix (a phrasing that tells the two apart, or listing them as related).
 *
 * It is also an estimate, from the knowledge alone, of how often members' questions get a wrong
 * answer: on BANKING77 made an FAQ (77 records of 10 real user questions each) its phrasings asked
 * this way got 58.3% right / 10.9% wrong, the benchmark's 3,080 test questions 58.1% / 11.1% (5
 * questions each: 46.2% / 12.7% against 51.0% / 11.3%). Where records overlap by design (this
 * project's article) most of its confusions are with a related record, which it counts apart.
 */
export interface HeldOutReport {
  /** Phrasings asked. */
  readonly asked: number;
  /** Answered with their own record. */
  readonly right: number;
  /** Answered with a record listed as related to theirs (either way): a lesser confusion. */
  readonly related: number;
  /** Answered with an unrelated record, a glossary term or the table. */
  readonly wrong: number;
  /** Not answered: suggestions or nothing. */
  readonly unsure: number;
  /** Every phrasing answered with another record, unrelated ones first, then by record. */
  readonly confusions: readonly Confusion[];
  /** How many engines were built (one per round). */
  readonly rounds: number;
}

export interface Confusion {
  /** The FAQ record the phrasing belongs to. */
  readonly record: string;
  readonly phrasing: string;
  /** The record it was answered with, as `kind:id`. */
  readonly answeredWith: string;
  /** Whether the two records list each other as related. */
  readonly related: boolean;
}

export interface HeldOutOptions {
  /** At most this many rounds (phrasings per record asked): each builds the engine once. */
  readonly maxRounds?: number;
  readonly engine?: EngineOptions;
}

export function askHeldOutPhrasings(knowledge: Knowledge, { maxRounds = 12, engine = {} }: HeldOutOptions = {}): HeldOutReport {
  const relatedPairs = new Set(knowledge.faq.flatMap((faq) => faq.related.flatMap((id) => [`${faq.id} ${id}`, `${id} ${faq.id}`])));
  const mostPhrasings = Math.max(0, ...knowledge.faq.map((faq) => 1 + faq.alternates.length));
  const rounds = Math.min(maxRounds, mostPhrasings);
  const confusions: Confusion[] = [];
  let asked = 0;
  let right = 0;
  let unsure = 0;
  for (let round = 0; round < rounds; round++) {
    const heldOut: { record: string; phrasing: string }[] = [];
    const faq = knowledge.faq.map((record) => {
      const left = withoutPhrasing(record, round);
      if (left === record) return record;
      heldOut.push({ record: record.id, phrasing: phrasingsOf(record)[round]! });
      return left;
    });
    if (heldOut.length === 0) continue;
    const asker = createAnswerEngine({ ...knowledge, faq }, engine);
    for (const { record, phrasing } of heldOut) {
      asked++;
      const reply = asker.ask(phrasing);
      if (reply.status !== 'answered') {
        unsure++;
        continue;
      }
      const answered = [reply, ...reply.also];
      if (answered.some((part) => part.kind === 'faq' && part.id === record)) {
        right++;
        continue;
      }
      const related = reply.kind === 'faq' && relatedPairs.has(`${record} ${reply.id}`);
      confusions.push({ record, phrasing, answeredWith: `${reply.kind}:${reply.id}`, related });
    }
  }
  confusions.sort((a, b) => Number(a.related) - Number(b.related) || a.record.localeCompare(b.record));
  const related = confusions.filter((confusion) => confusion.related).length;
  return { asked, right, related, wrong: confusions.length - related, unsure, confusions, rounds };
}

const phrasingsOf = (record: FaqRecord): readonly string[] => [record.question, ...record.alternates];

/** The record without its phrasing `at`, or the record itself when it has no such phrasing or no other. */
function withoutPhrasing(record: FaqRecord, at: number): FaqRecord {
  const phrasings = phrasingsOf(record);
  if (phrasings.length < 2 || at >= phrasings.length) return record;
  const [question, ...alternates] = phrasings.filter((_, index) => index !== at);
  return { ...record, question: question!, alternates };
}
