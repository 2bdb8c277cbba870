import { z } from 'zod';
import { defineCustomIds } from '../customIds.ts';

/** The paging buttons of the FAQ list; `/faq` owns them. */
export interface FaqListButton {
  /** Page to show; 0 and one past the end appear on disabled buttons only. */
  readonly page: number;
}

export const maxFaqPage = 9999;

const pageNumber = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(maxFaqPage));

export const faqListIds = defineCustomIds<FaqListButton>(
  'faq',
  z.tuple([z.literal('page'), pageNumber]).transform(([, page]) => ({ page })),
  ({ page }) => ['page', page],
);
