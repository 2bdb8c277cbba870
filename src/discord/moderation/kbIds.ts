import { z } from 'zod';
import { defineCustomIds } from '../customIds.ts';

/** What a /kb button or form stands for; it travels in the custom id so it survives a restart. */
export type KbAction =
  | { readonly step: 'add'; readonly kind: 'faq' | 'term' }
  | { readonly step: 'save'; readonly kind: 'faq' | 'term'; readonly id: string; readonly version: string }
  | { readonly step: 'remove'; readonly kind: 'faq' | 'term'; readonly id: string; readonly version: string }
  | { readonly step: 'cancel' }
  /** Gap review: a row of `/kb gaps <days>`, named by its id (see gapReport). */
  | { readonly step: GapStep; readonly days: number; readonly gap: string }
  /** Gap review: add the row's question as an alternate of the FAQ record `id`. */
  | { readonly step: 'gap-add'; readonly days: number; readonly gap: string; readonly id: string };

export type GapStep = 'gap-alt' | 'gap-new' | 'gap-dismiss';

const kind = z.enum(['faq', 'term']);
// The knowledge slug rule: at most 64 characters, so `kb:remove:term:<id>:<version>` is at most 96.
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);
const version = z.string().regex(/^[0-9a-f]{16}$/);
const days = z.string().regex(/^[1-9]\d{0,2}$/).transform(Number);
const gap = z.string().regex(/^[0-9a-f]{12}$/);

export const kbIds = defineCustomIds<KbAction>(
  'kb',
  z.union([
    z.tuple([z.literal('add'), kind]).transform(([, k]) => ({ step: 'add' as const, kind: k })),
    z.tuple([z.literal('save'), kind, slug, version]).transform(([, k, id, v]) => ({ step: 'save' as const, kind: k, id, version: v })),
    z.tuple([z.literal('remove'), kind, slug, version]).transform(([, k, id, v]) => ({ step: 'remove' as const, kind: k, id, version: v })),
    z.tuple([z.literal('cancel')]).transform(() => ({ step: 'cancel' as const })),
    z.tuple([z.enum(['gap-alt', 'gap-new', 'gap-dismiss']), days, gap]).transform(([step, d, g]) => ({ step, days: d, gap: g })),
    z.tuple([z.literal('gap-add'), days, gap, slug]).transform(([, d, g, id]) => ({ step: 'gap-add' as const, days: d, gap: g, id })),
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
      case 'gap-alt':
      case 'gap-new':
      case 'gap-dismiss':
        return [action.step, action.days, action.gap];
      case 'gap-add':
        return [action.step, action.days, action.gap, action.id];
    }
  },
);
