import { type ComponentType, lazy, Suspense } from 'react';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { useT } from './i18n/use-t.ts';

/*
 * Every page but the weekly review and the departments list (where the app opens) loads on first use:
 * the first page a leader sees should not wait for the code of every other one. At 400 departments
 * the weekly review's own work leaves little of its second for the rest (docs/performance.md).
 */

/**
 * A page whose code `load` brings on its first render, with a loading line meanwhile; when the code
 * cannot be fetched (the server away, or a new version installed since this page was opened), a
 * message with a reload instead of a blank screen.
 */
function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Page = lazy(async () => ({ default: await load() }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module load, never while rendering
  return function LoadedPage() {
    const t = useT();
    return (
      <ErrorBoundary
        fallback={
          <div className="state" role="alert" data-testid="page-unavailable">
            <p>{t('state.pageUnavailable')}</p>
            <button type="button" className="secondary-button" onClick={() => window.location.reload()}>
              {t('state.reloadPage')}
            </button>
          </div>
        }
      >
        <Suspense
          fallback={
            <div className="state" aria-busy="true">
              {t('state.loading')}
            </div>
          }
        >
          <Page />
        </Suspense>
      </ErrorBoundary>
    );
  };
}

export const LedgerPage = lazyPage(
  async () => (await import('./features/ledger/ledger-page.tsx')).LedgerPage,
);
export const ItemPage = lazyPage(async () => (await import('./features/ledger/item-page.tsx')).ItemPage);
export const CreateItemPage = lazyPage(
  async () => (await import('./features/ledger/create-item-page.tsx')).CreateItemPage,
);
export const SupervisionSheetPage = lazyPage(
  async () => (await import('./features/ledger/supervision-sheet-page.tsx')).SupervisionSheetPage,
);
export const ImportPage = lazyPage(
  async () => (await import('./features/import/import-page.tsx')).ImportPage,
);
export const AdminDataPage = lazyPage(
  async () => (await import('./features/admin/admin-data-page.tsx')).AdminDataPage,
);
export const AdminPage = lazyPage(async () => (await import('./features/admin/admin-page.tsx')).AdminPage);
export const BigScreenPage = lazyPage(
  async () => (await import('./features/big-screen/big-screen-page.tsx')).BigScreenPage,
);
export const BulletinPage = lazyPage(
  async () => (await import('./features/bulletin/bulletin-page.tsx')).BulletinPage,
);
export const DepartmentViewPage = lazyPage(
  async () => (await import('./features/department-view/department-view-page.tsx')).DepartmentViewPage,
);
export const AccountPage = lazyPage(
  async () => (await import('./features/login/account-page.tsx')).AccountPage,
);
export const PublicPage = lazyPage(
  async () => (await import('./features/public/public-page.tsx')).PublicPage,
);
