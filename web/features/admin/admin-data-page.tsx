import { Navigate, useParams } from 'react-router';
import { usePageTitle } from '../../components/page-title.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { ADMIN_SECTIONS, AdminNav } from './admin-nav.tsx';
import { AdminOnly } from './admin-only.tsx';
import { AppraisalsSection } from './appraisals-section.tsx';
import { AuditSection } from './audit-section.tsx';
import { CampaignsSection } from './campaigns-section.tsx';
import { DepartmentsSection } from './departments-section.tsx';
import { OrganisationSection } from './organisation-section.tsx';
import { ProfilesSection } from './profiles-section.tsx';
import { PublishedRankingsSection } from './published-rankings-section.tsx';
import './admin.css';
import './admin-data.css';
import '../ledger/ledger.css';

const SECTIONS = {
  organisation: OrganisationSection,
  departments: DepartmentsSection,
  campaigns: CampaignsSection,
  appraisals: AppraisalsSection,
  profiles: ProfilesSection,
  rankings: PublishedRankingsSection,
  audit: AuditSection,
} as const;

/** /admin/:section — the supervision office's reference data, one section per page. */
export function AdminDataPage() {
  const t = useT();
  const section = useParams().section as keyof typeof SECTIONS | undefined;
  // The tab's title names the section (部门 · 管理): every section's heading is 管理.
  const label = ADMIN_SECTIONS.find((s) => s.to === `/admin/${section}`)?.label;
  usePageTitle(label ? `${t(label)} · ${t('admin.title')}` : t('admin.title'));
  if (!section || !(section in SECTIONS)) return <Navigate to="/admin" replace />;
  const Section = SECTIONS[section];
  return (
    <section className="page admin-page">
      <h1>{t('admin.title')}</h1>
      <p className="subtitle">{t(`adminData.subtitle.${section}` as MessageKey)}</p>
      <AdminNav />
      <AdminOnly>
        <Section />
      </AdminOnly>
    </section>
  );
}
