import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { COMPONENTS } from '../../server/domain/scoring.ts';
import { definitionsOptions, type ProfileConfig, type RankingRow } from '../api/figures.ts';
import { formatNumber, formatPercent } from '../i18n/format.ts';
import { useLang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { pick, useT } from '../i18n/use-t.ts';
import { ModalDialog } from './modal-dialog.tsx';

/** A component's figure in its unit: rates as percentages, the median in days, the appraisal as a score. */
export function formatComponent(lang: 'zh-CN' | 'en', component: string, value: number | null): string {
  if (component === 'medianDaysToClose' || component === 'appraisal') return formatNumber(lang, value, 1);
  return formatPercent(lang, value);
}

/** A score that explains itself: its definition and, per component, figure, floor, target, weight and points. */
export function ScoreExplainer({
  row,
  config,
  children,
  testId,
  className = 'score-button',
}: {
  row: RankingRow;
  config: ProfileConfig;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const t = useT();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const definitions = useQuery(definitionsOptions());
  const score = definitions.data?.score;
  return (
    <>
      <button
        type="button"
        className={`explainable ${className}`}
        aria-haspopup="dialog"
        data-testid={testId}
        onClick={() => setOpen(true)}
      >
        {children}
      </button>
      {open && (
        <ModalDialog
          title={`${score ? pick(lang, score.name.zh, score.name.en) : '…'} · ${pick(lang, row.department.nameZh, row.department.nameEn)}`}
          onClose={() => setOpen(false)}
          testId="score-panel"
        >
          {score && <p className="definition">{pick(lang, score.definition.zh, score.definition.en)}</p>}
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{t('score.component')}</th>
                <th scope="col" className="num">
                  {t('score.value')}
                </th>
                <th scope="col" className="num">
                  {t('score.floor')}
                </th>
                <th scope="col" className="num">
                  {t('score.target')}
                </th>
                <th scope="col" className="num">
                  {t('score.weight')}
                </th>
                <th scope="col" className="num">
                  {t('score.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {COMPONENTS.filter((c) => config.components[c].weight > 0).map((c) => (
                <tr key={c}>
                  <th scope="row">{t(`component.${c}` as MessageKey)}</th>
                  <td className="num">{formatComponent(lang, c, row.values[c])}</td>
                  <td className="num">{formatComponent(lang, c, config.components[c].floor)}</td>
                  <td className="num">{formatComponent(lang, c, config.components[c].target)}</td>
                  <td className="num">{formatNumber(lang, config.components[c].weight)}</td>
                  <td className="num">{formatNumber(lang, row.points[c], 2)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  {t('score.total')}
                </th>
                <td className="num">
                  <strong>{formatNumber(lang, row.score, 2)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </ModalDialog>
      )}
    </>
  );
}
