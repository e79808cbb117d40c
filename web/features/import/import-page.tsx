import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { SOURCES } from '../../../server/domain/lifecycle.ts';
import { ApiRequestError } from '../../api/client.ts';
import { referenceOptions } from '../../api/figures.ts';
import {
  type ColumnMapping,
  type CommitResult,
  commitImport,
  dryRunImport,
  type ImportColumn,
  type ImportField,
  type ImportReport,
  type ImportRequest,
  type Inspection,
  importKeys,
  inspectImport,
  savedMappingsOptions,
  saveMapping,
} from '../../api/imports.ts';
import { itemKeys } from '../../api/items.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { SuccessLine } from '../../components/success-line.tsx';
import { tabIndex, tabListKeyDown } from '../../components/tab-list.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { AdminOnly } from '../admin/admin-only.tsx';
import { ActionError } from '../ledger/action-error.tsx';
import { FilePicker } from './file-picker.tsx';
import {
  canCommit,
  changeLines,
  filterRows,
  hasTitle,
  IMPORT_FIELDS,
  mappingOf,
  type RowFilter,
  remap,
} from './import-mapping.ts';
import '../ledger/ledger.css';
import './import.css';

/**
 * Importing an office's Excel or CSV ledger (admin): choose the file, check how its columns map to
 * item fields (change and save the mapping), run a dry run that reports every row, then commit the
 * whole file or nothing.
 */
export function ImportPage() {
  const t = useT();
  usePageTitle(t('import.title'));
  return (
    <section className="page import-page">
      <p>
        <Link to="/ledger" className="back-link">
          ← {t('item.back')}
        </Link>
      </p>
      <h1>{t('import.title')}</h1>
      <p className="subtitle">{t('import.subtitle')}</p>
      <AdminOnly>
        <ImportFlow />
      </AdminOnly>
    </section>
  );
}

/** The columns as the screen edits them, with the first row's value as read for `sampleField`. */
type Columns = (ImportColumn & { sample?: unknown; sampleField?: ImportField })[];

