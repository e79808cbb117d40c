import type { ScreenData } from '../../../api/screen.ts';
import { formatNumber, formatPercent } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/use-lang.ts';
import { pick, useT } from '../../../i18n/use-t.ts';
import { domainRows } from '../domain-rows.ts';
import { FitText } from '../fit-text.tsx';
import { shareOf } from '../screen-format.ts';

/** Figures per domain: items, closure rate (with a bar), on-time rate and overdue items. */
export function DomainsSlide({ data }: { data: ScreenData }) {
  const t = useT();
  const lang = useLang();
  const { rows, hidden } = domainRows(data.domains);
  // Rows share the height, but never grow taller than 9 units (a short list stays a list).
  const rowTemplate = `repeat(${Math.max(rows.length, 1)}, minmax(0, calc(var(--u) * 9)))`;
  return (
    <div className="bs-sl-domains">
      <div className="bs-domain-row bs-table-head">
        <span className="bs-cell">{t('screen.domain')}</span>
        <span className="bs-cell bs-num">{t('figure.registered')}</span>
        <span className="bs-cell">{t('figure.closureRate')}</span>
        <span className="bs-cell bs-num">{t('figure.onTimeRate')}</span>
        <span className="bs-cell bs-num">{t('figure.overdue')}</span>
      </div>
      <div className="bs-domain-rows" style={{ gridTemplateRows: rowTemplate }}>
        {rows.length === 0 ? (
          <p className="bs-cell">{t('state.empty')}</p>
        ) : (
          rows.map((d) => (
            <div key={d.code} className="bs-domain-row" data-domain={d.code}>
              <FitText text={pick(lang, d.nameZh, d.nameEn)} max={3.2} />
              <span className="bs-cell bs-num">{formatNumber(lang, d.registered)}</span>
              <span className="bs-domain-rate">
                <span className="bs-bar" aria-hidden="true">
                  <span
                    className="bs-bar-fill"
                    style={{ width: `${d.closureRate === null ? 0 : shareOf(d.closureRate, 1)}%` }}
                  />
                </span>
                <span className="bs-value">{formatPercent(lang, d.closureRate)}</span>
              </span>
              <span className="bs-cell bs-num">{formatPercent(lang, d.onTimeRate)}</span>
              <span className={d.overdue > 0 ? 'bs-cell bs-num bs-tone-bad' : 'bs-cell bs-num'}>
                {formatNumber(lang, d.overdue)}
              </span>
            </div>
          ))
        )}
      </div>
      <p className="bs-slide-note">
        {hidden > 0 ? t('screen.domainsMore', { n: formatNumber(lang, hidden) }) : ''}
      </p>
    </div>
  );
}
