import type { UserRow } from '../../api/users.ts';
import { FindField, useFind } from '../../components/find-field.tsx';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';

export const ROLES = ['admin', 'leader', 'editor'] as const;
export type RoleChoice = (typeof ROLES)[number];

export interface DepartmentChoice {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** A role select. */
export function RoleSelect({
  value,
  onChange,
  label,
  className,
}: {
  value: RoleChoice;
  onChange: (role: RoleChoice) => void;
  label: string;
  className?: string;
}) {
  const t = useT();
  return (
    <select
      className={className}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as RoleChoice)}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
}

/**
 * A department select, for editors (with a field that narrows a long list); disabled (and empty) for
 * the other roles, who belong to none.
 */
export function DepartmentSelect({
  value,
  onChange,
  departments,
  role,
  label,
  className,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  departments: DepartmentChoice[];
  role: RoleChoice;
  label: string;
  className?: string;
}) {
  const t = useT();
  const lang = useLang();
  const find = useFind(departments.length);
  const select = (
    <select
      className={className}
      aria-label={label}
      value={role === 'editor' && value !== null ? String(value) : ''}
      disabled={role !== 'editor'}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{role === 'editor' ? t('users.chooseDepartment') : '—'}</option>
      {departments.map((d) => (
        <option key={d.id} value={d.id} hidden={find.hides(d)}>
          {d.code} {pick(lang, d.nameZh, d.nameEn)}
        </option>
      ))}
    </select>
  );
  // An editor's department, among a province's 400, found by a word of its name.
  return role === 'editor' && find.shown ? (
    <span className="select-and-find">
      {select}
      <FindField find={find} />
    </span>
  ) : (
    select
  );
}

/** A user's department as shown in the table. */
export function departmentLabel(lang: 'zh-CN' | 'en', u: UserRow): string {
  if (!u.departmentCode || !u.departmentNameZh || !u.departmentNameEn) return '—';
  return `${u.departmentCode} ${pick(lang, u.departmentNameZh, u.departmentNameEn)}`;
}
