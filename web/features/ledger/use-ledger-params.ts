import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  clearedLedgerSearch,
  type LedgerKey,
  type LedgerParams,
  readLedgerParams,
  withLedgerParam,
} from './ledger-params.ts';

/** The ledger's params from the URL, and setters that write them back (each change is a history entry). */
export function useLedgerParams() {
  const [search, setSearch] = useSearchParams();
  const params: LedgerParams = useMemo(() => readLedgerParams(search), [search]);
  const set = useCallback(
    (key: LedgerKey | 'page', value: string) => setSearch((prev) => withLedgerParam(prev, key, value)),
    [setSearch],
  );
  const clear = useCallback(() => setSearch((prev) => clearedLedgerSearch(prev)), [setSearch]);
  return { params, set, clear, search: search.toString() };
}
