/**
 * Download links for the ledger, the ranking and a figure's items as .xlsx or .csv. A link is a plain GET (the session
 * cookie goes with it); `lang` names the app's language, which the browser's own headers do not carry.
 */
import type { Lang } from '../i18n/lang.ts';

export type ExportFormat = 'xlsx' | 'csv';

function url(path: string, params: Record<string, string | undefined>, lang: Lang): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, value);
  search.set('lang', lang);
  return `${path}?${search.toString()}`;
}

/** The ledger export: the same filters and sort as the table (GET /api/items), every page. */
export const itemsExportUrl = (
  format: ExportFormat,
  filters: Record<string, string | undefined>,
  lang: Lang,
): string => url(`/api/exports/items.${format}`, filters, lang);

/**
 * The ranking export: the figures ranking's parameters (scope, asOf, profile, compareTo), or `published`
 * alone (a published ranking's id: the ranking as it was published).
 */
export const rankingExportUrl = (
  format: ExportFormat,
  params: Record<string, string | undefined>,
  lang: Lang,
): string => url(`/api/exports/ranking.${format}`, params, lang);

/** The items behind a figure's part (the figure panel's list): figure, part and the figures' scope. */
export const figureItemsExportUrl = (
  format: ExportFormat,
  params: Record<string, string | undefined>,
  lang: Lang,
): string => url(`/api/exports/figure-items.${format}`, params, lang);
