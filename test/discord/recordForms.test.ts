import { describe, expect, it } from 'vitest';
import type { FaqRecord, TermRecord } from '../../src/knowledge/schema.ts';
import { faqFromForm, faqModal, modalTextMax, termFromForm, termModal } from '../../src/discord/moderation/recordForms.ts';

interface InputJson {
  readonly custom_id: string;
  readonly value?: string;
  readonly required?: boolean;
  readonly max_length?: number;
  readonly placeholder?: string;
}

function inputsOf(modal: { toJSON(): unknown }): Record<string, InputJson> {
  const { components } = modal.toJSON() as { components: { component: InputJson }[] };
  return Object.fromEntries(components.map(({ component }) => [component.custom_id, component]));
}

/** What Discord sends back when the moderator saves the form as shown, changing only `changes`. */
function submittedAsShown(inputs: Record<string, InputJson>, changes: Record<string, string> = {}) {
  return (id: string) => changes[id] ?? inputs[id]?.value ?? '';
}

const longAnswer = `Microsoft and OpenAI amended their partnership. ${'The amended terms are described here at length. '.repeat(90)}`.slice(0, 4050);
const manyAlternates = Array.from({ length: 55 }, (_, i) => `How would someone phrase this question a little differently, variant number ${i + 1}?`);

const longFaq: FaqRecord = {
  id: 'long-record',
  question: 'Is this a long record?',
  alternates: manyAlternates,
  answer: longAnswer,
  quote: 'A short quote.',
  sources: ['article'],
  related: ['other-record'],
};

describe('the edit form never cuts a field short', () => {
  it('prefills every field that fits, whole', () => {
    const fits: FaqRecord = { ...longFaq, alternates: ['Another way to ask?'], answer: 'a'.repeat(modalTextMax) };
    const inputs = inputsOf(faqModal('kb:save:faq:long-record:0123456789abcdef', 'Edit', fits));
    expect(inputs['answer']?.value).toBe(fits.answer);
    expect(inputs['answer']?.required).toBe(true);
    expect(inputs['alternates']?.value).toBe('Another way to ask?');
    expect(inputs['question']?.value).toBe(fits.question);
  });

  it('leaves a field longer than the form can hold empty and optional, saying so, instead of cutting it', () => {
    expect(longAnswer.length).toBe(4050);
    expect(manyAlternates.join('\n').length).toBeGreaterThan(modalTextMax);
    const inputs = inputsOf(faqModal('kb:save:faq:long-record:0123456789abcdef', 'Edit', longFaq));
    for (const id of ['answer', 'alternates']) {
      expect(inputs[id]?.value, id).toBeUndefined();
      expect(inputs[id]?.required, id).toBe(false);
      expect(inputs[id]?.placeholder, id).toMatch(/Too long for this form \([\d,]+ characters\): leave empty to keep it as it is/);
      expect(inputs[id]?.placeholder?.length ?? 0, id).toBeLessThanOrEqual(100);
    }
    expect(inputs['answer']?.placeholder).toContain('4,050');
  });

  it('keeps a field that did not fit unchanged when it comes back empty, and says which', () => {
    const inputs = inputsOf(faqModal('id', 'Edit', longFaq));
    const { record, kept } = faqFromForm(submittedAsShown(inputs, { question: 'Is this a long record, edited?' }), longFaq);
    expect(record.question).toBe('Is this a long record, edited?');
    expect(record.answer).toBe(longAnswer);
    expect(record.alternates).toEqual(manyAlternates);
    expect(record.quote).toBe('A short quote.');
    expect(record.sources).toEqual(['article']);
    expect(record.related).toEqual(['other-record']);
    expect(kept).toEqual(['Other phrasings', 'Answer']);
  });

  it('replaces a field that did not fit when the moderator types a replacement', () => {
    const inputs = inputsOf(faqModal('id', 'Edit', longFaq));
    const { record, kept } = faqFromForm(submittedAsShown(inputs, { answer: 'A new, shorter answer.' }), longFaq);
    expect(record.answer).toBe('A new, shorter answer.');
    expect(kept).toEqual(['Other phrasings']);
  });

  it('does the same for a long list of sources, and for terms', () => {
    const sources = Array.from({ length: 12 }, (_, i) => `a-source-with-a-long-identifier-${i + 1}`);
    expect(sources.join(', ').length).toBeGreaterThan(200);
    const faq = { ...longFaq, sources };
    const faqInputs = inputsOf(faqModal('id', 'Edit', faq));
    expect(faqInputs['sources']?.value).toBeUndefined();
    expect(faqFromForm(submittedAsShown(faqInputs), faq).record.sources).toEqual(sources);

    const term: TermRecord = { id: 'long-term', term: 'Long term', aliases: manyAlternates, definition: longAnswer, sources: ['article'] };
    const termInputs = inputsOf(termModal('id', 'Edit', term));
    expect(termInputs['definition']?.value).toBeUndefined();
    expect(termInputs['term']?.value).toBe('Long term');
    const { record, kept } = termFromForm(submittedAsShown(termInputs, { term: 'Longer term' }), term);
    expect(record).toEqual({ term: 'Longer term', aliases: manyAlternates, definition: longAnswer, sources: ['article'] });
    expect(kept).toEqual(['Aliases', 'Definition']);
  });

  it('reads a new record (no current one) exactly as typed', () => {
    const inputs = inputsOf(faqModal('kb:add:faq', 'New FAQ record'));
    expect(inputs['sources']?.value).toBe('article');
    expect(inputs['answer']?.required).toBe(true);
    const { record, kept } = faqFromForm(
      submittedAsShown(inputs, { question: ' A new question? ', alternates: 'One\n\n Two ', answer: 'An answer.', quote: '' }),
    );
    expect(record).toEqual({ question: 'A new question?', alternates: ['One', 'Two'], answer: 'An answer.', sources: ['article'], related: [] });
    expect(kept).toEqual([]);
  });
});
