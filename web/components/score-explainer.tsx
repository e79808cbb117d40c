import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { COMPONENTS, type Component } from '../../server/domain/scoring.ts';
import {
  definitionsOptions,
  type FigureKey,
  type FigureScope,
  type ProfileConfig,
  type RankingRow,
} from '../api/figures.ts';
import { formatNumber, formatPercent, formatPoints, formatScore } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useLang } from '../i18n/use-lang.ts';
import { pick, translate, useT } from '../i18n/use-t.ts';
import { Explainable } from './figure-explainer.tsx';
import { ModalDialog } from './modal-dialog.tsx';

/** The figure behind each component, for its definition and items (the appraisal is imported, not counted). */
export const COMPONENT_FIGURE: Partial<Record<Component, FigureKey>> = {
  closureRate: 'closureRate',
  onTimeRate: 'onTimeRate',
  overdueShare: 'overdueShare',
  medianDaysToClose: 'timeToClose',
  reopenRate: 'reopenRate',
};

/** A component's figure in its unit: rates as percentages, the median in days, the appraisal as a score. */
export function formatComponent(lang: 'zh-CN' | 'en', component: string, value: number | null): string {
  if (component === 'medianDaysToClose' && value !== null)
    return translate(lang, 'unit.days', { n: formatNumber(lang, value, 1) });
  if (component === 'medianDaysToClose' || component === 'appraisal') return formatNumber(lang, value, 1);
  return formatPercent(lang, value);
}

/**
 * A score that explains itself: its definition and, per component, figure, floor, target, weight and
 * points; each figure opens its own numerator, denominator and items for the department in `scope`.
 */
export function ScoreExplainer({
  row,
  config,
  scope,
  component,
  children,
  testId,
  label,
  className = 'score-button',
}: {
  row: RankingRow;
  config: ProfileConfig;
  /** The view's filters; the department is added here. */
  scope: FigureScope;
  /** The component asked about (a points-lost cell): its row marked, its figure focused. */
  component?: Component;
  children: ReactNode;
  testId?: string;
  /** Accessible name when the visible content is not enough (e.g. a bare number in a table). */
  label?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`explainable ${className}`}
        aria-haspopup="dialog"
        aria-label={label}
        data-testid={testId}
        onClick={() => setOpen(true)}
      >
        {children}
      </button>
      {open && (
        <ScorePanel
          row={row}
          config={config}
          scope={{ ...scope, department: row.department.code }}
          focus={component}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function ScorePanel({
  row,
  config,
  scope,
  focus,
  onClose,
}: {
  row: RankingRow;
  config: ProfileConfig;
  scope: FigureScope;
  focus: Component | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const focusRow = useRef<HTMLTableRowElement>(null);
  // After the dialog opened (its effect runs first, and focuses its first button): the asked
  // component's figure, so Enter opens its items.
  useEffect(() => focusRow.current?.querySelector<HTMLElement>('button')?.focus(), []);
  const definitions = useQuery(definitionsOptions());
  const score = definitions.data?.score;
  const department = pick(lang, row.department.nameZh, row.department.nameEn);
  const title = `${score ? pick(lang, score.name.zh, score.name.en) : '…'} · ${department}`;
  return (
    <ModalDialog title={title} onClose={onClose} testId="score-panel">
      {score && <p className="definition">{pick(lang, score.definition.zh, score.definition.en)}</p>}
      <div className="table-scroll">
        <table className="data-table compact">
          <caption className="sr-only">{title}</caption>
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
            {COMPONENTS.filter((c) => config.components[c].weight > 0).map((c) => {
              const name = t(`component.${c}` as MessageKey);
              const value = formatComponent(lang, c, row.values[c]);
              const figure = COMPONENT_FIGURE[c];
              return (
                <tr
                  key={c}
                  data-component={c}
                  ref={c === focus ? focusRow : undefined}
                  className={c === focus ? 'is-focus' : undefined}
                >
                  <th scope="row">{name}</th>
                  <td className="num">
                    {figure ? (
                      <Explainable
                        figure={figure}
                        scope={scope}
                        className="cell-figure"
                        label={`${name} ${value}`}
                        testId="component-value"
                      >
                        {value}
                      </Explainable>
                    ) : (
                      value
                    )}
                  </td>
                  <td className="num">{formatComponent(lang, c, config.components[c].floor)}</td>
                  <td className="num">{formatComponent(lang, c, config.components[c].target)}</td>
                  <td className="num">{formatNumber(lang, config.components[c].weight)}</td>
                  <td className="num">{formatPoints(lang, row.points[c])}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {t('score.total')}
              </th>
              <td className="num">
                <strong>{formatScore(lang, row.score)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small-note">{t('score.valueHint')}</p>
    </ModalDialog>
  );
}
