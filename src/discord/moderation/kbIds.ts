import { z } from 'zod';

/** What a /kb button or form stands for; it travels in the custom id so it survives a restart. */
export type KbAction =
  | { readonly step: 'add'; readonly kind: 'faq' | 'term' }
  | { readonly step: 'save'; readonly kind: 'faq' | 'term'; readonly id: string; readonly version: string }
  | { readonly step: 'remove'; readonly kind: 'faq' | 'term'; readonly id: string; readonly version: string }
  | { readonly step: 'cancel' };

const kind = z.enum(['faq', 'term']);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);
const version = z.string().regex(/^[0-9a-f]{16}$/);

const kbIdSchema = z
  .string()
  .max(100)
  .transform((customId) => customId.split(':'))
  .pipe(
    z.union([
      z.tuple([z.literal('kb'), z.literal('add'), kind]).transform(([, , k]) => ({ step: 'add' as const, kind: k })),
      z.tuple([z.literal('kb'), z.literal('save'), kind, slug, version]).transform(([, , k, id, v]) => ({ step: 'save' as const, kind: k, id, version: v })),
      z.tuple([z.literal('kb'), z.literal('remove'), kind, slug, version]).transform(([, , k, id, v]) => ({ step: 'remove' as const, kind: k, id, version: v })),
      z.tuple([z.literal('kb'), z.literal('cancel')]).transform(() => ({ step: 'cancel' as const })),
    ]),
  );

export function encodeKbId(action: KbAction): string {
  switch (action.step) {
    case 'add':
      return `kb:add:${action.kind}`;
    case 'save':
    case 'remove':
      return `kb:${action.step}:${action.kind}:${action.id}:${action.version}`;
    case 'cancel':
      return 'kb:cancel';
  }
}

/** Custom ids come back from Discord: parsed like any outside input; null when not ours. */
export function decodeKbId(customId: string): KbAction | null {
  const parsed = kbIdSchema.safeParse(customId);
  return parsed.success ? parsed.data : null;
}
