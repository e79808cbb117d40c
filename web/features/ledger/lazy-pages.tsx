import { type ComponentType, lazy, Suspense } from 'react';
import { useT } from '../../i18n/use-t.ts';

/*
 * The ledger, item, import and admin data pages load on first use: most people open the weekly
 * review or the big screen, and the first page they see should not wait for the ledger's forms.
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

const Ledger = lazy(async () => ({ default: (await import('./ledger-page.tsx')).LedgerPage }));
const Item = lazy(async () => ({ default: (await import('./item-page.tsx')).ItemPage }));
const CreateItem = lazy(async () => ({ default: (await import('./create-item-page.tsx')).CreateItemPage }));
const Sheet = lazy(async () => ({
  default: (await import('./supervision-sheet-page.tsx')).SupervisionSheetPage,
}));
const Import = lazy(async () => ({ default: (await import('../import/import-page.tsx')).ImportPage }));
const AdminData = lazy(async () => ({
  default: (await import('../admin/admin-data-page.tsx')).AdminDataPage,
}));

export const LedgerPage = () => <Loaded page={Ledger} />;
export const ItemPage = () => <Loaded page={Item} />;
export const CreateItemPage = () => <Loaded page={CreateItem} />;
export const SupervisionSheetPage = () => <Loaded page={Sheet} />;
export const ImportPage = () => <Loaded page={Import} />;
export const AdminDataPage = () => <Loaded page={AdminData} />;
