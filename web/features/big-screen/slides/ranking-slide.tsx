import type { CSSProperties } from 'react';
import type { ScreenData, ScreenRankingRow } from '../../../api/screen.ts';
import { RankChange } from '../../../components/rank-change.tsx';
import { formatNumber, formatScore } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/use-lang.ts';
import { pick, useT } from '../../../i18n/use-t.ts';
import { FitText } from '../fit-text.tsx';
import { topAndBottom } from '../top-bottom.ts';

export const RANKING_ROWS = 10;

function RankRows({ rows }: { rows: ScreenRankingRow[] }) {
  const lang = useLang();
  return (
    <div className="bs-rank-rows">
      {rows.map((r) => (
        <div key={r.department.code} className="bs-rank-row" data-department={r.department.code}>
          <span className="bs-cell bs-num bs-rank-no">{formatNumber(lang, r.overallRank)}</span>
          <span className="bs-cell">
            <RankChange change={r.overallRankChange} />
          </span>
          <FitText text={pick(lang, r.department.nameZh, r.department.nameEn)} max={3.2} />
          <span className="bs-cell bs-num bs-rank-score">{formatScore(lang, r.score)}</span>
        </div>
      ))}
    </div>
  );
}

/** The top 10 and the bottom 10 of the overall ranking, with each one's move since last week. */
export function RankingSlide({ data }: { data: ScreenData }) {
  const t = useT();
  const lang = useLang();
  const { top, bottom } = topAndBottom(data.ranking, RANKING_ROWS);
  const ranked = data.ranking.filter((r) => r.ranked).length;
  const notRanked = data.ranking.length - ranked;
  // The rank column is as wide as the longest rank shown (a province's bottom ten are 361st to 370th).
  const rankChars = Math.max(...[...top, ...bottom].map((r) => formatNumber(lang, r.overallRank).length), 1);
  return (
    <div className="bs-sl-ranking" style={{ '--bs-rank-chars': rankChars } as CSSProperties}>
      {ranked === 0 ? (
        // A new ledger, or a scope with few items: one line instead of two empty columns headed "top 0".
        <p className="bs-rank-none" data-testid="ranking-none">
          {t('screen.noneRanked')}
        </p>
      ) : (
        <>
          <section className="bs-rank-col" aria-label={t('screen.top', { n: top.length })}>
            <h2 className="bs-rank-col-head">
              <span>{t('screen.top', { n: top.length })}</span>
              <span className="bs-muted">{t('ranking.score')}</span>
            </h2>
            <RankRows rows={top} />
          </section>
          <section className="bs-rank-col bs-is-bottom" aria-label={t('screen.bottom', { n: bottom.length })}>
            <h2 className="bs-rank-col-head">
              <span>{t('screen.bottom', { n: bottom.length })}</span>
              <span className="bs-muted">{t('ranking.score')}</span>
            </h2>
            <RankRows rows={bottom} />
          </section>
        </>
      )}
      <p className="bs-slide-note" data-testid="ranking-note">
        {ranked === 0
          ? // No rank has moved: the note says only why the departments are not ranked.
            notRanked > 0 &&
            t('screen.noneRankedWhy', {
              notRanked: formatNumber(lang, notRanked),
              min: data.profile.minDueItems,
            })
          : notRanked > 0
            ? t('screen.rankedCountWithout', {
                ranked: formatNumber(lang, ranked),
                notRanked: formatNumber(lang, notRanked),
                min: data.profile.minDueItems,
              })
            : t('screen.rankedCount', { ranked: formatNumber(lang, ranked) })}
      </p>
    </div>
  );
}
