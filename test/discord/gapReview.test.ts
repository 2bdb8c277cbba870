import { describe, expect, it } from 'vitest';
import { kbIds } from '../../src/discord/moderation/kbIds.ts';
import { renderGaps } from '../../src/discord/moderation/gapReview.ts';
import type { GapRow } from '../../src/questionLog/gapReport.ts';

const gap = (n: number): GapRow => ({
  id: n.toString(16).padStart(12, '0'),
  question: `unanswered question ${n}`,
  count: 20 - n,
  outcome: 'no_match',
  lastAsked: Date.UTC(2026, 10, 1),
  candidates: [],
  membersChose: null,
  keys: [`key ${n}`],
});

const customIds = (rendered: ReturnType<typeof renderGaps>) => rendered.components.flatMap((row) => row.toJSON().components.map((button) => ('custom_id' in button ? button.custom_id : '')));

describe('the /kb gaps reply', () => {
  it("gives a knowledge server's moderators the actions of the first five rows, each naming its row and window", () => {
    const rendered = renderGaps([1, 2, 3, 4, 5, 6, 7].map(gap), 7);
    expect(rendered.content.split('\n').filter((line) => /^\d+\. /.test(line))).toHaveLength(7);
    const ids = customIds(rendered).map((id) => kbIds.decode(id));
    expect(ids).toHaveLength(15);
    expect(ids.slice(0, 3)).toEqual([
      { step: 'gap-alt', days: 7, gap: gap(1).id },
      { step: 'gap-new', days: 7, gap: gap(1).id },
      { step: 'gap-dismiss', days: 7, gap: gap(1).id },
    ]);
    expect(new Set(ids.map((id) => id && 'gap' in id && id.gap))).toEqual(new Set([1, 2, 3, 4, 5].map((n) => gap(n).id)));
  });

  it("shows another server's moderators their own server's rows without any action", () => {
    const rendered = renderGaps([1, 2].map(gap), 7, { ownServer: true });
    expect(rendered.components).toEqual([]);
    expect(rendered.content).toContain('in this server');
    expect(rendered.content).toContain('unanswered question 2');
  });

  it('says there is nothing to review, with the window', () => {
    expect(renderGaps([], 1)).toEqual({ content: expect.stringMatching(/^✅ No gaps in the last 1 day:/), components: [] });
    expect(renderGaps([], 3, { ownServer: true }).content).toMatch(/^✅ No gaps in this server in the last 3 days:/);
  });
});
