import type { DecisionPolicy } from './decisionPolicy.ts';
import type { LexicalPolicyTuning } from './engineTuning.ts';

/**
 * The decision by the lexical score alone: answer when the best record is good enough and clearly
 * ahead of the runner-up (or stands alone, far ahead on at least two shared words); answer two related
 * records together when they are too close to tell apart; otherwise offer those near the best.
 */
export function lexicalPolicy(tuning: LexicalPolicyTuning): DecisionPolicy {
  return {
    name: 'lexical',
    scale: 'score',
    // The lexical candidates, in their order: the encoder's others have no lexical score. A record
    // that shares no word with the question, only senses a lexicon guessed for its words ("weather"
    // → "conditions"), is not offered: the guess is as likely another sense.
    rank: (candidates) =>
      candidates
        .filter((candidate) => candidate.features.lexicalRank > 0 && candidate.features.wordsAsWritten > 0)
        .map((candidate) => ({ candidate, confidence: Math.min(1, Math.max(0, candidate.features.lexicalScore)) })),
    judge(ranked, context) {
      const [best, second, third] = ranked.map(({ candidate }) => candidate);
      const scoreOf = (candidate: typeof best) => candidate?.features.lexicalScore ?? 0;
      if (!best || scoreOf(best) < tuning.suggestThreshold) {
        return { action: 'nothing', suggested: [], reason: `the best score is ${n(scoreOf(best))} (suggestions from ${tuning.suggestThreshold})` };
      }

      const lead = scoreOf(best) - scoreOf(second);
      // One word ("microsoft") names a topic, not a question: it gets a glossary term, never an FAQ answer.
      const words = best.features.matchedWords;
      const enoughWords = words >= 2 || !context.isFaq(best.record);
      const goodAndAhead = scoreOf(best) >= tuning.answerThreshold && lead >= tuning.answerMargin && enoughWords;
      const standsAlone = scoreOf(best) >= tuning.leadThreshold && lead >= tuning.leadMargin && words >= 2;
      const suggested = ranked
        .filter(({ candidate }) => scoreOf(candidate) >= tuning.suggestThreshold && scoreOf(candidate) >= scoreOf(best) - tuning.suggestionWindow)
        .slice(0, tuning.maxSuggestions);
      const standing = `score ${n(scoreOf(best))}, ${n(lead)} ahead of the next`;
      if (goodAndAhead) return { action: 'answer', suggested, reason: `${standing} (answers from ${tuning.answerThreshold}, ${tuning.answerMargin} ahead)` };
      if (standsAlone) return { action: 'answer', suggested, reason: `${standing}: it stands alone (from ${tuning.leadThreshold}, ${tuning.leadMargin} ahead)` };
      // Exactly two: when a third is as close ("revenue share?"), it is a topic, not a question between two answers.
      const pair =
        second !== undefined &&
        (!third || scoreOf(second) - scoreOf(third) >= tuning.answerMargin) &&
        scoreOf(second) >= tuning.pairThreshold &&
        lead < tuning.answerMargin &&
        second.features.matchedWords >= 2 &&
        context.related(best.record, second.record);
      if (pair) return { action: 'pair', suggested, reason: `two related records too close to tell apart (${n(scoreOf(best))} and ${n(scoreOf(second))})` };
      const oneWord = enoughWords ? '' : '; one matched word names a topic, not a question';
      return { action: 'suggest', suggested, reason: `${standing} (answers from ${tuning.answerThreshold}, ${tuning.answerMargin} ahead)${oneWord}` };
    },
  };
}

const n = (value: number) => String(Math.round(value * 1000) / 1000);
