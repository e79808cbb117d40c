import type { Source } from '../../server/domain/lifecycle.ts';
import type { FigureScope } from '../api/figures.ts';

/** The filters every view shares, kept in the URL's search params so any view can be bookmarked. */
export const FILTER_KEYS = ['campaign', 'domain', 'source', 'peerGroup', 'asOf'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The filters found in a query string (unknown or empty params are ignored). */
export function readFilters(search: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/**
 * A query string with one filter changed; an empty value removes it. Choosing a campaign drops a
 * domain that belongs to another campaign's list, so the caller passes `clear` for dependent filters.
 */
export function withFilter(search: URLSearchParams, key: FilterKey, value: string, clear: FilterKey[] = []) {
  const next = new URLSearchParams(search);
  if (value) next.set(key, value);
  else next.delete(key);
  for (const k of clear) next.delete(k);
  return next;
}

/** The filters as the figures API's scope. */
export function filtersToScope(filters: Filters): FigureScope {
  const scope: FigureScope = {};
  if (filters.asOf) scope.asOf = filters.asOf;
  if (filters.campaign) scope.campaign = filters.campaign;
  if (filters.domain) scope.domain = filters.domain;
  if (filters.source) scope.source = filters.source as Source;
  if (filters.peerGroup) scope.peerGroup = filters.peerGroup;
  return scope;
}

/** The figures API's scope of a location's query string (`?campaign=…`). */
export const scopeOfSearch = (search: string): FigureScope =>
  filtersToScope(readFilters(new URLSearchParams(search)));

/** Only the filter params of a query string, to carry them from one view to another. */
export function filterSearch(search: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

/**
 * The filters the big-screen deck accepts (its campaign=; see deck-settings.ts), to carry a view's
 * filters over to it: from /weekly?campaign=C-EFFICIENCY the deck opens on that campaign. The deck has
 * no domain, source, peer-group or as-of setting: it always shows every department now.
 */
export function deckSearch(search: URLSearchParams): string {
  const campaign = search.get('campaign');
  return campaign ? `?${new URLSearchParams({ campaign })}` : '';
}
