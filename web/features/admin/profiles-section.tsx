import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { profileName } from '../../../server/domain/profile-name.ts';
import {
  adminDataKeys,
  type ProfileConfig,
  type ProfilePreview,
  type ProfileRow,
  previewProfile,
  profileListOptions,
  saveProfile,
} from '../../api/admin-data.ts';
import { figureKeys } from '../../api/figures.ts';
import { QueryState } from '../../components/query-state.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { useTimeZone } from '../../components/use-time-zone.ts';
import { DASH, formatDay, formatInstantDay, formatNumber, formatScore } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';
import {
  COMPONENTS,
  fromDraft,
  type ProfileDraft,
  sameConfig,
  toDraft,
  UNITS,
  weightTotal,
} from './profile-draft.ts';

/**
 * Scoring profiles: the versions so far and an editor for a new one. A change is previewed first —
 * every department's score and rank now under the current profile and under the draft — and only the
 * previewed draft can be saved, as a new version that takes effect at once.
 */
export function ProfilesSection() {
  const t = useT();
  const list = useQuery(profileListOptions());
  // Saving makes a new version the active one, and the editor starts again from it: the message lives here.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="admin-section" aria-labelledby="profiles-title">
      <h2 id="profiles-title">{t('profiles.title')}</h2>
      <p className="muted">{t('profiles.explain')}</p>
      <QueryState query={list}>
        {({ profiles }) => {
          const active = profiles.find((p) => p.active) ?? profiles[0];
          return (
            <>
              <SuccessLine testId="profile-saved" message={saved} />
              {active && <ProfileEditor key={active.id} active={active} onSaved={setSaved} />}
              <Versions profiles={profiles} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ProfileEditor({
  active,
  onSaved,
}: {
  active: ProfileRow;
  onSaved: (message: string | null) => void;
}) {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ProfileDraft>(() => toDraft(active.config));
  const [previewed, setPreviewed] = useState<{ config: ProfileConfig; result: ProfilePreview } | null>(null);
  const [name, setName] = useState(active.name);
  const [note, setNote] = useState('');
  useEffect(() => setDraft(toDraft(active.config)), [active.config]);
  const config = fromDraft(draft);
  const total = weightTotal(draft);
  const preview = useMutation({
    mutationFn: (c: ProfileConfig) => previewProfile(c),
    onSuccess: (result, c) => setPreviewed({ config: c, result }),
  });
  const save = useMutation({
    mutationFn: (c: ProfileConfig) =>
      saveProfile({ name: name.trim() || active.name, config: c, note: note.trim() || null }),
    onSuccess: (data) => {
      onSaved(
        t('profiles.saved', { name: profileName(data.profile.name, lang), version: data.profile.version }),
      );
      setPreviewed(null);
      setNote('');
      void queryClient.invalidateQueries({ queryKey: adminDataKeys.profiles() });
      void queryClient.invalidateQueries({ queryKey: figureKeys.all });
    },
  });
  const upToDate = previewed !== null && sameConfig(previewed.config, config);
  const set = (
    path: ['minDueItems' | 'warningDays'] | [(typeof COMPONENTS)[number], 'weight' | 'floor' | 'target'],
    value: string,
  ) => {
    onSaved(null);
    setDraft((d) => {
      if (path.length === 1) return { ...d, [path[0]]: value };
      const [c, k] = path;
      return { ...d, components: { ...d.components, [c]: { ...d.components[c], [k]: value } } };
    });
  };
  const unit = (c: (typeof COMPONENTS)[number]) => t(`profiles.unit.${UNITS[c]}` as MessageKey);
  return (
    // A form, so that a threshold the server refuses is marked and focused by ActionError (its name is
    // the server's field, components.<component>.<floor|target>); nothing submits it.
    <form className="panel profile-editor" data-testid="profile-editor" onSubmit={(e) => e.preventDefault()}>
      <h3 id="profile-editing">
        {t('profiles.editing', { name: profileName(active.name, lang), version: active.version })}
      </h3>
      <div className="form-row">
        <label className="field form-row-field">
          <span>{t('profiles.minDueItems')}</span>
          <input
            type="number"
            min={1}
            step={1}
            value={draft.minDueItems}
            onChange={(e) => set(['minDueItems'], e.target.value)}
          />
        </label>
        <label className="field form-row-field">
          <span>{t('profiles.warningDays')}</span>
          <input
            type="number"
            min={0}
            step={1}
            value={draft.warningDays}
            onChange={(e) => set(['warningDays'], e.target.value)}
          />
        </label>
      </div>
      <table className="data-table compact profile-table" aria-labelledby="profile-editing">
        <thead>
          <tr>
            <th scope="col">{t('score.component')}</th>
            <th scope="col">{t('score.weight')}</th>
            <th scope="col">{t('score.floor')}</th>
            <th scope="col">{t('score.target')}</th>
          </tr>
        </thead>
        <tbody>
          {COMPONENTS.map((c) => (
            <tr key={c} data-component={c}>
              <th scope="row">{t(`component.${c}` as MessageKey)}</th>
              {(['weight', 'floor', 'target'] as const).map((k) => (
                <td key={k}>
                  <input
                    className="compact-input number-input"
                    type="number"
                    step="any"
                    name={`components.${c}.${k}`}
                    aria-label={`${t(`component.${c}` as MessageKey)} · ${t(`score.${k}` as MessageKey)}`}
                    value={draft.components[c][k]}
                    onChange={(e) => set([c, k], e.target.value)}
                  />{' '}
                  <span className="muted">{k === 'weight' ? t('profiles.unit.points') : unit(c)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('profiles.total')}</th>
            <td colSpan={3} className={total === 100 ? '' : 'form-error'} data-testid="weight-total">
              {t('profiles.totalIs', { total: formatNumber(lang, total, total % 1 === 0 ? 0 : 2) })}
            </td>
          </tr>
        </tfoot>
      </table>
      {config === null && <p className="form-error">{t('profiles.notNumbers')}</p>}
      <div className="form-buttons">
        <button
          type="button"
          className="primary-button"
          data-testid="preview-profile"
          disabled={config === null || preview.isPending}
          onClick={() => config && preview.mutate(config)}
        >
          {t('profiles.preview')}
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => {
            setDraft(toDraft(active.config));
            setPreviewed(null);
          }}
        >
          {t('profiles.reset')}
        </button>
      </div>
      <ActionError error={preview.error} />
      {previewed && (
        <div className="profile-preview" data-testid="profile-preview">
          <h3 id="profile-preview">{t('profiles.previewTitle')}</h3>
          {!upToDate && <p className="form-error">{t('profiles.previewStale')}</p>}
          <PreviewTable preview={previewed.result} />
          <div className="form-row">
            <label className="field form-row-field">
              <span>{t('profiles.name')}</span>
              <input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
            </label>
            <label className="field form-row-field wide">
              <span>{t('profiles.note')}</span>
              <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button
              type="button"
              className="primary-button"
              data-testid="save-profile"
              disabled={!upToDate || save.isPending}
              onClick={() => save.mutate(previewed.config)}
            >
              {t('profiles.save')}
            </button>
          </div>
          <ActionError error={save.error} />
        </div>
      )}
    </form>
  );
}

function PreviewTable({ preview }: { preview: ProfilePreview }) {
  const t = useT();
  const lang = useLang();
  const rows = [...preview.rows].sort(
    (a, b) => (a.overallRank ?? Number.POSITIVE_INFINITY) - (b.overallRank ?? Number.POSITIVE_INFINITY),
  );
  const moved = rows.filter((r) => r.rankChange !== null && r.rankChange !== 0).length;
  return (
    <>
      <p className="muted">
        {t('profiles.previewSummary', {
          asOf: formatDay(lang, preview.asOf),
          moved: formatNumber(lang, moved),
          n: formatNumber(lang, rows.length),
        })}
      </p>
      <div className="table-scroll preview-scroll">
        <table className="data-table compact" data-testid="preview-table" aria-labelledby="profile-preview">
          <thead>
            <tr>
              <th scope="col">{t('ranking.department')}</th>
              <th scope="col" className="num">
                {t('profiles.scoreNow')}
              </th>
              <th scope="col" className="num">
                {t('profiles.scoreNew')}
              </th>
              <th scope="col" className="num">
                {t('profiles.rankNow')}
              </th>
              <th scope="col" className="num">
                {t('profiles.rankNew')}
              </th>
              <th scope="col">{t('ranking.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.department.code} data-code={r.department.code}>
                <td>{pick(lang, r.department.nameZh, r.department.nameEn)}</td>
                <td className="num">{r.currentScore === null ? DASH : formatScore(lang, r.currentScore)}</td>
                <td className="num">{formatScore(lang, r.score)}</td>
                <td className="num">{r.currentOverallRank ?? t('ranking.notRanked')}</td>
                <td className="num">{r.ranked ? r.overallRank : t('ranking.notRanked')}</td>
                <td className="nowrap">
                  <RankMove change={r.rankChange} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A rank move told by arrow and words, not colour alone. */
function RankMove({ change }: { change: number | null }) {
  const t = useT();
  if (change === null) return <span className="muted">{DASH}</span>;
  if (change === 0) return <span className="muted">{t('profiles.same')}</span>;
  return change > 0 ? (
    <span className="rank-up">▲ {t('rankChange.up', { n: change })}</span>
  ) : (
    <span className="rank-down">▼ {t('rankChange.down', { n: -change })}</span>
  );
}

function Versions({ profiles }: { profiles: ProfileRow[] }) {
  const t = useT();
  const lang = useLang();
  const timeZone = useTimeZone();
  return (
    <>
      <h3 id="profile-versions-title">{t('profiles.versions')}</h3>
      <table
        className="data-table admin-table compact"
        data-testid="profile-versions"
        aria-labelledby="profile-versions-title"
      >
        <thead>
          <tr>
            <th scope="col">{t('profiles.name')}</th>
            <th scope="col">{t('profiles.version')}</th>
            <th scope="col">{t('profiles.createdAt')}</th>
            <th scope="col">{t('profiles.weights')}</th>
            <th scope="col">{t('profiles.note')}</th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.id} className={p.active ? 'active-row' : undefined}>
              <td>
                {profileName(p.name, lang)}
                {p.active && <span className="tag">{t('profiles.inForce')}</span>}
              </td>
              <td className="num">{p.version}</td>
              <td className="nowrap">{formatInstantDay(lang, p.createdAt, timeZone)}</td>
              <td className="small">
                {COMPONENTS.filter((c) => p.config.components[c].weight > 0)
                  .map(
                    (c) =>
                      `${t(`component.short.${c}` as MessageKey)} ${formatNumber(lang, p.config.components[c].weight)}`,
                  )
                  .join(' · ')}
              </td>
              <td>{p.note ?? DASH}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
