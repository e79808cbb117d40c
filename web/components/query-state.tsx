import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';

/** Loading, error (with the server's message and a retry) and data states of one query. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError)
    return (
      <div className="state state-error" role="alert">
        <p>
          {t('state.error')}: {query.error.message}
        </p>
        <button type="button" onClick={() => query.refetch()}>
          {t('state.retry')}
        </button>
      </div>
    );
  return (
    <div className="state" aria-busy="true">
      {t('state.loading')}
    </div>
  );
}
