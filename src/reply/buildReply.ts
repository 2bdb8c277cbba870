import { comparableText } from '../knowledge/comparableText.ts';
import type { ComparisonTable, FaqRecord, Knowledge, Source, TermRecord } from '../knowledge/schema.ts';
import type { AnsweredReply, ChatReply, Confidence, DialogueAct, NoMatchReply, RecordRef, SuggestionsReply, TableView, Unstated } from './replyModel.ts';
import { noMatchMessage, tryAskingHint } from './replyMessages.ts';

/** Builds replies from records; knows the knowledge, nothing about matching or transport. */
export interface ReplyBuilder {
  faq(record: FaqRecord, question: string, confidence: Confidence): AnsweredReply;
  term(record: TermRecord, question: string, confidence: Confidence): AnsweredReply;
  /** The whole table, or only the rows at `rowIndexes`. */
  table(question: string, confidence: Confidence, rowIndexes?: readonly number[]): AnsweredReply;
  /** `unstated`: what the question asked for that the closest record does not state, when that is why it is no answer. */
  suggestions(question: string, confidence: Confidence, refs: readonly RecordRef[], unstated?: Unstated | null): SuggestionsReply;
  /** `unstated`: what the question asked for that no record states, when the engine can tell. */
  noMatch(question: string, confidence: Confidence, unstated?: Unstated | null): NoMatchReply;
  /** A message that was only chat: no answer, the act it performed. */
  dialogue(question: string, act: DialogueAct): ChatReply;
}

/** What an answer has none of unless its record gives it. */
const bare = { quote: null, editorsNote: null, table: null, related: [], also: [] } as const;

export function createReplyBuilder(knowledge: Knowledge): ReplyBuilder {
  const sourcesById = new Map(knowledge.sources.map((source) => [source.id, source]));
  const faqById = new Map(knowledge.faq.map((record) => [record.id, record]));
  const noMatchText = (unstated: Unstated | null) => `${noMatchMessage(knowledge.about, unstated)}\n${tryAskingHint(knowledge.about)}`;
  const plainNoMatchText = noMatchText(null);
  // Validation guarantees every id resolves; filtering keeps the types honest.
  const resolveSources = (ids: readonly string[]): Source[] =>
    ids.map((id) => sourcesById.get(id)).filter((source): source is Source => source !== undefined);

  return {
    faq: (record, question, confidence) => ({
      ...bare,
      question,
      status: 'answered',
      kind: 'faq',
      id: record.id,
      title: record.question,
      body: record.answer,
      quote: record.quote ?? null,
      sources: resolveSources(record.sources),
      related: record.related.flatMap((id): RecordRef[] => {
        if (id === knowledge.table.id) return [{ kind: 'table', id, title: knowledge.table.title }];
        const related = faqById.get(id);
        return related ? [{ kind: 'faq', id: related.id, title: related.question }] : [];
      }),
      confidence,
    }),
    term: (record, question, confidence) => ({
      ...bare,
      question,
      status: 'answered',
      kind: 'term',
      id: record.id,
      title: record.term,
      body: record.definition,
      quote: record.quote && !repeats(record.definition, record.quote) ? record.quote : null,
      sources: resolveSources(record.sources),
      editorsNote: record.editorsNote ?? null,
      confidence,
    }),
    table: (question, confidence, rowIndexes) => ({
      ...bare,
      question,
      status: 'answered',
      kind: 'table',
      id: knowledge.table.id,
      title: knowledge.table.title,
      body: '',
      sources: resolveSources(knowledge.table.sources),
      table: tableView(knowledge.table, rowIndexes),
      confidence,
    }),
    suggestions: (question, confidence, refs, unstated = null) => ({ question, status: 'suggestions', suggestions: refs, unstated, confidence }),
    noMatch: (question, confidence, unstated = null) => ({
      question,
      status: 'no_match',
      confidence,
      unstated,
      body: unstated ? noMatchText(unstated) : plainNoMatchText,
    }),
    dialogue: (question, act) => ({ question, status: 'chat', act }),
  };
}

/** A definition that already says its quote word for word would show it twice. */
function repeats(definition: string, quote: string): boolean {
  return comparableText(definition).toLowerCase().includes(comparableText(quote).toLowerCase());
}

function tableView(table: ComparisonTable, rowIndexes?: readonly number[]): TableView {
  const rows = rowIndexes && rowIndexes.length > 0 ? rowIndexes.map((i) => table.rows[i]).filter((row) => row !== undefined) : table.rows;
  return {
    title: table.title,
    columns: table.columns,
    rows: rows.map((row) => [row.feature, ...row.cells]),
    partial: rows.length < table.rows.length,
    totalRows: table.rows.length,
  };
}
