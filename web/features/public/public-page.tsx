import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { type PublicProgress, publicCampaignsOptions, publicProgressOptions } from '../../api/public.ts';
import { BrandHeader } from '../../components/brand-header.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { formatMoment } from '../ledger/format.ts';
import { TrendTable } from '../weekly-review/trend-table.tsx';
import './public-page.css';
import { FindField, useFind } from '../../components/find-field.tsx';

const TrendChart = lazyChart(
  async () => (await import('../weekly-review/trend-chart.tsx')).TrendChart,
  () => 260,
);

/**
 * 接受群众监督: a campaign's progress for anyone, without signing in — headline figures, the weekly
 * trend, and progress per domain and per department. Only what the office opened, and only counts
 * and rates: no item, no person.
 */
export function PublicPage() {
  const t = useT();
  const lang = useLang();
  usePageTitle(t('public.title'));
  const asked = useParams().campaign;
  const campaigns = useQuery(publicCampaignsOptions());
  const list = campaigns.data?.campaigns ?? [];
  const code = asked ?? list[0]?.code;
  return (
    <div className="public-page">
      <BrandHeader tagline={t('public.tagline')} />
      <main className="page">
        {list.length > 1 && (
          <nav className="public-campaigns" aria-label={t('public.campaigns')}>
            {list.map((c) => (
              <Link key={c.code} to={`/public/${c.code}`} aria-current={c.code === code ? 'page' : undefined}>
                {pick(lang, c.nameZh, c.nameEn)}
              </Link>
            ))}
          </nav>
        )}
        {campaigns.isSuccess && code === undefined ? (
          <>
            {/* With no campaign open, the page's heading is its own name (else the campaign's). */}
            <h1>{t('public.title')}</h1>
            <p className="notice" data-testid="public-none">
              {t('public.none')}
            </p>
          </>
        ) : (
          code !== undefined && <CampaignProgress code={code} />
        )}
        <p className="muted public-note">{t('public.note')}</p>
      </main>
    </div>
  );
}

function CampaignProgress({ code }: { code: string }) {
  const query = useQuery(publicProgressOptions(code));
  return <QueryState query={query}>{(data) => <Progress data={data} />}</QueryState>;
}

function Progress({ data }: { data: PublicProgress }) {
  const t = useT();
  const lang = useLang();
  const h = data.headline;
  const tiles = [
    ['registered', formatNumber(lang, h.registered)],
    ['closed', formatNumber(lang, h.closed)],
    ['closureRate', formatPercent(lang, h.closureRate)],
    ['onTimeRate', formatPercent(lang, h.onTimeRate)],
    ['overdue', formatNumber(lang, h.overdue)],
  ] as const;
  return (
    <>
      <header className="page-head">
        <div>
          <h1 data-testid="public-title">{pick(lang, data.campaign.nameZh, data.campaign.nameEn)}</h1>
          <p className="subtitle">{t('public.asOf', { moment: formatMoment(lang, data.asOf) })}</p>
        </div>
      </header>
      <section className="headline public-headline" aria-label={t('public.headline')}>
        {tiles.map(([key, value]) => (
          <div key={key} className="tile" data-testid={`public-${key}`}>
            <span className="tile-label">{t(`headline.${key}`)}</span>
            <span className="tile-value">{value}</span>
          </div>
        ))}
      </section>
      <section className="panel" aria-labelledby="public-trend">
        <h2 id="public-trend">{t('weekly.trend')}</h2>
        <TrendChart weeks={data.trend} title={t('weekly.trend')} />
        <TrendTable weeks={data.trend} title={t('weekly.trend')} />
      </section>
      <div className="grid-2">
        <ProgressTable
          title={t('public.byDomain')}
          first={t('filters.domain')}
          rows={data.domains}
          testId="public-domains"
        />
        <ProgressTable
          title={t('public.byDepartment')}
          first={t('items.department')}
          rows={data.departments}
          testId="public-departments"
          findable
        />
      </div>
    </>
  );
}

function ProgressTable({
  title,
  first,
  rows,
  testId,
  findable = false,
}: {
  title: string;
  first: string;
  rows: PublicProgress['departments'];
  testId: string;
  /** A province's 400 departments: a field narrows them by name. */
  findable?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const find = useFind(findable ? rows.length : 0);
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <FindField find={find} labelled />
      <div className="table-scroll">
        <table className="data-table compact" data-testid={testId}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              <th scope="col" className="num">
                {t('headline.registered')}
              </th>
              <th scope="col" className="num narrow-hidden">
                {t('headline.closed')}
              </th>
              <th scope="col" className="num">
                {t('headline.closureRate')}
              </th>
              <th scope="col" className="num">
                {t('headline.overdue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((r) => find.keeps([r.code ?? '', r.nameZh, r.nameEn]))
              .map((r) => (
                <tr key={r.code ?? 'other'}>
                  <td>{pick(lang, r.nameZh, r.nameEn)}</td>
                  <td className="num">{formatNumber(lang, r.registered)}</td>
                  <td className="num narrow-hidden">{formatNumber(lang, r.closed)}</td>
                  <td className="num">{formatPercent(lang, r.closureRate)}</td>
                  <td className={r.overdue > 0 ? 'num overdue' : 'num'}>{formatNumber(lang, r.overdue)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
