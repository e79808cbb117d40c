/**
 * The ledger table's search, filters, sort and page, kept in the URL so a view can be bookmarked and
 * shared; to and from the API's query (GET /api/items) and the export links.
 */
import { SOURCES, STATUSES } from '../../../server/domain/lifecycle.ts';
import type { ItemListQuery } from '../../api/items.ts';

export const LIGHTS = ['red', 'yellow', 'green'] as const;
export const SORTS = ['registered', 'registeredAsc', 'deadline', 'code', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

export const PAGE_SIZE = 50;

export interface LedgerParams {
  q?: string;
  campaign?: string;
  domain?: string;
  source?: (typeof SOURCES)[number];
  department?: string;
  status?: (typeof STATUSES)[number];
  light?: (typeof LIGHTS)[number];
  /** Only overdue items. */
  overdue?: true;
  /** Only voided items (they are left out otherwise). */
  voided?: true;
  sort: Sort;
  page: number;
}

export type LedgerKey = Exclude<keyof LedgerParams, 'page'>;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** The params a query string holds; unknown or malformed values are left out, as if not given. */
export function readLedgerParams(search: URLSearchParams): LedgerParams {
  const text = (key: string, max: number) => {
    const v = search.get(key)?.trim();
    return v ? v.slice(0, max) : undefined;
  };
  const page = Number(search.get('page'));
  const params: LedgerParams = {
    sort: oneOf(SORTS, search.get('sort')) ?? 'registered',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
  // A control character (a pasted tab or line break) separates words as a space does; the server
  // refuses it in a search, which the table would show as nothing found.
  const q = text('q', 100)
    ?.split('')
    .map((ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
  const campaign = text('campaign', 64);
  const domain = text('domain', 64);
  const department = text('department', 64);
  const source = oneOf(SOURCES, search.get('source'));
  const status = oneOf(STATUSES, search.get('status'));
  const light = oneOf(LIGHTS, search.get('light'));
  if (q) params.q = q;
  if (campaign) params.campaign = campaign;
  if (domain) params.domain = domain;
  if (department) params.department = department;
  if (source) params.source = source;
  if (status) params.status = status;
  if (light) params.light = light;
  if (search.get('overdue') === 'true') params.overdue = true;
  if (search.get('voided') === 'true') params.voided = true;
  return params;
}

/**
 * The query string with one param changed (an empty value removes it). Any change but paging goes
 * back to page 1; a new campaign drops a domain of another campaign's list.
 */
export function withLedgerParam(
  search: URLSearchParams,
  key: LedgerKey | 'page',
  value: string,
): URLSearchParams {
  const next = new URLSearchParams(search);
  const isDefault = (key === 'sort' && value === 'registered') || (key === 'page' && value === '1');
  if (value && !isDefault) next.set(key, value);
  else next.delete(key);
  if (key !== 'page') next.delete('page');
  if (key === 'campaign') next.delete('domain');
  return next;
}

/** The query string without any filter (search, sort and filters cleared). */
export function clearedLedgerSearch(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of [
    'q',
    'campaign',
    'domain',
    'source',
    'department',
    'status',
    'light',
    'overdue',
    'voided',
    'page',
  ])
    next.delete(key);
  return next;
}

/** Whether any filter or search narrows the table. */
export const isFiltered = (p: LedgerParams) => Object.keys(p).some((k) => k !== 'sort' && k !== 'page');

/** The filters and sort as the API's query (also the export's, which takes the same ones). */
export function toFilterQuery(p: LedgerParams): Omit<ItemListQuery, 'page' | 'pageSize'> {
  const q: Record<string, string> = {};
  for (const key of ['q', 'campaign', 'domain', 'source', 'department', 'status', 'light'] as const) {
    const value = p[key];
    if (value !== undefined) q[key] = value;
  }
  if (p.overdue) q.overdue = 'true';
  if (p.voided) q.voided = 'true';
  if (p.sort !== 'registered') q.sort = p.sort;
  return q as Omit<ItemListQuery, 'page' | 'pageSize'>;
}

/** One page of the table as the API's query. */
export function toItemQuery(p: LedgerParams, pageSize = PAGE_SIZE): ItemListQuery {
  return { ...toFilterQuery(p), page: String(p.page), pageSize: String(pageSize) };
}

/** The last page for a total, at least 1. */
export const lastPage = (total: number, pageSize = PAGE_SIZE) => Math.max(1, Math.ceil(total / pageSize));
