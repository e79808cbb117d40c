import { type ComponentType, lazy, Suspense } from 'react';
import { useT } from './i18n/use-t.ts';

/*
 * Every page but the weekly review and the departments list (where the app opens) loads on first use:
 * the first page a leader sees should not wait for the code of every other one. At 400 departments
 * the weekly review's own work leaves little of its second for the rest (docs/performance.md).
 */

function Loaded({ page: Page }: { page: ComponentType }) {
  const t = useT();
  return (
    <Suspense
      fallback={
        <div className="state" aria-busy="true">
          {t('state.loading')}
        </div>
      }
    >
      <Page />
    </Suspense>
  );
}

const Ledger = lazy(async () => ({
  default: (await import('./features/ledger/ledger-page.tsx')).LedgerPage,
}));
const Item = lazy(async () => ({ default: (await import('./features/ledger/item-page.tsx')).ItemPage }));
const CreateItem = lazy(async () => ({
  default: (await import('./features/ledger/create-item-page.tsx')).CreateItemPage,
}));
const Sheet = lazy(async () => ({
  default: (await import('./features/ledger/supervision-sheet-page.tsx')).SupervisionSheetPage,
}));
const Import = lazy(async () => ({
  default: (await import('./features/import/import-page.tsx')).ImportPage,
}));
const AdminData = lazy(async () => ({
  default: (await import('./features/admin/admin-data-page.tsx')).AdminDataPage,
}));
const Admin = lazy(async () => ({ default: (await import('./features/admin/admin-page.tsx')).AdminPage }));
const BigScreen = lazy(async () => ({
  default: (await import('./features/big-screen/big-screen-page.tsx')).BigScreenPage,
}));
const Bulletin = lazy(async () => ({
  default: (await import('./features/bulletin/bulletin-page.tsx')).BulletinPage,
}));
const DepartmentView = lazy(async () => ({
  default: (await import('./features/department-view/department-view-page.tsx')).DepartmentViewPage,
}));
const Account = lazy(async () => ({
  default: (await import('./features/login/account-page.tsx')).AccountPage,
}));

export const LedgerPage = () => <Loaded page={Ledger} />;
export const ItemPage = () => <Loaded page={Item} />;
export const CreateItemPage = () => <Loaded page={CreateItem} />;
export const SupervisionSheetPage = () => <Loaded page={Sheet} />;
export const ImportPage = () => <Loaded page={Import} />;
export const AdminDataPage = () => <Loaded page={AdminData} />;
export const AdminPage = () => <Loaded page={Admin} />;
export const BigScreenPage = () => <Loaded page={BigScreen} />;
export const BulletinPage = () => <Loaded page={Bulletin} />;
export const DepartmentViewPage = () => <Loaded page={DepartmentView} />;
export const AccountPage = () => <Loaded page={Account} />;
