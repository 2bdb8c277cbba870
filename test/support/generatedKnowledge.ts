import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A knowledge folder built for a test: `count` FAQ records, terms and table rows that all share one word. */
export interface GeneratedKnowledge {
  readonly dir: string;
  readonly count: number;
  /** The word every question, term and row name contains, so one typed word matches them all. */
  readonly sharedWord: string;
  remove(): Promise<void>;
}

// Distinct words, so no two questions claim the same phrasing.
const names = ['alder', 'birch', 'cedar', 'damson', 'elder', 'fir', 'ginkgo', 'hazel', 'ilex', 'juniper', 'kauri', 'larch', 'maple', 'nutmeg', 'olive', 'poplar', 'quince', 'rowan', 'spruce', 'teak', 'ulmus', 'viburnum', 'walnut', 'xylosma', 'yew', 'zelkova', 'acacia', 'banyan', 'cypress', 'dogwood', 'ebony', 'fig', 'gum', 'hemlock', 'ironwood', 'jacaranda', 'katsura', 'linden', 'magnolia', 'neem'];

export async function makeGeneratedKnowledge(count: number): Promise<GeneratedKnowledge> {
  if (count > names.length) throw new Error(`test setup: at most ${names.length} generated records`);
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-generated-'));
  const picked = names.slice(0, count);
  const sharedWord = 'orchard';
  await writeFile(path.join(dir, 'sources.yaml'), 'sources:\n  - id: handbook\n    title: The Orchard Handbook\n');
  await writeFile(
    path.join(dir, 'faq.yaml'),
    `faq:\n${picked
      .map(
        (name, i) =>
          `  - id: ${name}-care\n    question: How do I care for the ${name} tree in the ${sharedWord}?\n    alternates: []\n` +
          `    answer: The ${name} tree needs care plan ${i + 1} from the handbook.\n    sources: [handbook]\n`,
      )
      .join('\n')}`,
  );
  await writeFile(
    path.join(dir, 'terms.yaml'),
    `terms:\n${picked
      .map((name) => `  - id: ${name}-${sharedWord}\n    term: ${name[0]?.toUpperCase()}${name.slice(1)} ${sharedWord}\n    definition: An ${sharedWord} planted with ${name} trees.\n    sources: [handbook]\n`)
      .join('\n')}`,
  );
  await writeFile(
    path.join(dir, 'table.yaml'),
    `table:\n  id: ${sharedWord}-plans\n  title: Care plans by tree\n  columns: [Tree, Plan]\n  rows:\n${picked
      .map((name, i) => `    - feature: ${name} ${sharedWord} row\n      cells: [Plan ${i + 1}]\n`)
      .join('')}  triggers: [compare the care plans]\n  sources: [handbook]\n`,
  );
  await writeFile(path.join(dir, 'synonyms.yaml'), 'synonyms: {}\n');
  return { dir, count, sharedWord, remove: () => rm(dir, { recursive: true, force: true }) };
}
