import type { Knowledge } from '../knowledge/schema.ts';
import { createReplyBuilder, type ReplyBuilder } from '../reply/buildReply.ts';
import type { BuildSteps } from '../search/buildSteps.ts';
import { nameablesOf, nameCompleterSteps, type NameCompleter, type Nameable } from '../search/completeNames.ts';
import { keywordIndexSteps, type IndexDocument } from '../search/keywordIndex.ts';
import { createQueryTextPipeline } from '../search/queryText.ts';
import { namesSteps, relationFinder, relationsOf, type Relation } from './relations.ts';
import { topicWeightOfStem } from '../text/wordCommonness.ts';
import type { DecisionPolicy } from './decisionPolicy.ts';
import type { EngineTuning } from './engineTuning.ts';
import { createLexicalRanker, type LexicalRanker } from './lexicalCandidates.ts';
import type { Reader } from './readQuestion.ts';
import { keyOf, type CatalogRecord, type RecordCatalog } from './recordCatalog.ts';
import type { RequirementRule } from './rules/requirementRule.ts';
import { createRuleSet } from './rules/ruleSet.ts';
import { createTableRows, type TableRows } from './tableRows.ts';
import type { Wording } from './wording.ts';

/** Everything the stages need, built once per knowledge version. */
export interface EngineParts {
  readonly knowledge: Knowledge;
  readonly tuning: EngineTuning;
  readonly policy: DecisionPolicy;
  readonly reader: Reader;
  readonly catalog: RecordCatalog;
  readonly lexical: LexicalRanker;
  readonly rows: TableRows;
  readonly replies: ReplyBuilder;
  /** What autocomplete and lookups match typed names against. */
  readonly names: { readonly faq: readonly Nameable[]; readonly term: readonly Nameable[]; readonly row: readonly Nameable[] };
  /** Autocomplete per list: spelled tiers, then names one slip away. */
  readonly completers: { readonly faq: NameCompleter; readonly term: NameCompleter; readonly row: NameCompleter };
}

export interface EngineBuildOptions {
  readonly tuning: EngineTuning;
  readonly policy: DecisionPolicy;
  readonly rules: readonly RequirementRule[];
}

/**
 * Builds the engine's parts as steps (see `BuildSteps`): run at once, or in slices between other
 * work while a bot keeps answering from its previous engine. A step per FAQ record (and per
 * document indexed), so a slice stays short at any knowledge size.
 */
