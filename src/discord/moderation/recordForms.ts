import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import type { FaqRecord, TermRecord } from '../../knowledge/schema.ts';
import { discordLimits } from '../../knowledge/discordLimits.ts';
import { quoteMaxLength } from '../../knowledge/schema.ts';
import type { FaqInput, TermInput } from '../../store/knowledgeWriter.ts';

// A modal text input holds at most 4,000 characters; the schema's own limits are applied again on save.
const modalTextMax = 4000;

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
  { id: 'sources', label: 'Sources', description: 'Source ids, comma-separated (see /sources)', style: TextInputStyle.Short, max: 200, required: true },
];

const termFields: readonly FieldSpec[] = [
  { id: 'term', label: 'Term', description: 'The name as shown', style: TextInputStyle.Short, max: discordLimits.autocompleteChoiceName, required: true },
  { id: 'aliases', label: 'Aliases', description: 'Other names, one per line', style: TextInputStyle.Paragraph, max: modalTextMax, required: false },
  { id: 'definition', label: 'Definition', description: 'Plain meaning first, then what it means in the article', style: TextInputStyle.Paragraph, max: modalTextMax, required: true },
  { id: 'sources', label: 'Sources', description: 'Source ids, comma-separated (see /sources)', style: TextInputStyle.Short, max: 200, required: true },
];

function buildModal(customId: string, title: string, fields: readonly FieldSpec[], values: Readonly<Record<string, string>>): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(title.slice(0, 45))
    .addLabelComponents(
      fields.map((field) => {
        const input = new TextInputBuilder().setCustomId(field.id).setStyle(field.style).setMaxLength(field.max).setRequired(field.required);
        const value = values[field.id];
        if (value) input.setValue(value.slice(0, field.max));
        return new LabelBuilder().setLabel(field.label).setDescription(field.description).setTextInputComponent(input);
      }),
    );
}

export function faqModal(customId: string, title: string, record?: FaqRecord): ModalBuilder {
  return buildModal(customId, title, faqFields, {
    question: record?.question ?? '',
    alternates: record?.alternates.join('\n') ?? '',
    answer: record?.answer ?? '',
    quote: record?.quote ?? '',
    sources: record?.sources.join(', ') ?? 'article',
  });
}

export function termModal(customId: string, title: string, record?: TermRecord): ModalBuilder {
  return buildModal(customId, title, termFields, {
    term: record?.term ?? '',
    aliases: record?.aliases.join('\n') ?? '',
    definition: record?.definition ?? '',
    sources: record?.sources.join(', ') ?? 'article',
  });
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
const ids = (text: string) => text.split(/[,\s]+/).map((id) => id.trim()).filter(Boolean);
const field = (interaction: ModalSubmitInteraction, id: string) => interaction.fields.getTextInputValue(id).trim();

/** A slug for a new record's id, from its question or term. */
export function slugFrom(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '') || 'record';
}

/** The FAQ record a submitted form describes; `base` keeps what the form does not show (id, related). */
export function faqFromForm(interaction: ModalSubmitInteraction, base: { id: string; related: readonly string[] }): FaqInput {
  const quote = field(interaction, 'quote');
  return {
    id: base.id,
    question: field(interaction, 'question'),
    alternates: lines(field(interaction, 'alternates')),
    answer: field(interaction, 'answer'),
    ...(quote ? { quote } : {}),
    sources: ids(field(interaction, 'sources')),
    related: [...base.related],
  };
}

export function termFromForm(interaction: ModalSubmitInteraction, base: { id: string }): TermInput {
  return {
    id: base.id,
    term: field(interaction, 'term'),
    aliases: lines(field(interaction, 'aliases')),
    definition: field(interaction, 'definition'),
    sources: ids(field(interaction, 'sources')),
  };
}