function ImportFlow() {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const reference = useQuery(referenceOptions());
  const saved = useQuery(savedMappingsOptions());
  const [file, setFile] = useState<File | null>(null);
  const [campaign, setCampaign] = useState('');
  const [source, setSource] = useState('');
  const [sheet, setSheet] = useState('');
  const [inspection, setInspection] = useState<Inspection['file'] | null>(null);
  const [columns, setColumns] = useState<Columns | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const campaigns = reference.data?.campaigns ?? [];
  const chosenCampaign = campaign || campaigns.at(-1)?.code || '';

  const request = (mapping?: ColumnMapping): ImportRequest => ({
    file: file!,
    campaign: chosenCampaign,
    ...(source ? { source } : {}),
    ...(sheet ? { sheet } : {}),
    ...(mapping ? { mapping } : {}),
  });

  const inspect = useMutation({
    mutationFn: (mapping?: ColumnMapping) => inspectImport(request(mapping)),
    onMutate: () => {
      setReport(null);
      setResult(null);
    },
    onSuccess: (data) => {
      setInspection(data.file);
      setColumns(withSamples(data));
    },
    onError: (error) => {
      // Without a title column the server still names the columns: let the user map one.
      const details = error instanceof ApiRequestError ? error.details : {};
      if (Array.isArray(details.columns)) setColumns(details.columns as Columns);
      else setColumns(null);
    },
  });
  const dryRun = useMutation({
    mutationFn: () => dryRunImport(request(mappingOf(columns ?? []))),
    onMutate: () => setResult(null),
    onSuccess: (data) => setReport(data.report),
  });
  const commit = useMutation({
    mutationFn: () => commitImport(request(mappingOf(columns ?? []))),
    onSuccess: (data) => {
      setResult(data);
      setReport(data.report);
      void queryClient.invalidateQueries({ queryKey: itemKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['figures'] });
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
    onError: (error) => {
      const details = error instanceof ApiRequestError ? error.details : {};
      if (details.report) setReport(details.report as ImportReport);
    },
  });
  const save = useMutation({
    mutationFn: () => saveMapping(mappingName.trim(), mappingOf(columns ?? [])),
    onSuccess: (data) => {
      setSavedNote(t('import.mappingSaved', { name: data.mapping.name }));
      void queryClient.invalidateQueries({ queryKey: importKeys.mappings() });
    },
  });

  const chooseFile = (next: File | null) => {
    setFile(next);
    setSheet('');
    setInspection(null);
    setColumns(null);
    setReport(null);
    setResult(null);
    inspect.reset();
    dryRun.reset();
    commit.reset();
  };
  const changeColumns = (next: Columns) => {
    setColumns(next);
    setReport(null);
    setResult(null);
    setSavedNote(null);
  };
  const read = (e: FormEvent) => {
    e.preventDefault();
    if (file) inspect.mutate(undefined);
  };
  const applySaved = (name: string) => {
    const m = saved.data?.mappings.find((x) => x.name === name);
    if (m && file) {
      setMappingName(m.name);
      inspect.mutate(m.mapping as ColumnMapping);
    }
  };

  return (
    <>
      <form className="panel import-step" onSubmit={read} aria-labelledby="import-step-file">
        <h2 id="import-step-file">{t('import.step.file')}</h2>
        <div className="form-row">
          <div className="form-row-field wide">
            <FilePicker
              label={t('import.file')}
              name="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              fileName={file?.name ?? null}
              onFile={chooseFile}
            />
          </div>
          <label className="field form-row-field">
            <span>{t('import.campaign')}</span>
            <select value={chosenCampaign} onChange={(e) => setCampaign(e.target.value)} name="campaign">
              {campaigns.map((c) => (
                <option key={c.code} value={c.code}>
                  {pick(lang, c.nameZh, c.nameEn)}
                </option>
              ))}
            </select>
          </label>
          {reference.data && campaigns.length === 0 && (
            // A new installation: nothing to choose until the first campaign is added.
            <small className="muted" data-testid="import-no-campaign">
              {t('import.noCampaign')} <Link to="/admin/campaigns">{t('import.noCampaignLink')}</Link>
            </small>
          )}
          <label className="field form-row-field">
            <span>{t('import.source')}</span>
            <select value={source} onChange={(e) => setSource(e.target.value)} name="source">
              <option value="">{t('import.sourceFromSheet')}</option>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          {inspection?.sheets && inspection.sheets.length > 1 && (
            <label className="field form-row-field">
              <span>{t('import.sheet')}</span>
              <select
                value={sheet || inspection.sheet || ''}
                onChange={(e) => {
                  setSheet(e.target.value);
                  setColumns(null);
                  setReport(null);
                }}
              >
                {inspection.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className="primary-button" disabled={!file || inspect.isPending}>
            {t('import.read')}
          </button>
        </div>
        <p className="muted small">{t('import.fileHint')}</p>
        {(saved.data?.mappings.length ?? 0) > 0 && (
          <label className="field inline-field">
            <span>{t('import.useSaved')}</span>
            <select
              value=""
              onChange={(e) => applySaved(e.target.value)}
              disabled={!file}
              name="saved-mapping"
            >
              <option value="">{t('import.chooseSaved')}</option>
              {saved.data?.mappings.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <ActionError error={inspect.error} />
      </form>

      {columns && (
        <section
          className="panel import-step"
          aria-labelledby="import-step-columns"
          data-testid="import-columns"
        >
          <h2 id="import-step-columns">{t('import.step.columns')}</h2>
          {inspection && (
            <p className="muted">
              {t(inspection.format === 'xlsx' ? 'import.foundXlsx' : 'import.foundCsv', {
                sheet: inspection.sheet ?? '',
                row: inspection.headerRow,
                encoding: inspection.encoding ?? '',
              })}
            </p>
          )}
          <MappingTable columns={columns} onChange={changeColumns} />
          {!hasTitle(columns) && (
            <p className="form-error" role="alert">
              {t('import.needTitle')}
            </p>
          )}
          <div className="form-row mapping-save">
            <label className="field form-row-field">
              <span>{t('import.mappingName')}</span>
              <input value={mappingName} maxLength={60} onChange={(e) => setMappingName(e.target.value)} />
            </label>
            <button
              type="button"
              className="secondary-button"
              disabled={!mappingName.trim() || save.isPending}
              onClick={() => save.mutate()}
            >
              {t('import.saveMapping')}
            </button>
            <SuccessLine inline message={savedNote} />
          </div>
          <ActionError error={save.error} />
          <div className="form-buttons">
            <button
              type="button"
              className="primary-button"
              data-testid="dry-run"
              disabled={!file || !hasTitle(columns) || dryRun.isPending}
              onClick={() => dryRun.mutate()}
            >
              {dryRun.isPending ? t('import.running') : t('import.dryRun')}
            </button>
          </div>
          <ActionError error={dryRun.error} />
        </section>
      )}

      {report && (
        <section
          className="panel import-step"
          aria-labelledby="import-step-report"
          data-testid="import-report"
        >
          <h2 id="import-step-report">{t(result ? 'import.step.done' : 'import.step.report')}</h2>
          <Summary report={report} />
          <SuccessLine
            testId="import-done"
            message={
              result && (
                <>
                  {result.batchId
                    ? t('import.committed', {
                        created: formatNumber(lang, report.summary.create),
                        updated: formatNumber(lang, report.summary.update),
                        batch: result.batchId,
                      })
                    : t('import.nothingToDo')}{' '}
                  <Link to="/ledger?sort=updated">{t('import.toLedger')}</Link>
                </>
              )
            }
          />
          {!result && (
            <div className="commit-bar">
              <p className={report.summary.reject > 0 ? 'form-error' : 'muted'}>
                {report.summary.reject > 0
                  ? t('import.fixRejects', { n: formatNumber(lang, report.summary.reject) })
                  : canCommit(report)
                    ? t('import.readyToCommit')
                    : t('import.nothingToDo')}
              </p>
              <button
                type="button"
                className="primary-button"
                data-testid="commit"
                disabled={!canCommit(report) || commit.isPending}
                onClick={() => commit.mutate()}
              >
                {commit.isPending ? t('import.running') : t('import.commit')}
              </button>
            </div>
          )}
          <ActionError error={commit.error} />
          <ReportRows report={report} />
        </section>
      )}
    </>
  );
}

/** Each column's value in the first parsed row (for mapped columns), as import read it. */
function withSamples(data: Inspection): Columns {
  const first = data.sample[0]?.values as Record<string, unknown> | undefined;
  return data.columns.map((c) =>
    c.field && first && first[c.field] != null ? { ...c, sample: first[c.field], sampleField: c.field } : c,
  );
}

/** A parsed value as the user would write it: words for codes, 长期坚持 for an ongoing deadline. */
function useSampleText() {
  const t = useT();
  return (field: ImportField | null, value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.join(t('import.listSeparator'));
    if (typeof value === 'object')
      return 'value' in value ? String((value as { value: unknown }).value) : t('items.longTerm');
    const text = String(value);
    if (field === 'source') return t(`source.${text}` as MessageKey);
    if (field === 'status') return t(`status.${text}` as MessageKey);
    if (field === 'rectificationType') return t(`rectificationType.${text}` as MessageKey);
    if (field === 'handlingMode') return t(`handlingMode.${text}` as MessageKey);
    return /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.replace('T', ' ') : text;
  };
}

function MappingTable({ columns, onChange }: { columns: Columns; onChange: (next: Columns) => void }) {
  const t = useT();
  const sampleText = useSampleText();
  const label = (f: ImportField | null) => (f ? t(`importField.${f}` as MessageKey) : t('import.leaveOut'));
  return (
    <table className="data-table compact mapping-table" aria-labelledby="import-step-columns">
      <thead>
        <tr>
          <th scope="col">{t('import.column')}</th>
          <th scope="col">{t('import.header')}</th>
          <th scope="col">{t('import.suggested')}</th>
          <th scope="col">{t('import.importAs')}</th>
          <th scope="col">{t('import.sample')}</th>
        </tr>
      </thead>
      <tbody>
        {columns
          .filter((c) => c.header.trim() !== '')
          .map((c) => (
            <tr key={c.index} data-column={c.letter} className={c.field ? undefined : 'left-out'}>
              <td className="code">{c.letter}</td>
              <th scope="row">{c.header}</th>
              <td className="muted">{label(c.suggested)}</td>
              <td>
                <select
                  aria-label={t('import.importAsFor', { header: c.header })}
                  value={c.field ?? ''}
                  onChange={(e) =>
                    onChange(remap(columns, c.index, (e.target.value || null) as ImportField | null))
                  }
                >
                  <option value="">{t('import.leaveOut')}</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {label(f)}
                    </option>
                  ))}
                </select>
                {c.field !== c.suggested && <span className="tag">{t('import.changed')}</span>}
              </td>
              <td className="sample">
                {c.field !== null && c.field === c.sampleField ? sampleText(c.field, c.sample) : ''}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

const SUMMARY_KEYS = ['create', 'update', 'unchanged', 'reject', 'skip'] as const;

function Summary({ report }: { report: ImportReport }) {
  const t = useT();
  const lang = useLang();
  return (
    <ul className="import-summary" data-testid="import-summary">
      {SUMMARY_KEYS.map((k) => (
        <li key={k} className={`summary-${k}`} data-key={k}>
          <span className="summary-label">{t(`import.action.${k}` as MessageKey)}</span>
          <span className="summary-value">{formatNumber(lang, report.summary[k])}</span>
        </li>
      ))}
    </ul>
  );
}

const ACTION_ICONS = { create: '＋', update: '✎', unchanged: '＝', reject: '✕', skip: '–' } as const;
const FILTERS: RowFilter[] = ['all', 'problems', 'create', 'update', 'unchanged', 'reject', 'skip'];

function ReportRows({ report }: { report: ImportReport }) {
  const t = useT();
  const lang = useLang();
  const [filter, setFilter] = useState<RowFilter>(report.summary.reject > 0 ? 'reject' : 'all');
  const [limit, setLimit] = useState(200);
  const ids = useId();
  const rows = filterRows(report.rows, filter);
  const choose = (f: RowFilter) => {
    setFilter(f);
    setLimit(200);
  };
  return (
    <>
      <div
        className="tabs"
        role="tablist"
        aria-label={t('import.rowFilter')}
        onKeyDown={tabListKeyDown(FILTERS, filter, choose)}
      >
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            id={`${ids}-${f}`}
            aria-selected={filter === f}
            aria-controls={`${ids}-panel`}
            tabIndex={tabIndex(filter === f)}
            onClick={() => choose(f)}
          >
            {t(`import.filter.${f}` as MessageKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-${filter}`}>
        <table
          className="data-table compact report-table"
          data-testid="import-rows"
          aria-labelledby="import-step-report"
        >
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.row')}
              </th>
              <th scope="col">{t('import.whatHappens')}</th>
              <th scope="col">{t('items.code')}</th>
              <th scope="col">{t('items.title')}</th>
              <th scope="col">{t('import.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((r) => (
              <tr key={r.row} data-row={r.row} data-action={r.action} className={`report-${r.action}`}>
                <td className="num">{r.row}</td>
                <td className="nowrap">
                  <span className={`row-action action-${r.action}`}>
                    <span aria-hidden="true">{ACTION_ICONS[r.action]}</span>{' '}
                    {t(`import.action.${r.action}` as MessageKey)}
                  </span>
                </td>
                <td className="code">{r.ledgerCode ?? ''}</td>
                <td>{r.title ?? ''}</td>
                <td>
                  {r.action === 'update' && r.changes && r.changes.length > 0 && (
                    <ul className="row-changes">
                      {changeLines(r, lang).map((c) => (
                        <li
                          key={c.field}
                          data-field={c.field}
                          {...(c.field === 'status' ? { 'data-testid': 'row-status-change' } : {})}
                        >
                          {c.from === undefined
                            ? t(`importField.${c.field}` as MessageKey)
                            : t('import.fieldChange', {
                                field: t(`importField.${c.field}` as MessageKey),
                                from: c.from,
                                to: c.to ?? '',
                              })}
                        </li>
                      ))}
                    </ul>
                  )}
                  {r.skipped && (
                    <p className="muted">
                      {t(`import.skipped.${r.skipped}` as MessageKey, { row: r.continues ?? '' })}
                    </p>
                  )}
                  {r.errors.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row's issues never reorder
                    <p key={`e-${i}`} className="row-error">
                      {e.text}
                    </p>
                  ))}
                  {r.warnings.map((w, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row's issues never reorder
                    <p key={`w-${i}`} className="row-warning">
                      {w.text}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > limit && (
          <button type="button" className="link-button" onClick={() => setLimit(limit + 500)}>
            {t('import.showMore', { n: rows.length - limit })}
          </button>
        )}
      </div>
      {report.unlisted > 0 && (
        <p className="muted" data-testid="import-unlisted">
          {t('import.unlisted', { n: formatNumber(lang, report.unlisted) })}
        </p>
      )}
    </>
  );
}
