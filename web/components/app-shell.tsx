import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { deckSearch, filterSearch } from './filters.ts';
import { LangSwitch } from './lang-switch.tsx';
import { useOrganisation } from './use-organisation.ts';

/**
 * Views that share the URL's filters keep them when you move between them; the big screen keeps those it
 * accepts (the campaign).
 */
const NAV: { to: string; label: MessageKey; filters?: true | 'deck'; adminOnly?: true }[] = [
  { to: '/weekly', label: 'nav.weekly', filters: true },
  { to: '/department', label: 'nav.department', filters: true },
  { to: '/bulletin', label: 'nav.bulletin', filters: true },
  { to: '/departments', label: 'nav.departments' },
  { to: '/ledger', label: 'nav.ledger' },
  { to: '/big-screen', label: 'nav.bigScreen', filters: 'deck' },
  { to: '/admin', label: 'nav.admin', adminOnly: true },
];

/** The frame of every signed-in view; `account` (who is signed in, sign-out) goes at the header's end. */
export function AppShell({
  children,
  account,
  isAdmin = false,
}: {
  children: ReactNode;
  account?: ReactNode;
  isAdmin?: boolean;
}) {
  const t = useT();
  const { name: organisation, nameLang } = useOrganisation();
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  // Another page opened in the app (not the first, not a filter changed): focus goes to its content, as
  // a page load would start there, so the keyboard goes on in the new page, not in the navigation, and
  // a screen reader says where it is.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current !== null && shown.current !== location.pathname)
      document.getElementById('main')?.focus({ preventScroll: true });
    shown.current = location.pathname;
  }, [location.pathname]);
  const carried = { view: filterSearch(search), deck: deckSearch(search) };
  // On a phone the navigation and the account fold behind a menu button (CSS): the page, not seven
  // links, fills the first screen. A page opened from it folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: folds the menu when the page changes
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <div className="shell">
      {/* The first stop of the keyboard, seen only when focused: past the navigation to the page. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('nav.skip')}
      </button>
      <header className={menuOpen ? 'shell-header menu-open' : 'shell-header'}>
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          {organisation ? (
            <span className="brand-org" lang={nameLang} title={organisation}>
              {organisation}
            </span>
          ) : (
            <span className="brand-tagline">{t('app.tagline')}</span>
          )}
        </div>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('nav.menu')}
        </button>
        <nav id={navId} className="shell-nav" aria-label={t('nav.label')}>
          {NAV.filter((n) => isAdmin || !n.adminOnly).map((n) => (
            <NavLink
              key={n.to}
              to={{
                pathname: n.to,
                search: n.filters === 'deck' ? carried.deck : n.filters ? carried.view : '',
              }}
              className={({ isActive }) => (isActive ? 'active' : undefined)}
            >
              {t(n.label)}
            </NavLink>
          ))}
        </nav>
        <LangSwitch />
        {account}
      </header>
      <main className="shell-main" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
