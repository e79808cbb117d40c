import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { itemsExportUrl } from '../../api/exports.ts';
import { type ItemListRow, itemListOptions } from '../../api/items.ts';
import { ExportLinks } from '../../components/export-links.tsx';
import { Pager } from '../../components/figure-explainer.tsx';
import type { ItemPageState } from '../../components/item-link.tsx';
import { LightBadge } from '../../components/light-badge.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { useDataLang } from '../../i18n/data-lang.ts';
import { formatDay, formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { formatDeadline } from './format.ts';
import { createScope } from './item-actions.ts';
import { LedgerFilters } from './ledger-filters.tsx';
import { isFiltered, PAGE_SIZE, toFilterQuery, toItemQuery } from './ledger-params.ts';
import { UrgeOverdue } from './urge-overdue.tsx';
import { useActingUser } from './use-acting-user.ts';
import { useLedgerParams } from './use-ledger-params.ts';
import { WaitingRequests } from './waiting-requests.tsx';
import './ledger.css';

/** The ledger (台账): every item, searched, filtered, sorted and paged on the server; export and import. */
export function LedgerPage() {
  const t = useT();
  usePageTitle(t('ledger.title'));
  const lang = useLang();
  const user = useActingUser();
  const { params, set } = useLedgerParams();
  const query = useQuery(itemListOptions(toItemQuery(params)));
  const filters = toFilterQuery(params);
  const total = query.data?.total;
  return (
    <section className="page ledger-page">
      <header className="page-head">
        <div>
          <h1>{t('ledger.title')}</h1>
          <p className="subtitle" data-testid="ledger-total">
            {total === undefined
              ? t('ledger.subtitle')
              : t(isFiltered(params) ? 'ledger.totalFiltered' : 'ledger.total', {
                  n: formatNumber(lang, total),
                })}
          </p>
        </div>
        <div className="page-actions">
          {user && createScope(user).may && (
            <Link className="primary-button" to="/ledger/new">
              {t('ledger.create')}
            </Link>
          )}
          {user?.role === 'admin' && (
            <Link className="secondary-button" to="/ledger/import">
              {t('ledger.import')}
            </Link>
          )}
          <ExportLinks
            href={(format) => itemsExportUrl(format, filters, lang)}
            label={(format) => t(format === 'xlsx' ? 'ledger.exportXlsx' : 'ledger.exportCsv')}
            testId={(format) => `export-${format}`}
          />
          {/* Last: its message (a live region, on the page before it) goes at the end of the row. */}
          {user?.role === 'admin' && <UrgeOverdue params={params} />}
        </div>
      </header>
      {(user?.role === 'admin' || user?.role === 'editor') && (
        <WaitingRequests own={user.role === 'editor'} />
      )}
      <LedgerFilters params={params} />
      <QueryState query={query}>
        {(data) =>
          data.total === 0 ? (
            <p className="notice" data-testid="ledger-empty">
              {t('ledger.empty')}
            </p>
          ) : (
            <>
              <div className="table-scroll">
                <LedgerTable rows={data.items} />
              </div>
              <Pager
                page={data.page}
                pageSize={PAGE_SIZE}
                total={data.total}
                onPage={(page) => set('page', String(page))}
              />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function LedgerTable({ rows }: { rows: ItemListRow[] }) {
  const t = useT();
  const lang = useLang();
  const dataLang = useDataLang();
  const location = useLocation();
  return (
    <table className="data-table ledger-table" data-testid="ledger-table">
      <caption className="sr-only">{t('ledger.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ledger.light')}</th>
          <th scope="col">{t('items.code')}</th>
          <th scope="col">{t('items.title')}</th>
          <th scope="col">{t('items.department')}</th>
          <th scope="col">{t('items.person')}</th>
          <th scope="col">{t('item.registeredAt')}</th>
          <th scope="col">{t('items.deadline')}</th>
          <th scope="col">{t('items.status')}</th>
          <th scope="col" className="num">
            {t('items.daysOverdue')}
          </th>
          <th scope="col" className="num">
            {t('ledger.urgings')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-ledger-code={r.ledgerCode} className={r.voided ? 'voided' : undefined}>
            <td className="nowrap cell-light">
              {r.light ? (
                <LightBadge light={r.light} />
              ) : (
                <span className="muted">{r.voided ? t('item.voided') : '—'}</span>
              )}
            </td>
            <td className="code">{r.ledgerCode}</td>
            <td className="item-title" lang={dataLang(r.title)}>
              <Link to={`/ledger/${r.id}`} state={{ from: location.search } satisfies ItemPageState}>
                {r.title}
              </Link>
            </td>
            <td className="dept" data-label={t('items.department')}>
              {r.departmentZh ? pick(lang, r.departmentZh, r.departmentEn ?? r.departmentZh) : '—'}
            </td>
            <td className="nowrap" lang={dataLang(r.responsiblePerson)} data-label={t('items.person')}>
              {r.responsiblePerson ?? '—'}
            </td>
            <td className="nowrap" data-label={t('item.registeredAt')}>
              {formatDay(lang, r.registeredAt)}
            </td>
            <td className="nowrap" data-label={t('items.deadline')}>
              {formatDeadline(lang, t, r.deadline, r)}
              {r.extensionCount > 0 && r.originalDeadline !== r.deadline && (
                <span className="small-note muted" title={t('item.originalDeadline')}>
                  {t('ledger.extendedFrom', {
                    day: formatDeadline(lang, t, r.originalDeadline, r),
                  })}
                </span>
              )}
            </td>
            <td data-label={t('items.status')}>
              <span className={`status status-${r.status}`}>{t(`status.${r.status}` as MessageKey)}</span>
            </td>
            <td
              className={r.daysOverdue ? 'num cell-days overdue' : 'num cell-days'}
              data-label={t('items.daysOverdue')}
            >
              {formatNumber(lang, r.daysOverdue)}
            </td>
            <td className="num" data-label={t('ledger.urgings')}>
              {r.urgeCount > 0 ? formatNumber(lang, r.urgeCount) : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
