/**
 * Query options for the figures API. Every input of a query is inside its key as one params object,
 * so views call useQuery(rankingOptions(scope)) and never build keys themselves.
 */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Source } from '../../server/domain/lifecycle.ts';
import { ApiRequestError, api, unwrap } from './client.ts';

/** Which items the figures cover and when: the filters of every view. Absent fields are not sent. */
export interface FigureScope {
  asOf?: string;
  campaign?: string;
  domain?: string;
  source?: Source;
  peerGroup?: string;
  department?: string;
}

export type FigureKey =
  | 'registered'
  | 'closed'
  | 'closureRate'
  | 'due'
  | 'onTimeRate'
  | 'overdue'
  | 'overdueShare'
  | 'open'
  | 'red'
  | 'yellow'
  | 'green'
  | 'timeToClose'
  | 'firstResponse'
  | 'reopenRate'
  | 'extensionRate'
  | 'newlyOverdue'
  | 'newlyClosed';

export type Part = 'numerator' | 'denominator';

/** The params without empty fields, as the API's query object (and the stable part of a query key). */
export function scopeQuery<T extends object>(params: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out as T;
}

const f = api.api.figures;

/** A refused request (4xx) would be refused again: show it at once; retry only server and network failures. */
export const retryUnlessRefused = (failures: number, error: Error) =>
  failures < 3 && !(error instanceof ApiRequestError && error.status < 500);

export type Reference = InferResponseType<typeof api.api.reference.$get, 200>;
export type Summary = InferResponseType<typeof f.summary.$get, 200>;
export type Figures = Summary['figures'];
export type Ranking = InferResponseType<typeof f.ranking.$get, 200>;
export type RankingRow = Ranking['rows'][number];
/** The figures a ranking row carries (a subset of a department's Figures). */
export type RankingFigures = RankingRow['figures'];
export type ProfileConfig = Ranking['profile']['config'];
export type Series = InferResponseType<typeof f.series.$get, 200>;
export type DepartmentSeries = InferResponseType<(typeof f)['department-series']['$get'], 200>;
export type Breakdown = InferResponseType<typeof f.breakdown.$get, 200>;
export type ItemPage = InferResponseType<typeof f.items.$get, 200>;
export type FigureItem = ItemPage['items'][number];
export type Definitions = InferResponseType<typeof f.definitions.$get, 200>['definitions'];

export type Changes = InferResponseType<typeof f.changes.$get, 200>;
export type Improvement = InferResponseType<typeof f.improvement.$get, 200>;

export const figureKeys = {
  all: ['figures'] as const,
  reference: () => ['reference'] as const,
  definitions: () => [...figureKeys.all, 'definitions'] as const,
  summary: (p: FigureScope) => [...figureKeys.all, 'summary', scopeQuery(p)] as const,
  ranking: (p: FigureScope) => [...figureKeys.all, 'ranking', scopeQuery(p)] as const,
  series: (p: FigureScope & { from?: string }) => [...figureKeys.all, 'series', p] as const,
  departmentSeries: (p: FigureScope & { from?: string; weeks?: number }) =>
    [...figureKeys.all, 'department-series', p] as const,
  breakdown: (p: FigureScope & { by: 'domain' | 'source' }) => [...figureKeys.all, 'breakdown', p] as const,
  items: (p: FigureScope & { figure: FigureKey; part: Part; page: number; pageSize: number }) =>
    [...figureKeys.all, 'items', p] as const,
  changes: (p: FigureScope & { since?: string }) => [...figureKeys.all, 'changes', p] as const,
  improvement: (p: FigureScope & { baseline?: string }) => [...figureKeys.all, 'improvement', p] as const,
};

export const referenceOptions = () =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.reference(),
    queryFn: () => unwrap(api.api.reference.$get()),
    staleTime: 10 * 60_000,
  });

export const definitionsOptions = () =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.definitions(),
    queryFn: async () => (await unwrap(f.definitions.$get({ query: {} }))).definitions,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const summaryOptions = (scope: FigureScope) =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.summary(scope),
    queryFn: () => unwrap(f.summary.$get({ query: scopeQuery(scope) })),
  });

export const rankingOptions = (scope: FigureScope) =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.ranking(scope),
    queryFn: () => unwrap(f.ranking.$get({ query: scopeQuery(scope) })),
  });

export const seriesOptions = (params: FigureScope & { from?: string }) =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.series(scopeQuery(params)),
    queryFn: () => unwrap(f.series.$get({ query: scopeQuery(params) })),
  });

export const departmentSeriesOptions = (params: FigureScope & { from?: string; weeks?: number }) =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.departmentSeries(scopeQuery(params)),
    queryFn: () => {
      const { weeks, ...rest } = scopeQuery(params);
      const query = weeks === undefined ? rest : { ...rest, weeks: String(weeks) };
      return unwrap(f['department-series'].$get({ query }));
    },
  });

export const breakdownOptions = (params: FigureScope & { by: 'domain' | 'source' }) =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.breakdown({ ...scopeQuery(params), by: params.by }),
    queryFn: () => unwrap(f.breakdown.$get({ query: { ...scopeQuery(params), by: params.by } })),
  });

export const figureItemsOptions = (
  params: FigureScope & { figure: FigureKey; part: Part; page: number; pageSize: number },
) => {
  const { figure, part, page, pageSize, ...scope } = params;
  const query = { ...scopeQuery(scope), figure, part, page: String(page), pageSize: String(pageSize) };
  return queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.items({ ...scopeQuery(scope), figure, part, page, pageSize }),
    queryFn: () => unwrap(f.items.$get({ query })),
  });
};

/** The "since last review" changes; `since` defaults on the server to a week before asOf. */
export const changesOptions = (params: FigureScope & { since?: string }) =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.changes(scopeQuery(params)),
    queryFn: () => unwrap(f.changes.$get({ query: scopeQuery(params) })),
  });

/** Departments by the change of their score against their own score at a baseline (default 26 weeks before). */
export const improvementOptions = (params: FigureScope & { baseline?: string }) =>
  queryOptions({
    retry: retryUnlessRefused,
    queryKey: figureKeys.improvement(scopeQuery(params)),
    queryFn: () => unwrap(f.improvement.$get({ query: scopeQuery(params) })),
  });
