import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { adminDataKeys, appraisalListOptions, importAppraisals } from '../../api/admin-data.ts';
import { departmentListOptions } from '../../api/departments.ts';
import { figureKeys } from '../../api/figures.ts';
import { QueryState } from '../../components/query-state.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { DASH, formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { FilePicker } from '../import/file-picker.tsx';
import { ActionError } from '../ledger/action-error.tsx';
import { decodeFileText, parseAppraisals } from './parse-appraisals.ts';

/** External appraisals: the list by period, and an import (paste rows or read a CSV file), all or nothing. */
export function AppraisalsSection() {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const list = useQuery(appraisalListOptions());
  const departments = useQuery(departmentListOptions());
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const parsed = useMemo(
    () => parseAppraisals(text, departments.data?.departments ?? []),
    [text, departments.data],
  );
  const mutation = useMutation({
    mutationFn: () => importAppraisals(parsed.rows),
    onSuccess: (data) => {
      setText('');
      setDone(t('appraisals.imported', { n: formatNumber(lang, data.imported) }));
      void queryClient.invalidateQueries({ queryKey: adminDataKeys.appraisals() });
      void queryClient.invalidateQueries({ queryKey: figureKeys.all });
    },
  });
  const name = (code: string) => {
    const d = departments.data?.departments.find((x) => x.code === code);
    return d ? pick(lang, d.nameZh, d.nameEn) : code;
  };
  return (
    <section className="admin-section" aria-labelledby="appraisals-title">
      <h2 id="appraisals-title">{t('appraisals.title')}</h2>
      <p className="muted">{t('appraisals.explain')}</p>
      <div className="panel appraisal-import">
        <h3>{t('appraisals.import')}</h3>
        <label className="field">
          <span>{t('appraisals.paste')}</span>
          <textarea
            name="appraisal-rows"
            rows={6}
            value={text}
            placeholder={t('appraisals.placeholder')}
            onChange={(e) => {
              setText(e.target.value);
              setDone(null);
              mutation.reset();
            }}
          />
        </label>
        <FilePicker
          label={t('appraisals.file')}
          accept=".csv,.txt,text/csv,text/plain"
          fileName={fileName}
          onFile={async (file) => {
            setFileName(file?.name ?? null);
            if (file) setText(decodeFileText(new Uint8Array(await file.arrayBuffer())));
          }}
        />
        {text.trim() !== '' && (
          <div className="appraisal-preview" data-testid="appraisal-preview">
            {parsed.problems.length > 0 ? (
              <ul className="form-error" role="alert">
                {parsed.problems.map((p) => (
                  <li key={`${p.line}-${p.problem}`}>
                    {t('appraisals.problem', {
                      line: p.line,
                      what: t(`appraisals.problem.${p.problem}` as MessageKey, { first: p.first ?? '' }),
                      value: p.value || DASH,
                    })}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('appraisals.ready', { n: formatNumber(lang, parsed.rows.length) })}</p>
            )}
            <button
              type="button"
              className="primary-button"
              disabled={parsed.problems.length > 0 || parsed.rows.length === 0 || mutation.isPending}
              onClick={() => mutation.mutate()}
            >
              {t('appraisals.submit', { n: formatNumber(lang, parsed.rows.length) })}
            </button>
          </div>
        )}
        <ActionError error={mutation.error} />
        <SuccessLine message={done} />
      </div>
      <QueryState query={list}>
        {({ appraisals }) =>
          appraisals.length === 0 ? (
            <p className="muted">{t('appraisals.none')}</p>
          ) : (
            <table
              className="data-table admin-table compact"
              data-testid="appraisals-table"
              aria-labelledby="appraisals-title"
            >
              <thead>
                <tr>
                  <th scope="col">{t('appraisals.period')}</th>
                  <th scope="col">{t('appraisals.kind')}</th>
                  <th scope="col">{t('ranking.department')}</th>
                  <th scope="col" className="num">
                    {t('appraisals.score')}
                  </th>
                  <th scope="col" className="num">
                    {t('appraisals.rank')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {appraisals.map((a) => (
                  <tr key={`${a.period}-${a.kind}-${a.departmentCode}`}>
                    <td className="nowrap">{a.period}</td>
                    <td className="nowrap">{t(`appraisalKind.${a.kind}` as MessageKey)}</td>
                    <td>{name(a.departmentCode)}</td>
                    <td className="num">{formatNumber(lang, a.score, 1)}</td>
                    <td className="num">
                      {a.rank === null
                        ? DASH
                        : a.outOf === null
                          ? formatNumber(lang, a.rank)
                          : t('appraisals.rankOf', {
                              rank: formatNumber(lang, a.rank),
                              of: formatNumber(lang, a.outOf),
                            })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
