const ellipsis = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` UTF-16 units, ending with "…" when cut. Lengths are counted the way
 * discord.js validates them (string length), which is never less than Discord's own count, and the
 * cut falls between graphemes so no surrogate pair, flag or accented letter is split in half.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ellipsis.length) return '';
  const room = max - ellipsis.length;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > room) break;
    kept += segment;
  }
  return kept.trimEnd() + ellipsis;
}

/**
 * Lines joined with `separator` within `max` units; lines that do not fit are dropped whole and
 * counted in a closing `more(count)` line, so a list is shortened without a half-cut entry.
 */
export function joinWithin(lines: readonly string[], max: number, more: (count: number) => string, separator = '\n'): string {
  const whole = lines.join(separator);
  if (whole.length <= max) return whole;
  for (let kept = lines.length - 1; kept >= 0; kept -= 1) {
    const tail = more(lines.length - kept);
    const joined = [...lines.slice(0, kept), tail].join(separator);
    if (joined.length <= max) return joined;
  }
  return truncate(more(lines.length), max);
}
