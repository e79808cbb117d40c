import { useQuery } from '@tanstack/react-query';
import { meOptions } from '../../api/auth.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { useT } from '../../i18n/use-t.ts';
import { AdminNav } from './admin-nav.tsx';
import { DisplayLinksSection } from './display-links-section.tsx';
import { UsersSection } from './users-section.tsx';
import './admin.css';
import './admin-data.css';

/** The Admin view: users and display links. Admins only — the server refuses everyone else anyway. */
export function AdminPage() {
  const t = useT();
  usePageTitle(`${t('adminNav.accounts')} · ${t('admin.title')}`);
  const me = useQuery(meOptions());
  const isAdmin = me.data?.kind === 'user' && me.data.user.role === 'admin';
  return (
    <section className="page admin-page">
      <h1>{t('admin.title')}</h1>
      <p className="subtitle">{t('admin.subtitle')}</p>
      <AdminNav />
      {isAdmin ? (
        <>
          <ul className="admin-contents">
            <li>
              <a href="#users-title">{t('users.title')}</a>
            </li>
            <li>
              <a href="#links-title">{t('links.title')}</a>
            </li>
          </ul>
          <UsersSection />
          <DisplayLinksSection />
        </>
      ) : (
        <div className="notice" role="alert">
          {t('admin.onlyAdmins')}
        </div>
      )}
    </section>
  );
}
