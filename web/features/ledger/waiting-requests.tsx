import { useQuery } from '@tanstack/react-query';
import { waitingRequestsOptions } from '../../api/items.ts';
import { FoldButton, useFold } from '../../components/fold.tsx';
import { ItemLink } from '../../components/item-link.tsx';
import { dataLang } from '../../i18n/data-lang.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { formatDeadline, formatMoment } from './format.ts';
import { useLookups } from './use-lookups.ts';

/** How many requests show before "show all": the ledger's table stays in view on a laptop. */
const FIRST_SHOWN = 3;

/**
 * 待审批的延期申请 above the ledger: for the office every department's, for a department its own, oldest
 * first, each linking to its item (where the office decides). Nothing when none is waiting.
 */
export function WaitingRequests({ own }: { own: boolean }) {
  const t = useT();
  const lang = useLang();
  const lookups = useLookups();
  const query = useQuery(waitingRequestsOptions());
  const data = query.data;
  const fold = useFold(data?.requests ?? [], FIRST_SHOWN);
  if (!data || data.total === 0) return null;
  return (
    <section
      className="panel waiting-requests"
      aria-labelledby="waiting-requests"
      data-testid="waiting-requests"
    >
      <h2 id="waiting-requests">
        {t(own ? 'ledger.waitingRequestsOwn' : 'ledger.waitingRequests', {
          n: formatNumber(lang, data.total),
        })}
      </h2>
      <div className="table-scroll">
        <table className="data-table compact stack-on-phone" aria-labelledby="waiting-requests">
          <thead>
            <tr>
              <th scope="col">{t('items.title')}</th>
              <th scope="col">{t('items.department')}</th>
              <th scope="col">{t('item.requestedDeadline')}</th>
              <th scope="col">{t('item.reason')}</th>
              <th scope="col">{t('item.requestedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {fold.shown.map((r) => (
              <tr key={r.id} data-request={r.id}>
                <td className="item-title">
                  <ItemLink id={r.itemId} lang={dataLang(lang, r.title)}>
                    {r.title}
                  </ItemLink>
                  <span className="small-note muted">{r.ledgerCode}</span>
                </td>
                <td className="dept" data-label={t('items.department')}>
                  {lookups.departmentByCode(r.departmentCode)}
                </td>
                <td className="nowrap" data-label={t('item.requestedDeadline')}>
                  {formatDeadline(lang, t, r.deadline, {})} → {formatDeadline(lang, t, r.newDeadline, {})}
                </td>
                <td data-label={t('item.reason')}>{r.reason}</td>
                <td className="nowrap" data-label={t('item.requestedAt')}>
                  {formatMoment(lang, r.requestedAt)}
                  <span className="small-note muted">{r.requestedBy}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FoldButton
        fold={fold}
        showAll={t('ledger.waitingShowAll', { n: formatNumber(lang, data.requests.length) })}
        showFewer={t('ledger.waitingShowFewer', { n: formatNumber(lang, FIRST_SHOWN) })}
        testId="waiting-requests-all"
      />
      {fold.all && data.total > data.requests.length && (
        <p className="muted">
          {t('ledger.waitingShown', {
            n: formatNumber(lang, data.total),
            shown: formatNumber(lang, data.requests.length),
          })}
        </p>
      )}
    </section>
  );
}
