import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { FaqRecord, TermRecord } from '../../knowledge/schema.ts';
import { discordLimits } from '../../knowledge/discordLimits.ts';
import { quoteMaxLength } from '../../knowledge/schema.ts';
import type { FaqFields, TermFields } from '../../moderation/moderationService.ts';

// A modal text input holds at most 4,000 characters; the schema's own limits are applied again on save.
export const modalTextMax = 4000;
const sourcesMax = 200;

interface FieldSpec {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly style: TextInputStyle;
  readonly max: number;
  readonly required: boolean;
}

const faqFields: readonly FieldSpec[] = [
  { id: 'question', label: 'Question', description: 'As members ask it; shown as the title', style: TextInputStyle.Short, max: discordLimits.autocompleteChoiceName, required: true },
  { id: 'alternates', label: 'Other phrasings', description: 'One per line; used for matching only', style: TextInputStyle.Paragraph, max: modalTextMax, required: false },
  { id: 'answer', label: 'Answer', description: 'Discord markdown; only what the sources say', style: TextInputStyle.Paragraph, max: modalTextMax, required: true },
  { id: 'quote', label: 'Quote from the source', description: 'Optional; word for word', style: TextInputStyle.Paragraph, max: quoteMaxLength, required: false },
  { id: 'sources', label: 'Sources', description: 'Source ids, comma-separated (see /sources)', style: TextInputStyle.Short, max: sourcesMax, required: true },
];

const termFields: readonly FieldSpec[] = [
  { id: 'term', label: 'Term', description: 'The name as shown', style: TextInputStyle.Short, max: discordLimits.autocompleteChoiceName, required: true },
  { id: 'aliases', label: 'Aliases', description: 'Other names, one per line', style: TextInputStyle.Paragraph, max: modalTextMax, required: false },
  { id: 'definition', label: 'Definition', description: 'What the sources say about it, in their words', style: TextInputStyle.Paragraph, max: modalTextMax, required: true },
  { id: 'quote', label: 'Quote from the source', description: 'The sentence that states it, word for word', style: TextInputStyle.Paragraph, max: quoteMaxLength, required: false },
  { id: 'sources', label: 'Sources', description: 'Source ids, comma-separated (see /sources)', style: TextInputStyle.Short, max: sourcesMax, required: true },
];

type FormValues = Readonly<Record<string, string>>;

const faqValues = (record: FaqRecord): FormValues => ({
  question: record.question,
  alternates: record.alternates.join('\n'),
  answer: record.answer,
  quote: record.quote ?? '',
  sources: record.sources.join(', '),
});

const termValues = (record: TermRecord): FormValues => ({
  term: record.term,
  aliases: record.aliases.join('\n'),
  definition: record.definition,
  quote: record.quote ?? '',
  sources: record.sources.join(', '),
});

/** The fields whose current text is longer than the form can hold: never prefilled cut short. */
function fieldsTooLong(fields: readonly FieldSpec[], values: FormValues): FieldSpec[] {
  return fields.filter((field) => (values[field.id] ?? '').length > field.max);
}

/**
 * A form prefilled with `values`. A field whose text does not fit is left empty and optional, and
 * says so: saving it empty keeps the text as it is, so nothing is ever cut without the moderator
 * seeing it (typing a replacement replaces it).
 */
function buildModal(customId: string, title: string, fields: readonly FieldSpec[], values: FormValues): ModalBuilder {
  const tooLong = new Set(fieldsTooLong(fields, values).map((field) => field.id));
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(title.slice(0, 45))
    .addLabelComponents(
      fields.map((field) => {
        const input = new TextInputBuilder().setCustomId(field.id).setStyle(field.style).setMaxLength(field.max);
        const value = values[field.id] ?? '';
        const label = new LabelBuilder().setLabel(field.label);
        if (tooLong.has(field.id)) {
          const note = `Too long for this form (${value.length.toLocaleString('en-US')} characters): leave empty to keep it as it is`;
          input.setRequired(false).setPlaceholder(note.slice(0, 100));
          return label.setDescription('Or type a replacement for the whole text').setTextInputComponent(input);
        }
        input.setRequired(field.required);
        if (value) input.setValue(value);
        return label.setDescription(field.description).setTextInputComponent(input);
      }),
    );
}

/** `question` prefills a new record's question (a member's question from the gap review). */
export function faqModal(customId: string, title: string, record?: FaqRecord, { question }: { question?: string } = {}): ModalBuilder {
  return buildModal(customId, title, faqFields, record ? faqValues(record) : { sources: 'article', ...(question ? { question: question.slice(0, discordLimits.autocompleteChoiceName) } : {}) });
}

export function termModal(customId: string, title: string, record?: TermRecord): ModalBuilder {
  return buildModal(customId, title, termFields, record ? termValues(record) : { sources: 'article' });
}

/** What a submitted form says, field by field (discord.js: `interaction.fields.getTextInputValue`). */
export type SubmittedField = (id: string) => string;

/** A record read from a form, and the fields kept as they were because they did not fit the form. */
export interface FromForm<R> {
  readonly record: R;
  readonly kept: readonly string[];
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
const ids = (text: string) => text.split(/[,\s]+/).map((id) => id.trim()).filter(Boolean);

/** The submitted text of each field; a field that did not fit and came back empty keeps `current`'s text. */
function readFields(fields: readonly FieldSpec[], submitted: SubmittedField, current: FormValues | undefined) {
  const tooLong = new Set(current ? fieldsTooLong(fields, current).map((field) => field.id) : []);
  const kept: string[] = [];
  const text = (id: string): string | null => {
    const value = submitted(id).trim();
    if (value || !tooLong.has(id)) return value;
    kept.push(fields.find((field) => field.id === id)?.label ?? id);
    return null;
  };
  return { text, kept };
}

/**
 * The FAQ record a submitted form describes (its id is the service's to give or keep); `current`
 * (when editing) keeps what the form does not show (related) and supplies the fields too long for
 * the form that came back empty.
 */
export function faqFromForm(submitted: SubmittedField, current?: FaqRecord): FromForm<FaqFields> {
  const { text, kept } = readFields(faqFields, submitted, current ? faqValues(current) : undefined);
  const alternates = text('alternates');
  const answer = text('answer');
  const sources = text('sources');
  const quote = text('quote') ?? '';
  return {
    record: {
      question: text('question') ?? '',
      alternates: alternates === null ? [...(current?.alternates ?? [])] : lines(alternates),
      answer: answer ?? current?.answer ?? '',
      ...(quote ? { quote } : {}),
      sources: sources === null ? [...(current?.sources ?? [])] : ids(sources),
      related: [...(current?.related ?? [])],
    },
    kept,
  };
}

/** The term a submitted form describes; the editors' note, which the form does not show, is kept from `current`. */
export function termFromForm(submitted: SubmittedField, current?: TermRecord): FromForm<TermFields> {
  const { text, kept } = readFields(termFields, submitted, current ? termValues(current) : undefined);
  const aliases = text('aliases');
  const definition = text('definition');
  const sources = text('sources');
  const quote = text('quote') ?? '';
  return {
    record: {
      term: text('term') ?? '',
      aliases: aliases === null ? [...(current?.aliases ?? [])] : lines(aliases),
      definition: definition ?? current?.definition ?? '',
      ...(quote ? { quote } : {}),
      sources: sources === null ? [...(current?.sources ?? [])] : ids(sources),
      ...(current?.editorsNote ? { editorsNote: current.editorsNote } : {}),
    },
    kept,
  };
}
