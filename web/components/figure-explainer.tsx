import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { lastDayCounted } from '../../server/domain/time.ts';
import { figureItemsExportUrl } from '../api/exports.ts';
import {
  definitionsOptions,
  type FigureKey,
  type FigureScope,
  figureItemsOptions,
  type Part,
  scopeQuery,
  summaryOptions,
} from '../api/figures.ts';
import { DASH, formatDay, formatNumber } from '../i18n/format.ts';
import { useLang } from '../i18n/use-lang.ts';
import { pick, useT } from '../i18n/use-t.ts';
import { ExportLinks } from './export-links.tsx';
import { InactiveButton } from './inactive-button.tsx';
import { type ItemColumn, ItemTable } from './item-table.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import { QueryState } from './query-state.tsx';
import { tabIndex, tabListKeyDown } from './tab-list.ts';

const PAGE_SIZE = 20;
const COLUMNS: ItemColumn[] = ['department', 'person', 'deadline', 'daysOverdue', 'closedAt', 'status'];

/**
 * A figure on screen that explains itself: a button (so click, Enter and Space all work) that opens a
 * panel with the figure's definition, its numerator and denominator counts, and the items behind it.
 */
export function Explainable({
  figure,
  scope,
  className,
  children,
  testId,
  label,
}: {
  figure: FigureKey;
  scope: FigureScope;
  className?: string;
  children: ReactNode;
  testId?: string;
  /** Accessible name when the visible content is not enough (e.g. a bare number in a table). */
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className ? `explainable ${className}` : 'explainable'}
        aria-haspopup="dialog"
        aria-label={label}
        data-figure={figure}
        data-testid={testId}
        onClick={() => setOpen(true)}
      >
        {children}
      </button>
      {open && <FigurePanel figure={figure} scope={scope} onClose={() => setOpen(false)} />}
    </>
  );
}

