import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type FigureScope, figureItemsOptions } from '../../api/figures.ts';
import { Explainable, Pager } from '../../components/figure-explainer.tsx';
import { ItemTable } from '../../components/item-table.tsx';
import { LightBadge } from '../../components/light-badge.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';

const PAGE_SIZE = 10;

/** Overdue items, longest overdue first, with department, person and days overdue. */
export function RedList({ scope }: { scope: FigureScope }) {
  const t = useT();
  const lang = useLang();
  // A new scope starts again at the first page; kept in state, not by remounting, so the old list
  // stays on screen while the new one loads.
  const scopeKey = JSON.stringify(scope);
  const [paging, setPaging] = useState({ scopeKey, page: 1 });
  const page = paging.scopeKey === scopeKey ? paging.page : 1;
  const setPage = (next: number) => setPaging({ scopeKey, page: next });
  const query = useQuery(
    figureItemsOptions({ ...scope, figure: 'overdue', part: 'numerator', page, pageSize: PAGE_SIZE }),
  );
  return (
    <section className="panel" aria-labelledby="red-list-title" data-testid="red-list">
      <header className="panel-header">
        <h2 id="red-list-title">
          <LightBadge light="red" iconOnly /> {t('weekly.redList')}
        </h2>
        {query.data && (
          <Explainable figure="overdue" scope={scope} className="count-chip" testId="red-list-total">
            {t('weekly.redListTotal', { n: formatNumber(lang, query.data.total) })}
          </Explainable>
        )}
      </header>
      <QueryState query={query}>
        {(data) =>
          data.total === 0 ? (
            <p className="state">{t('weekly.redListEmpty')}</p>
          ) : (
            <>
              <ItemTable
                items={data.items}
                columns={['department', 'person', 'deadline', 'daysOverdue']}
                caption={t('weekly.redList')}
              />
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
