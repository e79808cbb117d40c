import { describe, expect, it } from 'vitest';
import { filterSearch, filtersToScope, readFilters, withFilter } from '../../../web/components/filters.ts';

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
