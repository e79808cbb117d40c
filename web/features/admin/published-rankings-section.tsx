import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { profileName } from '../../../server/domain/profile-name.ts';
import { lastDayCounted } from '../../../server/domain/time.ts';
import {
  profileListOptions,
  publishedRankingOptions,
  publishedRankingsOptions,
} from '../../api/admin-data.ts';
import { referenceOptions } from '../../api/figures.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useOrganisation } from '../../components/use-organisation.ts';
import { useTimeZone } from '../../components/use-time-zone.ts';
import { formatPeriod } from '../../components/weeks.ts';
import { DASH, formatDay, formatInstantDay, formatScore } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { formatMoment } from '../ledger/format.ts';
import { PublishRankingForm } from './publish-ranking-form.tsx';

/** Frozen rankings: the period, when they were taken, the scope and the profile version they used. */
export function PublishedRankingsSection() {
  const t = useT();
  const lang = useLang();
  const timeZone = useTimeZone();
  const list = useQuery(publishedRankingsOptions());
  const profiles = useQuery(profileListOptions());
  const reference = useQuery(referenceOptions());
  const [open, setOpen] = useState<{ id: number; period: string } | null>(null);
  const profile = (id: number) => {
    const p = profiles.data?.profiles.find((x) => x.id === id);
    return p
      ? t('published.profileVersion', { name: profileName(p.name, lang), version: p.version })
      : `#${id}`;
  };
  const scopeText = (scope: Record<string, string>) => {
    const parts = Object.entries(scope).map(([k, v]) => {
      const ref = reference.data;
      const named =
        k === 'campaign'
          ? ref?.campaigns.find((c) => c.code === v)
          : k === 'domain'
            ? ref?.domains.find((d) => d.code === v)
            : k === 'peerGroup'
              ? ref?.peerGroups.find((g) => g.code === v)
              : undefined;
      const value = named
        ? pick(lang, named.nameZh, named.nameEn)
        : k === 'source'
          ? t(`source.${v}` as MessageKey)
          : v;
      return value;
    });
    return parts.length > 0 ? parts.join(' · ') : t('published.allScope');
  };
  return (
    <section className="admin-section" aria-labelledby="published-title">
      <h2 id="published-title">{t('published.title')}</h2>
      <p className="muted">{t('published.explain')}</p>
      <PublishRankingForm />
      <QueryState query={list}>
        {({ published }) =>
          published.length === 0 ? (
            <p className="muted" data-testid="published-none">
              {t('published.none')}
            </p>
          ) : (
            <table
              className="data-table admin-table compact"
              data-testid="published-table"
              aria-labelledby="published-title"
            >
              <thead>
                <tr>
                  <th scope="col">{t('published.period')}</th>
                  <th scope="col">{t('published.asOf')}</th>
                  <th scope="col">{t('published.scope')}</th>
                  <th scope="col">{t('published.profile')}</th>
                  <th scope="col">{t('published.publishedAt')}</th>
                  <th scope="col">{t('users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {published.map((p) => (
                  <tr key={p.id} data-id={p.id}>
                    <td className="nowrap" title={p.period}>
                      {formatPeriod(lang, p.period)}
                    </td>
                    <td className="nowrap">{formatAsOf(lang, p.asOf)}</td>
                    <td>{scopeText(p.scope)}</td>
                    <td className="nowrap">{profile(p.profileId)}</td>
                    <td className="nowrap">{formatInstantDay(lang, p.publishedAt, timeZone)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => setOpen({ id: p.id, period: p.period })}
                      >
                        {t('published.view')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {open && <PublishedDialog id={open.id} period={open.period} onClose={() => setOpen(null)} />}
    </section>
  );
}

/** "As of" a midnight is the end of the day before (asOf=2026-11-15 is stored as 2026-11-16T00:00:00). */
function formatAsOf(lang: Lang, moment: string): string {
  return moment.endsWith('T00:00:00') ? formatDay(lang, lastDayCounted(moment)) : formatMoment(lang, moment);
}

interface FrozenRow {
  department: { code: string; nameZh: string; nameEn: string };
  score: number;
  ranked: boolean;
  overallRank: number | null;
  rank: number | null;
}

function PublishedDialog({ id, period, onClose }: { id: number; period: string; onClose: () => void }) {
  const t = useT();
  const { rankParams } = useOrganisation();
  const lang = useLang();
  const query = useQuery(publishedRankingOptions(id));
  return (
    <ModalDialog
      title={t('published.dialogTitle', { period: formatPeriod(lang, period) })}
      onClose={onClose}
      testId="published-dialog"
    >
      <QueryState query={query}>
        {(data) => {
          const rows = ((data.result as { rows?: FrozenRow[] }).rows ?? []) as FrozenRow[];
          return (
            <table className="data-table compact">
              <caption className="sr-only">
                {t('published.dialogTitle', { period: formatPeriod(lang, period) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('ranking.overallRank', rankParams)}
                  </th>
                  <th scope="col">{t('ranking.department')}</th>
                  <th scope="col" className="num">
                    {t('ranking.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.department.code}>
                    <td className="num">{r.ranked ? r.overallRank : t('ranking.notRanked')}</td>
                    <td>{pick(lang, r.department.nameZh, r.department.nameEn)}</td>
                    <td className="num">{r.ranked ? formatScore(lang, r.score) : DASH}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryState>
    </ModalDialog>
  );
}
