import { useQuery } from '@tanstack/react-query';
import { publishedRankingOptions, publishedRankingsOptions } from '../../api/admin-data.ts';
import type { FigureScope } from '../../api/figures.ts';
import { publishedFor } from './published-ranking.ts';

/**
 * The ranking published for a ranking as of `asOf` over `scope`, when there is one: the list of
 * published rankings (`list`), the one that matches (`match`) and its frozen result (`published`).
 */
export function usePublishedRanking(asOf: string | undefined, scope: FigureScope) {
  const list = useQuery(publishedRankingsOptions());
  const match = asOf && list.data ? publishedFor(list.data.published, asOf, scope) : undefined;
  const published = useQuery({ ...publishedRankingOptions(match?.id ?? 0), enabled: match !== undefined });
  return { list, match, published };
}
