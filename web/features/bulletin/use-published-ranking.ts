import { useQuery } from '@tanstack/react-query';
import { publishedRankingOptions, publishedRankingsOptions } from '../../api/admin-data.ts';
import type { FigureScope } from '../../api/figures.ts';
import { publishedFor } from './published-ranking.ts';

/**
 * The ranking published for a ranking as of `asOf` over `scope`, when there is one: the list of
 * published rankings (`list`), the one that matches (`match`), the query of what was published
 * (`published`) and, once it is here, the match's publication itself (`publication`).
 */
export function usePublishedRanking(asOf: string | undefined, scope: FigureScope) {
  const list = useQuery(publishedRankingsOptions());
  const match = asOf && list.data ? publishedFor(list.data.published, asOf, scope) : undefined;
  const published = useQuery({ ...publishedRankingOptions(match?.id ?? 0), enabled: match !== undefined });
  // The match's only: the app's queries show their previous data while another key loads, which here
  // would be another week's publication.
  const publication = match && !published.isPlaceholderData ? published.data : undefined;
  return { list, match, published, publication };
}
