import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { type ItemDetail, itemOptions } from '../../api/items.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { DASH, formatDay, formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { deadlineFacts, formatDeadline, formatMoment } from './format.ts';
import { useLookups } from './use-lookups.ts';
import './ledger.css';

/**
 * 督办单: a one-page order about an overdue item, printed (or saved as PDF) and sent to the lead
 * department: what the problem is, whose it is, how late it is, what has been done and urged so far.
 */
export function SupervisionSheetPage() {
  const t = useT();
  const id = Number(useParams().id);
  const query = useQuery({ ...itemOptions(id), enabled: Number.isInteger(id) && id > 0 });
  // The title names the printed or saved PDF: the item's ledger code tells one sheet from another.
  usePageTitle(query.data ? `${t('sheet.title')} ${String(query.data.item.ledger_code)}` : t('sheet.title'));
  return (
    <section className="page sheet-page">
      <p className="no-print sheet-tools">
        <Link to={`/ledger/${id}`} className="back-link">
          ← {t('sheet.back')}
        </Link>
        <button type="button" className="primary-button" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
      </p>
      <QueryState query={query}>{(detail) => <Sheet detail={detail} />}</QueryState>
    </section>
  );
}

function Sheet({ detail }: { detail: ItemDetail }) {
  const t = useT();
  const lang = useLang();
  const lookups = useLookups();
  const item = detail.item;
  const facts = deadlineFacts(item);
  const lastUrge = detail.urgings.at(-1);
  const lastProgress = detail.progressNotes.at(-1);
  return (
    <article className="sheet" data-testid="supervision-sheet">
      <header className="sheet-header">
        <p className="sheet-issuer">{t('sheet.issuer')}</p>
        <h1>{t('sheet.title')}</h1>
        <p className="sheet-number">{t('sheet.number', { code: String(item.ledger_code) })}</p>
      </header>
      <p className="sheet-to">
        {t('sheet.to', { department: lookups.departmentByCode(item.department_code) })}
      </p>
      <table className="sheet-table">
        <caption className="sr-only">{t('sheet.title')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('items.code')}</th>
            <td>{String(item.ledger_code)}</td>
            <th scope="row">{t('filters.source')}</th>
            <td>{t(`source.${item.source}` as MessageKey)}</td>
          </tr>
          <tr>
            <th scope="row">{t('items.title')}</th>
            <td colSpan={3}>{String(item.title)}</td>
          </tr>
          <tr>
            <th scope="row">{t('item.description')}</th>
            <td colSpan={3}>{String(item.description || DASH)}</td>
          </tr>
          <tr>
            <th scope="row">{t('items.department')}</th>
            <td>{lookups.departmentByCode(item.department_code)}</td>
            <th scope="row">{t('items.person')}</th>
            <td>{String(item.responsible_person ?? DASH)}</td>
          </tr>
          <tr>
            <th scope="row">{t('item.registeredAt')}</th>
            <td>{formatDay(lang, item.registered_at as string)}</td>
            <th scope="row">{t('items.status')}</th>
            <td>{t(`status.${item.status}` as MessageKey)}</td>
          </tr>
          <tr>
            <th scope="row">{t('items.deadline')}</th>
            <td>
              {formatDeadline(lang, t, item.deadline as string | null, facts)}
              {item.original_deadline !== item.deadline && (
                <span className="small-note">
                  {t('ledger.extendedFrom', {
                    day: formatDeadline(lang, t, item.original_deadline as string | null, facts),
                  })}
                </span>
              )}
            </td>
            <th scope="row">{t('items.daysOverdue')}</th>
            <td className="overdue">{formatNumber(lang, detail.daysOverdue)}</td>
          </tr>
          <tr>
            <th scope="row">{t('item.measures')}</th>
            <td colSpan={3}>{String(item.measures || DASH)}</td>
          </tr>
          <tr>
            <th scope="row">{t('sheet.latestProgress')}</th>
            <td colSpan={3} data-testid="sheet-progress">
              {lastProgress
                ? `${formatMoment(lang, lastProgress.notedAt)}${t('punct.colon')}${lastProgress.note}`
                : t('item.noProgress')}
            </td>
          </tr>
          <tr>
            {/* Reopened after a look-back, extended, urged: what a 督办单 leans on. */}
            <th scope="row">{t('item.counts')}</th>
            <td colSpan={3} data-testid="sheet-counts">
              {t('item.countsText', {
                extensions: formatNumber(lang, Number(item.extension_count)),
                reopenings: formatNumber(lang, Number(item.reopen_count)),
                urgings: formatNumber(lang, Number(item.urge_count)),
              })}
              {lastUrge && t('sheet.lastUrged', { last: formatMoment(lang, lastUrge.urgedAt) })}
            </td>
          </tr>
        </tbody>
      </table>
      <section className="sheet-demand">
        <h2>{t('sheet.demandTitle')}</h2>
        <p>
          {t('sheet.demand', {
            days: formatNumber(lang, detail.daysOverdue ?? 0),
          })}
        </p>
      </section>
      <footer className="sheet-footer">
        <p>{t('sheet.receipt')}</p>
        <p className="sheet-sign">
          <span>{t('sheet.issuer')}</span>
          <span>{t('sheet.date')}</span>
        </p>
      </footer>
    </article>
  );
}
