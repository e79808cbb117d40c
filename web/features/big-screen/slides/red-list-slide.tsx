import type { ScreenData } from '../../../api/screen.ts';
import { DASH, formatDay, formatNumber } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/use-lang.ts';
import { pick, useT } from '../../../i18n/use-t.ts';
import { FitText } from '../fit-text.tsx';

/** The longest overdue items: days overdue, item, lead department, responsible person and deadline. */
export function RedListSlide({ data }: { data: ScreenData }) {
  const t = useT();
  const lang = useLang();
  const { total, items } = data.redList;
  return (
    <div className="bs-sl-redlist">
      <div className="bs-red-row bs-table-head" aria-hidden={items.length === 0}>
        <span className="bs-cell">{t('screen.col.daysOverdue')}</span>
        <span className="bs-cell">{t('screen.col.item')}</span>
        <span className="bs-cell">{t('screen.col.department')}</span>
        <span className="bs-cell">{t('screen.col.person')}</span>
        <span className="bs-cell">{t('screen.col.deadline')}</span>
      </div>
      <div className="bs-red-rows">
        {items.length === 0 ? (
          <p className="bs-red-empty">{t('weekly.redListEmpty')}</p>
        ) : (
          items.map((item) => (
            <div key={item.ledgerCode} className="bs-red-row" data-item={item.ledgerCode}>
              <span className="bs-cell bs-red-days">
                {t('unit.days', { n: formatNumber(lang, item.daysOverdue) })}
              </span>
              <FitText text={item.title} max={3.2} />
              <FitText text={pick(lang, item.departmentZh ?? DASH, item.departmentEn ?? DASH)} max={3} />
              <FitText text={item.responsiblePerson ?? DASH} max={3} />
              <span className="bs-cell">{formatDay(lang, item.deadline)}</span>
            </div>
          ))
        )}
      </div>
      <p className="bs-slide-note">
        {total > items.length
          ? t('screen.redListSome', {
              total: formatNumber(lang, total),
              shown: formatNumber(lang, items.length),
            })
          : t('weekly.redListTotal', { n: formatNumber(lang, total) })}
      </p>
    </div>
  );
}
