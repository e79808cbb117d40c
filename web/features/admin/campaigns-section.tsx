import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type CampaignChanges,
  type CampaignRow,
  campaignListOptions,
  createCampaign,
  createDomain,
  updateCampaign,
} from '../../api/admin-data.ts';
import { figureKeys } from '../../api/figures.ts';
import { formFields } from '../../components/form-fields.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { SubmitOrCancel } from '../../components/submit-or-cancel.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { DASH, formatDay } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';
import { CodeAndNames, CodeAndNamesDialog } from './record-form-parts.tsx';

const KINDS = ['special_rectification', 'inspection_feedback', 'efficiency_year', 'other'] as const;

type Editing = { kind: 'campaign'; campaign: CampaignRow | null } | { kind: 'domain'; campaign: CampaignRow };

/** Campaigns (name, kind, period) and the domains of each. */
export function CampaignsSection() {
  const t = useT();
  const lang = useLang();
  const list = useQuery(campaignListOptions());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const saved = (name: string) => {
    setEditing(null);
    setMessage(t('adminData.saved', { name }));
  };
  return (
    <section className="admin-section" aria-labelledby="campaigns-title">
      <header className="section-head">
        <h2 id="campaigns-title">{t('adminData.campaigns')}</h2>
        <button
          type="button"
          className="small-button is-primary"
          onClick={() => setEditing({ kind: 'campaign', campaign: null })}
        >
          {t('adminData.addCampaign')}
        </button>
      </header>
      <SuccessLine message={message} />
      <QueryState query={list}>
        {({ campaigns }) => (
          <div className="campaign-list" data-testid="campaigns-admin">
            {campaigns.length === 0 && (
              <p className="state" data-testid="campaigns-none">
                {t('adminData.noCampaigns')}
              </p>
            )}
            {campaigns.map((c) => (
              <article key={c.code} className="panel campaign-card" data-code={c.code}>
                <header className="section-head">
                  <h3>
                    {pick(lang, c.nameZh, c.nameEn)} <span className="code">{c.code}</span>
                  </h3>
                  <span>
                    <button
                      type="button"
                      className="small-button"
                      onClick={() => setEditing({ kind: 'campaign', campaign: c })}
                    >
                      {t('users.edit')}
                    </button>
                    <button
                      type="button"
                      className="small-button"
                      onClick={() => setEditing({ kind: 'domain', campaign: c })}
                    >
                      {t('adminData.addDomain')}
                    </button>
                  </span>
                </header>
                <p className="muted">
                  {c.publicPage && (
                    <a className="tag" href={`/public/${c.code}`} target="_blank" rel="noreferrer">
                      {t('adminData.publicPageOn')}
                    </a>
                  )}
                  {t(`campaignKind.${c.kind}` as MessageKey)} ·{' '}
                  {t('adminData.period', {
                    from: formatDay(lang, c.startsOn),
                    to: c.endsOn ? formatDay(lang, c.endsOn) : t('adminData.openEnded'),
                  })}
                </p>
                <p className="domain-chips">
                  <span className="muted">
                    {t('filters.domain')}
                    {t('punct.colon')}
                  </span>
                  {c.domains.length === 0
                    ? DASH
                    : c.domains.map((d) => (
                        <span key={d.code} className="chip" title={d.code}>
                          {pick(lang, d.nameZh, d.nameEn)}
                        </span>
                      ))}
                </p>
              </article>
            ))}
          </div>
        )}
      </QueryState>
      {editing?.kind === 'campaign' && (
        <CampaignDialog campaign={editing.campaign} onClose={() => setEditing(null)} onSaved={saved} />
      )}
      {editing?.kind === 'domain' && (
        <DomainDialog campaign={editing.campaign} onClose={() => setEditing(null)} onSaved={saved} />
      )}
    </section>
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
    void queryClient.invalidateQueries({ queryKey: figureKeys.reference() });
  };
}

function CampaignDialog({
  campaign,
  onClose,
  onSaved,
}: {
  campaign: CampaignRow | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const invalidate = useInvalidate();
  const mutation = useMutation({
    mutationFn: ({ code, body }: { code: string; body: CampaignChanges }) =>
      campaign ? updateCampaign(campaign.code, body) : createCampaign({ code, ...body }),
    onSuccess: (data) => {
      invalidate();
      onSaved(pick(lang, data.campaign.nameZh, data.campaign.nameEn));
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { text, checked } = formFields(e.currentTarget);
    mutation.mutate({
      code: text('code'),
      body: {
        nameZh: text('nameZh'),
        nameEn: text('nameEn'),
        kind: text('kind') as CampaignChanges['kind'],
        startsOn: text('startsOn'),
        endsOn: text('endsOn') || null,
        publicPage: checked('publicPage'),
      },
    });
  };
  return (
    <ModalDialog
      title={campaign ? t('adminData.editCampaign', { code: campaign.code }) : t('adminData.addCampaign')}
      onClose={onClose}
      testId="campaign-dialog"
    >
      <form className="action-form" onSubmit={submit}>
        <div className="edit-grid">
          <CodeAndNames creating={!campaign} names={campaign} maxZh={100} maxEn={200} />
          <label className="field">
            <span>{t('adminData.kind')}</span>
            <select name="kind" defaultValue={campaign?.kind ?? 'special_rectification'}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`campaignKind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('adminData.startsOn')}</span>
            <input type="date" name="startsOn" required defaultValue={campaign?.startsOn ?? ''} />
          </label>
          <label className="field">
            <span>{t('adminData.endsOn')}</span>
            <input type="date" name="endsOn" defaultValue={campaign?.endsOn ?? ''} />
          </label>
          <label className="inline-check field-check wide">
            <input type="checkbox" name="publicPage" defaultChecked={campaign?.publicPage ?? false} />
            {t('adminData.publicPage')}
          </label>
          <p className="muted small-note wide">{t('adminData.publicPageHint')}</p>
        </div>
        <ActionError error={mutation.error} />
        <SubmitOrCancel label={t('users.save')} pending={mutation.isPending} onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}

function DomainDialog({
  campaign,
  onClose,
  onSaved,
}: {
  campaign: CampaignRow;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const invalidate = useInvalidate();
  const save = async (body: { code: string; nameZh: string; nameEn: string }) => {
    const { domain } = await createDomain(campaign.code, body);
    invalidate();
    return domain;
  };
  return (
    <CodeAndNamesDialog
      title={t('adminData.addDomainTo', { campaign: pick(lang, campaign.nameZh, campaign.nameEn) })}
      testId="domain-dialog"
      names={null}
      maxZh={100}
      maxEn={200}
      save={save}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}
