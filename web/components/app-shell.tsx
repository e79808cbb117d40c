import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { setLang, useLang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';

const NAV: { to: string; label: MessageKey }[] = [
  { to: '/weekly', label: 'nav.weekly' },
  { to: '/departments', label: 'nav.departments' },
  { to: '/ledger', label: 'nav.ledger' },
  { to: '/big-screen', label: 'nav.bigScreen' },
  { to: '/admin', label: 'nav.admin' },
];

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="shell">
      <header className="shell-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav className="shell-nav" aria-label="main">
          {NAV.map((n) => (
            <NavLink key={n.to} to={n.to} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {t(n.label)}
            </NavLink>
          ))}
        </nav>
        <button
          type="button"
          className="lang-switch"
          aria-label={t('lang.switchLabel')}
          onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
        >
          {t('lang.switch')}
        </button>
      </header>
      <main className="shell-main">{children}</main>
    </div>
  );
}
