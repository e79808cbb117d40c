import type { FigureItem } from '../api/figures.ts';
import { formatDeadline } from '../features/ledger/format.ts';
import { useDataLang } from '../i18n/data-lang.ts';
import { formatDay, formatNumber } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useLang } from '../i18n/use-lang.ts';
import { pick, useT } from '../i18n/use-t.ts';
import { ItemLink } from './item-link.tsx';

export type ItemColumn = 'department' | 'person' | 'deadline' | 'daysOverdue' | 'closedAt' | 'status';

/**
 * Ledger items as a table: code and title always, then the chosen columns. Each title opens the item,
 * whose back link then returns here.
 */
export function ItemTable({
  items,
  columns,
  testId,
  caption,
}: {
  items: FigureItem[];
  columns: ItemColumn[];
  testId?: string;
  caption?: string;
}) {
  const t = useT();
  const lang = useLang();
  const has = (c: ItemColumn) => columns.includes(c);
  const dataLang = useDataLang();
  return (
    <div className="table-scroll">
      <table className="data-table item-table" data-testid={testId}>
        {/* The heading above says it too: the caption names the table for a screen reader's table list. */}
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('items.code')}</th>
            <th scope="col">{t('items.title')}</th>
            {has('department') && <th scope="col">{t('items.department')}</th>}
            {has('person') && <th scope="col">{t('items.person')}</th>}
            {has('deadline') && <th scope="col">{t('items.deadline')}</th>}
            {has('daysOverdue') && (
              <th scope="col" className="num">
                {t('items.daysOverdue')}
              </th>
            )}
            {has('closedAt') && <th scope="col">{t('items.closedAt')}</th>}
            {has('status') && <th scope="col">{t('items.status')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-ledger-code={item.ledgerCode}>
              <td className="code">{item.ledgerCode}</td>
              <td className="item-title" lang={dataLang(item.title)}>
                <ItemLink id={item.id}>{item.title}</ItemLink>
              </td>
              {has('department') && (
                <td>{item.departmentZh ? pick(lang, item.departmentZh, item.departmentEn ?? '') : '—'}</td>
              )}
              {has('person') && (
                <td className="person" lang={dataLang(item.responsiblePerson)}>
                  {item.responsiblePerson ?? '—'}
                </td>
              )}
              {has('deadline') && <td className="nowrap">{formatDeadline(lang, t, item.deadline, item)}</td>}
              {has('daysOverdue') && (
                <td className={item.daysOverdue ? 'num overdue' : 'num'}>
                  {formatNumber(lang, item.daysOverdue)}
                </td>
              )}
              {has('closedAt') && <td className="nowrap">{formatDay(lang, item.closedAt)}</td>}
              {has('status') && <td className="status-cell">{t(`status.${item.status}` as MessageKey)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
