import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  FILTER_KEYS,
  type FilterKey,
  filterSearch,
  filtersToScope,
  readFilters,
  withFilter,
} from './filters.ts';

export function useFilters() {
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => readFilters(search), [search]);
  const scope = useMemo(() => filtersToScope(filters), [filters]);
  const setFilter = useCallback(
    (key: FilterKey, value: string, clear: FilterKey[] = []) =>
      setSearch((prev) => withFilter(prev, key, value, clear)),
    [setSearch],
  );
  const reset = useCallback(
    () =>
      setSearch((prev) => {
        const next = new URLSearchParams(prev);
        for (const k of FILTER_KEYS) next.delete(k);
        return next;
      }),
    [setSearch],
  );
  return { filters, scope, setFilter, reset, search: filterSearch(search) };
}
