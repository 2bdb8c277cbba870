import { describe, expect, it } from 'vitest';
import { classifierProbabilities, fitRecordClassifier, recordClassifierSteps } from '../../src/meaning/recordClassifier.ts';

const v = (...values: number[]) => Float32Array.from(values);
// Record "a" is asked in ways that differ along the second dimension only; "b" too. What tells
// them apart is the first dimension.
const records = [
  [v(1, 0.5, 0.02), v(1, -0.5, -0.02)],
  [v(0.2, 1.1, 0.01), v(0.2, 0.1, -0.01)],
];
const best = (scores: Float64Array) => scores.indexOf(Math.max(...scores));

describe('record classifier', () => {
  it('tells records apart by what differs between them, not by how each one\u2019s phrasings vary', () => {
    const classifier = fitRecordClassifier(records);
    const query = v(0.65, 0.6, 0);
    // The nearest mean is b's (0.2, 0.6, 0); but a's phrasings vary that much along the second
    // dimension, and along the first, where the records differ, the question is nearer a.
    const distance = (mean: number[]) => mean.reduce((sum, m, i) => sum + (query[i]! - m) ** 2, 0);
    expect(distance([1, 0, 0])).toBeGreaterThan(distance([0.2, 0.6, 0]));
    expect(best(classifier.scores(query))).toBe(0);
    expect(best(classifier.scores(v(0.25, 0.9, 0)))).toBe(1);
  });

  it('gives the same scores from the same phrasings, fit at once or in slices', () => {
    const query = v(0.5, 0.3, 0.01);
    const once = fitRecordClassifier(records).scores(query);
    const steps = recordClassifierSteps(records);
    let step = steps.next();
    while (!step.done) step = steps.next();
    expect([...step.value.scores(query)]).toEqual([...once]);
    expect([...fitRecordClassifier(records).scores(query)]).toEqual([...once]);
  });

  it('turns scores into probabilities that sum to 1, sharper at a lower temperature', () => {
    const scores = Float64Array.from([3, 1, 0]);
    const sharp = classifierProbabilities(scores, 0.5);
    const soft = classifierProbabilities(scores, 5);
    expect(sharp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(sharp[0]!).toBeGreaterThan(soft[0]!);
    expect(soft[0]!).toBeGreaterThan(soft[1]!);
  });

  it('refuses a record without phrasings or vectors of another size, naming the record', () => {
    expect(() => fitRecordClassifier([[v(1, 0)], []])).toThrow(/Record 1 has no phrasing vector/);
    expect(() => fitRecordClassifier([[v(1, 0)], [v(1, 0, 0)]])).toThrow(/Record 1 has a vector of 3 dimensions, not 2/);
  });
});
