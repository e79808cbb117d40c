import { useId, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { matchesDepartment, matchesWords } from './department-match.ts';

/** A list longer than this (a province's 400 departments) gets a field that narrows it; a county's 40 do not. */
export const FIND_OVER = 40;

type Named = { code: string; nameZh: string; nameEn: string };

/**
 * What is typed to narrow a long list (a select's options, a table's rows), and what it leaves out. A
 * select's options are hidden, not left out, so that a form's chosen departments stay chosen and are sent.
 */
export function useFind(count: number) {
  const [query, setQuery] = useState('');
  const active = count > FIND_OVER && query.trim() !== '';
  return {
    shown: count > FIND_OVER,
    query,
    setQuery,
    /** Whether a department is left out. */
    hides: (d: Named) => active && !matchesDepartment(d, query),
    /** Whether something described by these texts is kept. */
    keeps: (texts: readonly string[]) => !active || matchesWords(texts, query),
  };
}

/**
 * The field that narrows a list: after a select of departments inside its label (so the label names
 * the select), or above a table with a label of its own (`labelled`, "Find a department" unless
 * `label` says otherwise); nothing for a short list. Enter does not send the form around it.
 */
export function FindField({
  find,
  labelled = false,
  label,
}: {
  find: ReturnType<typeof useFind>;
  labelled?: boolean;
  label?: string;
}) {
  const t = useT();
  const id = useId();
  if (!find.shown) return null;
  const name = label ?? t('departments.find');
  const input = (
    <input
      id={id}
      type="text"
      enterKeyHint="search"
      className="department-find"
      aria-label={name}
      placeholder={label ? undefined : t('departments.findPlaceholder')}
      value={find.query}
      onChange={(e) => find.setQuery(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
    />
  );
  return labelled ? (
    <div className="table-find">
      <label htmlFor={id}>{name}</label>
      {input}
    </div>
  ) : (
    input
  );
}
