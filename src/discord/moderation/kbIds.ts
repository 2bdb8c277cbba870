import { z } from 'zod';
import { defineCustomIds } from '../customIds.ts';

/** What a /kb button or form stands for; it travels in the custom id so it survives a restart. */
export type KbAction =
  | { readonly step: 'add'; readonly kind: 'faq' | 'term' }
  | { readonly step: 'save'; readonly kind: 'faq' | 'term'; readonly id: string; readonly version: string }
  | { readonly step: 'remove'; readonly kind: 'faq' | 'term'; readonly id: string; readonly version: string }
  | { readonly step: 'cancel' };

const kind = z.enum(['faq', 'term']);
// The knowledge slug rule: at most 64 characters, so `kb:remove:term:<id>:<version>` is at most 96.
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);
const version = z.string().regex(/^[0-9a-f]{16}$/);

export const kbIds = defineCustomIds<KbAction>(
  'kb',
  z.union([
    z.tuple([z.literal('add'), kind]).transform(([, k]) => ({ step: 'add' as const, kind: k })),
    z.tuple([z.literal('save'), kind, slug, version]).transform(([, k, id, v]) => ({ step: 'save' as const, kind: k, id, version: v })),
    z.tuple([z.literal('remove'), kind, slug, version]).transform(([, k, id, v]) => ({ step: 'remove' as const, kind: k, id, version: v })),
    z.tuple([z.literal('cancel')]).transform(() => ({ step: 'cancel' as const })),
  ]),
  (action) => {
    switch (action.step) {
      case 'add':
        return ['add', action.kind];
      case 'save':
      case 'remove':
        return [action.step, action.kind, action.id, action.version];
      case 'cancel':
        return ['cancel'];
    }
  },
);
