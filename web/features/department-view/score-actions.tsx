import { useQuery } from '@tanstack/react-query';
import { type FigureScope, figureItemsOptions, type Ranking, type RankingRow } from '../../api/figures.ts';
import { Explainable } from '../../components/figure-explainer.tsx';
import { ItemTable } from '../../components/item-table.tsx';
import { formatNumber, formatPoints } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { biggestLoss, countsOf, rankAmong, type ScoreAction, scoreActions } from './score-gains.ts';

const SHOWN = 5;

/** How to raise the score: the urgent first, biggest gain first, each with the items it is about. */
export function ScoreActions({
  row,
  ranking,
  scope,
}: {
  row: RankingRow;
  ranking: Ranking;
  scope: FigureScope;
}) {
  const t = useT();
  const lang = useLang();
  const config = ranking.profile.config;
  const actions = scoreActions(
    countsOf(row.figures, row.values.appraisal),
    row.figures.lights.yellow,
    row.figures.lights.green,
    config,
  );
  const peers = ranking.rows
    .filter((r) => r.ranked && r.department.peerGroup === row.department.peerGroup && r !== row)
    .map((r) => r.score);
  const loss = biggestLoss(row.lost, config);
  // Without items every component is "—" and scores 0: no point is lost to anything it could close.
  if (row.figures.registered === 0)
    return (
      <div className="score-actions" data-testid="score-actions">
        <p className="state">{t('raise.noItems')}</p>
      </div>
    );
  return (
    <div className="score-actions" data-testid="score-actions">
      {loss && (
        <p className="biggest-loss">
          {t('raise.biggestLoss', {
            // Inside an English sentence the name is a common noun: "the on-time rate".
            name:
              lang === 'en'
                ? t(`component.${loss.component}` as MessageKey).toLowerCase()
                : t(`component.${loss.component}` as MessageKey),
            points: formatPoints(lang, loss.lost),
          })}
        </p>
      )}
      {actions.length === 0 && <p className="state">{t('raise.nothing')}</p>}
      <ol>
        {actions.map((a) => (
          <ActionItem
            key={a.kind}
            action={a}
            row={row}
            peers={peers}
            scope={scope}
            warningDays={config.warningDays}
          />
        ))}
      </ol>
      {actions.length > 0 && <p className="muted small-note">{t('raise.assumption')}</p>}
    </div>
  );
}

function ActionItem({
  action,
  row,
  peers,
  scope,
  warningDays,
}: {
  action: ScoreAction;
  row: RankingRow;
  peers: number[];
  scope: FigureScope;
  warningDays: number;
}) {
  const t = useT();
  const lang = useLang();
  const figure = ({ closeOverdue: 'overdue', dueSoon: 'yellow', closeOpen: 'green' } as const)[action.kind];
  const items = useQuery(
    figureItemsOptions({ ...scope, figure, part: 'numerator', page: 1, pageSize: SHOWN }),
  );
  const n = formatNumber(lang, action.items);
  const gain = formatPoints(lang, action.gain);
  const newRank = row.ranked ? rankAmong(action.score, peers) : null;
  const title =
    action.kind === 'closeOverdue'
      ? t('raise.closeOverdue', { n })
      : action.kind === 'dueSoon'
        ? t('raise.dueSoon', { n, days: formatNumber(lang, warningDays) })
        : t('raise.closeOpen', { n, days: formatNumber(lang, warningDays) });
  return (
    <li data-kind={action.kind}>
      <p className="action-title">
        <Explainable figure={figure} scope={scope} className="inline-figure">
          {title}
        </Explainable>
        <strong className="gain">{t('raise.gain', { points: gain })}</strong>
      </p>
      <p className="muted">
        {action.kind === 'dueSoon'
          ? t('raise.atStake', { points: formatPoints(lang, action.atStake) })
          : t(action.kind === 'closeOverdue' ? 'raise.perItem' : 'raise.perOpenItem', {
              points: formatPoints(lang, action.perItem),
            })}
        {newRank !== null && row.rank !== null && newRank < row.rank
          ? `${lang === 'en' ? ' ' : ''}${t('raise.newRank', { rank: formatNumber(lang, newRank) })}`
          : ''}
      </p>
      {items.data && items.data.items.length > 0 && (
        <ItemTable
          items={items.data.items}
          // The status says which of them the department has reported rectified: those wait on the office.
          columns={
            action.kind === 'closeOverdue'
              ? ['person', 'deadline', 'daysOverdue', 'status']
              : ['person', 'deadline', 'status']
          }
          caption={title}
        />
      )}
      {/* The first few listed; the count says how many there are, and the rest are a click away. */}
      {items.data && items.data.total > items.data.items.length && (
        <p className="muted">
          <Explainable figure={figure} scope={scope} className="inline-figure" testId="raise-more">
            {t('raise.more', {
              n: formatNumber(lang, items.data.total - items.data.items.length),
              total: formatNumber(lang, items.data.total),
            })}
          </Explainable>
        </p>
      )}
    </li>
  );
}
