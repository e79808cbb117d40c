import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { DepartmentsPage } from './features/departments/departments-page.tsx';
import { Home } from './features/login/home.tsx';
import { LoginPage } from './features/login/login-page.tsx';
import { RedirectOnUnauthenticated } from './features/login/redirect-on-unauthenticated.tsx';
import { SignedInLayout } from './features/login/signed-in-layout.tsx';
import { WeeklyReviewPage } from './features/weekly-review/weekly-review-page.tsx';
import { prefetchFirstView } from './first-view-data.ts';
import { currentLang } from './i18n/lang.ts';
import { installValidationMessages } from './i18n/validation-messages.ts';
import {
  AccountPage,
  AdminDataPage,
  AdminPage,
  BigScreenPage,
  BulletinPage,
  CreateItemPage,
  DepartmentViewPage,
  ImportPage,
  ItemPage,
  LedgerPage,
  PublicPage,
  SupervisionSheetPage,
} from './lazy-pages.tsx';
import './styles.css';

document.documentElement.lang = currentLang();
installValidationMessages();

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, placeholderData: (previous: unknown) => previous } },
});

/**
 * How long the first render waits for who is signed in and the first view's data. They were asked for
 * as the page opened (first-requests.ts) and are usually here by now: rendering once with them spares
 * the browser two more renders and layouts of the whole page. A slow answer is not waited for.
 */
const FIRST_RENDER_WAIT_MS = 300;

void Promise.race([
  prefetchFirstView(queryClient, window.location),
  new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
]).then(render);

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <RedirectOnUnauthenticated />
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            {/* The big screen fills the window: no app shell, no navigation. */}
            <Route path="/screen" element={<BigScreenPage />} />
            <Route path="/big-screen" element={<BigScreenPage />} />
            {/* 接受群众监督: anyone, without signing in. */}
            <Route path="/public" element={<PublicPage />} />
            <Route path="/public/:campaign" element={<PublicPage />} />
            <Route
              path="*"
              element={
                <SignedInLayout>
                  <Routes>
                    <Route path="/" element={<Home />} />
                    <Route path="/departments" element={<DepartmentsPage />} />
                    <Route path="/weekly" element={<WeeklyReviewPage />} />
                    <Route path="/department" element={<DepartmentViewPage />} />
                    <Route path="/department/:code" element={<DepartmentViewPage />} />
                    <Route path="/bulletin" element={<BulletinPage />} />
                    <Route path="/ledger" element={<LedgerPage />} />
                    <Route path="/ledger/new" element={<CreateItemPage />} />
                    <Route path="/ledger/import" element={<ImportPage />} />
                    <Route path="/ledger/:id" element={<ItemPage />} />
                    <Route path="/ledger/:id/sheet" element={<SupervisionSheetPage />} />
                    <Route path="/admin" element={<AdminPage />} />
                    <Route path="/admin/:section" element={<AdminDataPage />} />
                    <Route path="/account" element={<AccountPage />} />
                    <Route path="*" element={<Navigate to="/departments" replace />} />
                  </Routes>
                </SignedInLayout>
              }
            />
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}
