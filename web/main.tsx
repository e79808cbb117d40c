import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/app-shell.tsx';
import { BulletinPage } from './features/bulletin/bulletin-page.tsx';
import { DepartmentViewPage } from './features/department-view/department-view-page.tsx';
import { DepartmentsPage } from './features/departments/departments-page.tsx';
import { PlaceholderPage } from './features/placeholder/placeholder-page.tsx';
import { WeeklyReviewPage } from './features/weekly-review/weekly-review-page.tsx';
import { currentLang } from './i18n/lang.ts';
import './styles.css';

document.documentElement.lang = currentLang();

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, placeholderData: (previous: unknown) => previous } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppShell>
          <Routes>
            <Route path="/" element={<Navigate to="/departments" replace />} />
            <Route path="/departments" element={<DepartmentsPage />} />
            <Route path="/weekly" element={<WeeklyReviewPage />} />
            <Route path="/department" element={<DepartmentViewPage />} />
            <Route path="/department/:code" element={<DepartmentViewPage />} />
            <Route path="/bulletin" element={<BulletinPage />} />
            <Route path="/ledger" element={<PlaceholderPage title="nav.ledger" />} />
            <Route path="/big-screen" element={<PlaceholderPage title="nav.bigScreen" />} />
            <Route path="/admin" element={<PlaceholderPage title="nav.admin" />} />
            <Route path="*" element={<Navigate to="/departments" replace />} />
          </Routes>
        </AppShell>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