export function* engineSteps(knowledge: Knowledge, { tuning, policy, rules: ruleList }: EngineBuildOptions): BuildSteps<EngineParts> {
  const text = createQueryTextPipeline(knowledge.synonyms, knowledge.concepts);
  const rules = createRuleSet(ruleList);
  const replies = createReplyBuilder(knowledge);
  const { table } = knowledge;

  // The knowledge's names first: a record's relations are read between them.
  const knowledgeNames = yield* namesSteps(phrasingsOf(knowledge));
  const mayStateRelation = relationFinder(knowledgeNames);
  yield;
  const relations: (readonly Relation[])[] = [];
  const noRelations: readonly Relation[] = [];
  const records: CatalogRecord[] = [];
  const numberByKey = new Map<string, number>();
  const flags = new Uint32Array(knowledge.faq.length + knowledge.terms.length + 1);
  /** The text a record is indexed by besides its phrasings, and what the requirement rules read. */
  const bodyOf = (record: CatalogRecord): string => {
    if (record.kind === 'faq') {
      const faq = knowledge.faq[record.position]!;
      return [faq.answer, faq.quote ?? ''].join('\n');
    }
    if (record.kind === 'term') return knowledge.terms[record.position]!.definition;
    return [...table.columns, ...table.rows.flatMap((row) => [row.feature, ...row.cells])].join('. ');
  };
  // The documents are referred to by no function that outlives the build: they, and the phrasing
  // lists made for them, are dropped once the index is built.
  const docs: IndexDocument[] = [];
  const add = (record: CatalogRecord, phrasings: readonly string[]): IndexDocument => {
    const number = records.length;
    records.push(record);
    // Filled record by record, like the rest: one map of every record at once is a long pause at 10,000 records.
    numberByKey.set(keyOf(record), number);
    flags[number] = rules.statesOf(bodyOf(record));
    // From the phrasings only: an answer often states both directions ("…while OpenAI still pays Microsoft").
    const stated = phrasings.filter(mayStateRelation).flatMap((phrasing) => relationsOf(knowledgeNames, text.canonical(phrasing)));
    relations.push(stated.length > 0 ? stated : noRelations);
    return new RecordDocument(keyOf(record), phrasings, record, bodyOf);
  };
  yield;
  for (const [position, faq] of knowledge.faq.entries()) {
    docs.push(add({ kind: 'faq', id: faq.id, title: faq.question, position }, [faq.question, ...faq.alternates]));
    yield;
  }
  for (const [position, term] of knowledge.terms.entries()) docs.push(add({ kind: 'term', id: term.id, title: term.term, position }, [term.term, ...term.aliases]));
  docs.push(add({ kind: 'table', id: table.id, title: table.title, position: 0 }, [table.title, ...table.triggers]));
  // Only glossary terms and the table are ever boosted, by what the wording asks for: four maps, made once.
  const termKeys = records.filter((record) => record.kind === 'term').map(keyOf);
  const tableKey = keyOf({ kind: 'table', id: table.id });
  const boostMaps = [false, true].map((definition) =>
    [false, true].map((comparison) => {
      const boosts = new Map<string, number>(termKeys.map((key) => [key, definition ? tuning.definitionBonus : -tuning.termPenalty]));
      if (comparison) boosts.set(tableKey, tuning.comparisonBonus);
      return boosts;
    }),
  );
  const boostsFor = (wording: Wording): ReadonlyMap<string, number> => boostMaps[Number(wording.definition)]![Number(wording.comparison)]!;

  yield;
  const relatedPairs = new Set(knowledge.faq.flatMap((faq) => faq.related.flatMap((id) => [`faq:${faq.id} faq:${id}`, `faq:${id} faq:${faq.id}`])));
  const catalog: RecordCatalog = {
    records,
    numberOf: (key) => numberByKey.get(key),
    flags,
    related: (a, b) => {
      const [first, second] = [records[a], records[b]];
      return first !== undefined && second !== undefined && relatedPairs.has(`${keyOf(first)} ${keyOf(second)}`);
    },
    relations: (record) => relations[record] ?? noRelations,
  };
  yield;
  const index = yield* keywordIndexSteps(docs, text.tokens, tuning.index, topicWeightOfStem);

  const faqNames: Nameable[] = [];
  for (const faq of knowledge.faq) {
    faqNames.push(...nameablesOf(faq.id, faq.question, faq.alternates));
    yield;
  }
  const names = {
    faq: faqNames,
    term: knowledge.terms.flatMap((term) => nameablesOf(term.id, term.term, term.aliases)),
    row: table.rows.flatMap((row) => nameablesOf(row.feature, row.feature, row.aliases)),
  };
  const completers = { faq: yield* nameCompleterSteps(names.faq), term: yield* nameCompleterSteps(names.term), row: yield* nameCompleterSteps(names.row) };
  return {
    knowledge,
    tuning,
    policy,
    reader: { text, rules, names: knowledgeNames },
    catalog,
    lexical: createLexicalRanker({ index, catalog, boostsFor, limit: tuning.maxSuggestions + 2, within: tuning.suggestionWindow }),
    rows: createTableRows(table, text, names.row, tuning),
    replies,
    names,
    completers,
  };
}

/** Every phrasing of the knowledge as moderators wrote it: where its names are found. */
function phrasingsOf({ faq, terms, table }: Knowledge): string[] {
  const phrasings: string[] = [table.title, ...table.triggers];
  for (const record of faq) phrasings.push(record.question, ...record.alternates);
  for (const term of terms) phrasings.push(term.term, ...term.aliases);
  return phrasings;
}

/**
 * A record as the index reads it. Its body is made when the index reads it: made for every record
 * up front, megabytes of text would outlive young-generation collections only to be dropped after
 * the build. A class, not an object literal with a getter: that would be a dictionary-mode object
 * and a closure for each record.
 */
class RecordDocument implements IndexDocument {
  constructor(
    readonly id: string,
    readonly phrasings: readonly string[],
    private readonly record: CatalogRecord,
    private readonly bodyOf: (record: CatalogRecord) => string,
  ) {}

  get body(): string {
    return this.bodyOf(this.record);
  }
}