export function FigurePanel({
  figure,
  scope,
  onClose,
}: {
  figure: FigureKey;
  scope: FigureScope;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const [part, setPart] = useState<Part>('numerator');
  const [page, setPage] = useState(1);
  const definitions = useQuery(definitionsOptions());
  const definition = definitions.data?.[figure];
  const hasDenominator = definition?.denominator !== undefined;
  const numerator = useQuery(
    figureItemsOptions({ ...scope, figure, part: 'numerator', page: 1, pageSize: PAGE_SIZE }),
  );
  const denominator = useQuery({
    ...figureItemsOptions({ ...scope, figure, part: 'denominator', page: 1, pageSize: PAGE_SIZE }),
    enabled: hasDenominator,
  });
  const list = useQuery(figureItemsOptions({ ...scope, figure, part, page, pageSize: PAGE_SIZE }));

  const choose = (next: Part) => {
    setPart(next);
    setPage(1);
  };
  const ids = useId();
  const parts: Part[] = hasDenominator ? ['numerator', 'denominator'] : ['numerator'];
  const count = (total: number | undefined) => (total === undefined ? '…' : formatNumber(lang, total));

  const name = definition ? pick(lang, definition.name.zh, definition.name.en) : '…';
  const partList = (
    <>
      <FigureExportLinks figure={figure} part={part} scope={scope} />
      <QueryState query={list}>
        {(data) =>
          data.total === 0 ? (
            <p className="state">{t('explain.noItems')}</p>
          ) : (
            <>
              <ItemTable
                items={data.items}
                columns={COLUMNS}
                testId="drilldown-items"
                caption={`${name} · ${t(hasDenominator ? `explain.${part}` : 'explain.items')}`}
              />
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
            </>
          )
        }
      </QueryState>
    </>
  );

  return (
    <ModalDialog title={name} onClose={onClose} testId="figure-panel">
      {definition && (
        <p className="definition">{pick(lang, definition.definition.zh, definition.definition.en)}</p>
      )}
      {numerator.data && (
        // As the page names it: "as of" a past week's day is that day (T is the next midnight).
        <p className="muted" data-testid="panel-as-of">
          {t('explain.asOf', { day: formatDay(lang, lastDayCounted(numerator.data.asOf)) })}
        </p>
      )}
      {figure === 'timeToClose' && <TimeToCloseFigures scope={scope} />}
      {definition?.numerator && (
        <div
          className="parts"
          role="tablist"
          aria-label={t('explain.parts')}
          onKeyDown={tabListKeyDown(parts, part, choose)}
        >
          <button
            type="button"
            role="tab"
            id={`${ids}-numerator`}
            aria-selected={part === 'numerator'}
            aria-controls={`${ids}-panel`}
            tabIndex={tabIndex(part === 'numerator')}
            data-testid="part-numerator"
            onClick={() => choose('numerator')}
          >
            <span className="part-name">{hasDenominator ? t('explain.numerator') : t('explain.items')}</span>
            <span className="part-text">
              {pick(lang, definition.numerator.text.zh, definition.numerator.text.en)}
            </span>
            <strong className="part-count" data-testid="numerator-count">
              {count(numerator.data?.total)}
            </strong>
          </button>
          {definition.denominator && (
            <button
              type="button"
              role="tab"
              id={`${ids}-denominator`}
              aria-selected={part === 'denominator'}
              aria-controls={`${ids}-panel`}
              tabIndex={tabIndex(part === 'denominator')}
              data-testid="part-denominator"
              onClick={() => choose('denominator')}
            >
              <span className="part-name">{t('explain.denominator')}</span>
              <span className="part-text">
                {pick(lang, definition.denominator.text.zh, definition.denominator.text.en)}
              </span>
              <strong className="part-count" data-testid="denominator-count">
                {count(denominator.data?.total)}
              </strong>
            </button>
          )}
        </div>
      )}
      {/* The chosen part's list: the panel of the tab above, when there are parts to choose. */}
      {definition?.numerator ? (
        <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-${part}`}>
          {partList}
        </div>
      ) : (
        partList
      )}
    </ModalDialog>
  );
}

/** Downloads of the list shown (the figure's part, same scope and moment) as Excel and CSV (DESIGN §6). */
function FigureExportLinks({ figure, part, scope }: { figure: FigureKey; part: Part; scope: FigureScope }) {
  const t = useT();
  const lang = useLang();
  return (
    <ExportLinks
      href={(format) => figureItemsExportUrl(format, { ...scopeQuery(scope), figure, part }, lang)}
      label={(format) => t(format === 'xlsx' ? 'explain.exportXlsx' : 'explain.exportCsv')}
      testId={(format) => `figure-export-${format}`}
    />
  );
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const t = useT();
  const lang = useLang();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <InactiveButton active={page > 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </InactiveButton>
      <span data-testid="pager-status">
        {t('pager.status', {
          first: formatNumber(lang, first),
          last: formatNumber(lang, last),
          total: formatNumber(lang, total),
        })}
      </span>
      <InactiveButton active={page < pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </InactiveButton>
      {pages > 2 && <PageJump page={page} pages={pages} onPage={onPage} />}
    </nav>
  );
}

/**
 * A page typed and Enter (or leaving the field) goes there: a province's ledger has 19,605 pages of 50,
 * which "next" alone never reaches. A number outside 1…pages goes to the nearest end; anything else
 * puts the current page back.
 */
function PageJump({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const t = useT();
  const lang = useLang();
  const go = (input: HTMLInputElement) => {
    const typed = Math.round(Number(input.value));
    if (input.value.trim() === '' || !Number.isFinite(typed)) {
      input.value = String(page);
      return;
    }
    const target = Math.min(pages, Math.max(1, typed));
    input.value = String(target);
    if (target !== page) onPage(target);
  };
  return (
    <label className="pager-jump">
      {t('pager.page')}
      <input
        key={page}
        className="pager-jump-input"
        type="number"
        inputMode="numeric"
        name="page"
        min={1}
        max={pages}
        defaultValue={page}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            go(e.currentTarget);
          }
        }}
        onBlur={(e) => go(e.currentTarget)}
      />
      {t('pager.of', { pages: formatNumber(lang, pages) })}
    </label>
  );
}

/** Time to close is a distribution (DESIGN §3): its median and 90th percentile, the mean only beside them. */
function TimeToCloseFigures({ scope }: { scope: FigureScope }) {
  const t = useT();
  const lang = useLang();
  const summary = useQuery(summaryOptions(scope));
  const figures = summary.data?.figures.timeToClose;
  if (!figures) return null;
  const days = (n: number | null) => (n === null ? DASH : t('unit.days', { n: formatNumber(lang, n, 1) }));
  return (
    <p className="time-to-close-figures" data-testid="time-to-close-figures">
      {t('explain.timeToClose', {
        median: days(figures.medianDays),
        p90: days(figures.p90Days),
        mean: days(figures.meanDays),
      })}
    </p>
  );
}
