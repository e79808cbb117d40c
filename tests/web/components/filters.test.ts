import { describe, expect, it } from 'vitest';
import {
  deckSearch,
  filterSearch,
  filtersToScope,
  readFilters,
  withFilter,
} from '../../../web/components/filters.ts';
import { deckFromSearch } from '../../../web/features/big-screen/deck-settings.ts';

describe('filters in the URL', () => {
  it('reads the known, non-empty filters and ignores everything else', () => {
    const search = new URLSearchParams('campaign=C-EFFICIENCY&domain=&foo=1&asOf=2026-11-15&page=2');
    expect(readFilters(search)).toEqual({ campaign: 'C-EFFICIENCY', asOf: '2026-11-15' });
  });

  it.each([
    ['sets a filter', 'campaign=A', 'source', 'hotline', [], 'campaign=A&source=hotline'],
    ['replaces a filter', 'campaign=A', 'campaign', 'B', [], 'campaign=B'],
    ['removes a filter set to empty', 'campaign=A&source=hotline', 'source', '', [], 'campaign=A'],
    [
      'clears the dependent filters',
      'campaign=A&domain=d1&peerGroup=g',
      'campaign',
      'B',
      ['domain'],
      'campaign=B&peerGroup=g',
    ],
    ['keeps other params', 'tab=x&campaign=A', 'asOf', '2026-11-15', [], 'tab=x&campaign=A&asOf=2026-11-15'],
  ] as const)('%s', (_name, before, key, value, clear, after) => {
    expect(withFilter(new URLSearchParams(before), key, value, [...clear]).toString()).toBe(after);
  });

  it('turns filters into the API scope', () => {
    expect(filtersToScope({ campaign: 'C', source: 'hotline', asOf: '2026-11-15' })).toEqual({
      campaign: 'C',
      source: 'hotline',
      asOf: '2026-11-15',
    });
    expect(filtersToScope({})).toEqual({});
  });

  it.each([
    ['tab=1&peerGroup=social&x=2&campaign=C', '?campaign=C&peerGroup=social'],
    ['tab=1', ''],
    ['', ''],
  ])('carries only the filters of "%s" to another view', (search, expected) => {
    expect(filterSearch(new URLSearchParams(search))).toBe(expected);
  });
});

describe('the big-screen link from a view', () => {
  it('carries the campaign, the one filter the deck accepts, and the deck reads it back', () => {
    const from = new URLSearchParams(
      'campaign=C-EFFICIENCY&peerGroup=economic&asOf=2026-11-15&department=D3',
    );
    expect(deckSearch(from)).toBe('?campaign=C-EFFICIENCY');
    expect(deckFromSearch(new URLSearchParams(deckSearch(from)))).toEqual({ campaign: 'C-EFFICIENCY' });
  });

  it('carries nothing when the view shows every campaign', () => {
    expect(deckSearch(new URLSearchParams('peerGroup=economic'))).toBe('');
  });
});
