import { Resvg } from '@resvg/resvg-js';
import type { StatsReport } from './statsReport.ts';

const width = 800;
const height = 360;
const margin = { top: 48, right: 24, bottom: 56, left: 48 };
// Discord's dark theme background, and one colour per outcome.
const colours = { background: '#2b2d31', text: '#dbdee1', grid: '#4e5058', answered: '#57f287', suggestions: '#fee75c', noMatch: '#ed4245' } as const;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Questions per day as stacked bars (answered, suggestions, no match), as SVG. */
export function statsChartSvg(stats: StatsReport): string {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const most = Math.max(1, ...stats.perDay.map((d) => d.answered + d.suggestions + d.noMatch));
  const slot = plotWidth / Math.max(1, stats.perDay.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (n: number) => (n / most) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="${colours.background}"/>`,
    `<text x="${margin.left}" y="28" fill="${colours.text}" font-size="18">${escapeXml(`Questions per day, last ${stats.days} days`)}</text>`,
    `<line x1="${margin.left}" y1="${margin.top + plotHeight}" x2="${width - margin.right}" y2="${margin.top + plotHeight}" stroke="${colours.grid}"/>`,
    `<text x="${margin.left - 8}" y="${margin.top + 4}" fill="${colours.text}" font-size="12" text-anchor="end">${most}</text>`,
    `<text x="${margin.left - 8}" y="${margin.top + plotHeight}" fill="${colours.text}" font-size="12" text-anchor="end">0</text>`,
  ];
  stats.perDay.forEach((day, i) => {
    const x = margin.left + i * slot + (slot - barWidth) / 2;
    let base = margin.top + plotHeight;
    for (const [n, colour] of [[day.answered, colours.answered], [day.suggestions, colours.suggestions], [day.noMatch, colours.noMatch]] as const) {
      if (n === 0) continue;
      const h = y(n);
      base -= h;
      parts.push(`<rect x="${x.toFixed(1)}" y="${base.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"/>`);
    }
    // Label every day when few, else about seven labels.
    if (stats.perDay.length <= 10 || i % Math.ceil(stats.perDay.length / 7) === 0) {
      parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${margin.top + plotHeight + 18}" fill="${colours.text}" font-size="11" text-anchor="middle">${day.day.slice(5)}</text>`);
    }
  });
  const legend: [string, string][] = [['answered', colours.answered], ['suggestions', colours.suggestions], ['no match', colours.noMatch]];
  legend.forEach(([label, colour], i) => {
    const x = margin.left + i * 150;
    parts.push(`<rect x="${x}" y="${height - 22}" width="12" height="12" fill="${colour}"/>`);
    parts.push(`<text x="${x + 18}" y="${height - 12}" fill="${colours.text}" font-size="13">${label}</text>`);
  });
  const rate = stats.answerRate === null ? '—' : `${Math.round(stats.answerRate * 100)}%`;
  parts.push(`<text x="${width - margin.right}" y="28" fill="${colours.text}" font-size="14" text-anchor="end">${escapeXml(`${stats.total} questions · answer rate ${rate}`)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The chart as a PNG, rendered in this process (no browser, no service). */
export function statsChartPng(stats: StatsReport): Buffer {
  return new Resvg(statsChartSvg(stats), { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
