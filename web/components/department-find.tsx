import { useId, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { matchesDepartment } from './department-match.ts';

/** A select of more departments than this gets a field that narrows it; a county's 40 do not. */
export const FIND_OVER = 40;

type Named = { code: string; nameZh: string; nameEn: string };

/**
 * What is typed to narrow a select of departments (a province's 400), and which options it hides. The
 * options are hidden, not left out, so that a form's chosen departments stay chosen and are sent.
 */
export function useDepartmentFind(count: number) {
  const [query, setQuery] = useState('');
  const active = count > FIND_OVER && query.trim() !== '';
  return {
    shown: count > FIND_OVER,
    query,
    setQuery,
    hides: (d: Named) => active && !matchesDepartment(d, query),
  };
}

/**
 * The field that narrows a department select, placed after the select inside its label (so the label
 * names the select), or above a table of departments with a label of its own (`labelled`); nothing for
 * a short list. Enter does not send the form around it.
 */
export function DepartmentFindField({
  find,
  labelled = false,
}: {
  find: ReturnType<typeof useDepartmentFind>;
  labelled?: boolean;
}) {
  const t = useT();
  const id = useId();
  if (!find.shown) return null;
  const input = (
    <input
      id={id}
      type="text"
      enterKeyHint="search"
      className="department-find"
      aria-label={t('departments.find')}
      placeholder={t('departments.findPlaceholder')}
      value={find.query}
      onChange={(e) => find.setQuery(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
    />
  );
  return labelled ? (
    <div className="table-find">
      <label htmlFor={id}>{t('departments.find')}</label>
      {input}
    </div>
  ) : (
    input
  );
}
