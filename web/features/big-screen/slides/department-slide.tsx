import { COMPONENTS } from '../../../../server/domain/scoring.ts';
import type { ScreenData, ScreenRankingRow } from '../../../api/screen.ts';
import { formatSigned } from '../../../components/change.ts';
import { RankChange } from '../../../components/rank-change.tsx';
import { formatNumber, formatPoints, formatScore, SCORE_DIGITS } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/use-lang.ts';
import { pick, useT } from '../../../i18n/use-t.ts';
import { FitText } from '../fit-text.tsx';
import { shareOf } from '../screen-format.ts';

const barClass = (share: number) =>
  share < 50 ? 'bs-bar-fill bs-is-low' : share < 80 ? 'bs-bar-fill bs-is-mid' : 'bs-bar-fill';

/** One department of the pass: its rank, score, change, points per component and overdue items. */
export function DepartmentSlide({
  data,
  row,
  rankParams,
}: {
  data: ScreenData;
  row: ScreenRankingRow;
  /** The organisation's area, naming the overall rank (useOrganisation). */
  rankParams: { area: string };
}) {
  const t = useT();
  const lang = useLang();
  const ranked = data.ranking.filter((r) => r.ranked).length;
  const weights = data.profile.weights;
  const components = COMPONENTS.filter((c) => weights[c] > 0);
  const group = pick(lang, row.department.peerGroupZh, row.department.peerGroupEn);
  const scoreTone =
    row.scoreChange === null || row.scoreChange === 0 ? 'neutral' : row.scoreChange > 0 ? 'good' : 'bad';
  return (
    <div className="bs-sl-department" data-department={row.department.code}>
      <header className="bs-dept-head">
        <h2 className="bs-dept-name">
          <FitText text={pick(lang, row.department.nameZh, row.department.nameEn)} max={8} min={4} />
        </h2>
        <p className="bs-dept-group">
          <FitText text={group} max={3.2} />
        </p>
      </header>
      <div className="bs-dept-tiles">
        <div className="bs-tile" data-figure="rank">
          <span className="bs-tile-label">{t('screen.overallRank', rankParams)}</span>
          <span className="bs-tile-value">
            <span>{t('screen.rankOrdinal', { rank: formatNumber(lang, row.overallRank) })}</span>
            <span className="bs-of">{t('screen.ofRanked', { n: formatNumber(lang, ranked) })}</span>
            <RankChange change={row.overallRankChange} />
          </span>
          <span className="bs-tile-change bs-tone-neutral">
            {t('screen.groupRank', {
              rank: formatNumber(lang, row.groupRank),
              of: formatNumber(lang, row.rankedInGroup),
            })}
          </span>
        </div>
        <div className="bs-tile" data-figure="score">
          <span className="bs-tile-label">{t('ranking.score')}</span>
          <span className="bs-tile-value">{formatScore(lang, row.score)}</span>
          <span className={`bs-tile-change bs-tone-${scoreTone}`}>
            {row.scoreChange === null
              ? t('change.none')
              : scoreTone === 'neutral'
                ? t('screen.scoreSame')
                : t('screen.scoreChange', { change: formatSigned(lang, row.scoreChange, SCORE_DIGITS) })}
          </span>
        </div>
        <div className={row.overdue > 0 ? 'bs-tile bs-is-alarm' : 'bs-tile'} data-figure="overdue">
          <span className="bs-tile-label">{t('headline.overdue')}</span>
          <span className={row.overdue > 0 ? 'bs-tile-value bs-tone-bad' : 'bs-tile-value bs-tone-good'}>
            {formatNumber(lang, row.overdue)}
          </span>
          <span className="bs-tile-change bs-tone-neutral">
            {t('screen.dueItems', { n: formatNumber(lang, row.due) })}
          </span>
        </div>
      </div>
      <section className="bs-dept-components">
        <h2>{t('screen.components')}</h2>
        <div className="bs-component-rows">
          {components.map((c) => {
            const share = shareOf(row.points[c], weights[c]);
            return (
              <div key={c} className="bs-component-row" data-component={c}>
                <FitText text={t(`component.${c}`)} max={3.2} />
                <span className="bs-bar" aria-hidden="true">
                  <span className={barClass(share)} style={{ width: `${share}%` }} />
                </span>
                <span className="bs-cell bs-num">
                  {t('screen.pointsOf', {
                    points: formatPoints(lang, row.points[c]),
                    weight: formatNumber(lang, weights[c]),
                  })}
                </span>
              </div>
            );
          })}
        </div>
      </section>
    </div>
  );
}
