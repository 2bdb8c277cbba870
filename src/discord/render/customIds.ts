import { z } from 'zod';
import { faqRecordSchema } from '../../knowledge/schema.ts';
import type { RecordKind } from '../../reply/replyModel.ts';

/** What a button of this bot asks for when pressed. */
export type ButtonAction =
  /** Show that record's answer to whoever pressed it. */
  | { readonly action: 'show'; readonly kind: RecordKind; readonly id: string }
  /** Show the whole comparison table. */
  | { readonly action: 'table' }
  /** None of the suggestions was what the member meant. */
  | { readonly action: 'none' }
  /** Page `page` of the FAQ list; 0 and one past the end appear on disabled buttons only. */
  | { readonly action: 'faqpage'; readonly page: number };

export const customIdMaxLength = 100;
export const maxFaqPage = 9999;

// Record ids follow the knowledge slug rule, which keeps `show:<kind>:<id>` well under 100 chars.
const recordId = faqRecordSchema.shape.id;
const recordKind = z.enum(['faq', 'term', 'table']);
const pageNumber = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(maxFaqPage));

// A custom id comes back from Discord, so it is parsed like any other outside input.
const customIdSchema = z
  .string()
  .max(customIdMaxLength)
  .transform((customId) => customId.split(':'))
  .pipe(
    z.union([
      z.tuple([z.literal('show'), recordKind, recordId]).transform(([, kind, id]) => ({ action: 'show' as const, kind, id })),
      z.tuple([z.literal('table'), z.literal('full')]).transform(() => ({ action: 'table' as const })),
      z.tuple([z.literal('none')]).transform(() => ({ action: 'none' as const })),
      z.tuple([z.literal('faqpage'), pageNumber]).transform(([, page]) => ({ action: 'faqpage' as const, page })),
    ]),
  );

export function encodeCustomId(action: ButtonAction): string {
  const customId = ((): string => {
    switch (action.action) {
      case 'show':
        return `show:${action.kind}:${action.id}`;
      case 'table':
        return 'table:full';
      case 'none':
        return 'none';
      case 'faqpage':
        return `faqpage:${action.page}`;
    }
  })();
  // A button that would not decode is dead on arrival; better to fail where it is built.
  if (decodeCustomId(customId) === null) throw new RangeError(`Cannot encode button action as a custom id: ${customId}`);
  return customId;
}

/** The action behind a pressed button, or null for anything this bot did not make. */
export function decodeCustomId(customId: string): ButtonAction | null {
  const parsed = customIdSchema.safeParse(customId);
  return parsed.success ? parsed.data : null;
}
