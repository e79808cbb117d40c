import { NavLink } from 'react-router';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';

/** The Admin view's sections: accounts (users and display links) and the office's reference data. */
export const ADMIN_SECTIONS: { to: string; label: MessageKey }[] = [
  { to: '/admin', label: 'adminNav.accounts' },
  { to: '/admin/organisation', label: 'adminNav.organisation' },
  { to: '/admin/departments', label: 'adminNav.departments' },
  { to: '/admin/campaigns', label: 'adminNav.campaigns' },
  { to: '/admin/appraisals', label: 'adminNav.appraisals' },
  { to: '/admin/profiles', label: 'adminNav.profiles' },
  { to: '/admin/rankings', label: 'adminNav.rankings' },
  { to: '/admin/audit', label: 'adminNav.audit' },
  { to: '/ledger/import', label: 'adminNav.import' },
];

export function AdminNav() {
  const t = useT();
  return (
    <nav className="admin-nav" aria-label={t('adminNav.label')}>
      {ADMIN_SECTIONS.map((s) => (
        <NavLink key={s.to} to={s.to} end className={({ isActive }) => (isActive ? 'active' : undefined)}>
          {t(s.label)}
        </NavLink>
      ))}
    </nav>
  );
}
