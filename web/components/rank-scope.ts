import type { FigureScope } from '../api/figures.ts';

/**
 * What a ranking's first rank is in a scope. The API ranks the departments the scope leaves; with a
 * peer-group filter those are one group's, so that rank is the rank in the group — never the county's
 * ("全县第5名" in a printed 通报 would be false) — and a separate group-rank column would say it again.
 */
export function rankScope(scope: Pick<FigureScope, 'peerGroup'>): {
  label: 'ranking.overallRank' | 'ranking.filteredGroupRank';
  showGroupRank: boolean;
} {
  return scope.peerGroup
    ? { label: 'ranking.filteredGroupRank', showGroupRank: false }
    : { label: 'ranking.overallRank', showGroupRank: true };
}
