import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type CreatedDisplayLink,
  type DisplayLinkRow,
  displayLinkKeys,
  displayLinkListOptions,
  revokeDisplayLink,
} from '../../api/display-links.ts';
import { QueryState } from '../../components/query-state.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { useTimeZone } from '../../components/use-time-zone.ts';
import { formatInstantDay } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { DeckSummary } from './deck-fields.tsx';
import { AddLinkForm, EditDeckDialog } from './display-link-forms.tsx';

/**
 * Display links: the list with each link's deck, edit and revoke buttons, and a form that shows a new
 * link's address once.
 */
export function DisplayLinksSection() {
  const t = useT();
  const links = useQuery(displayLinkListOptions());
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedDisplayLink | null>(null);
  const [editing, setEditing] = useState<DisplayLinkRow | null>(null);
  return (
    <section className="admin-section" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <p className="subtitle">{t('links.explain')}</p>
      <SuccessLine message={message} />
      {/* On the page before the link is: a screen reader announces what appears in a region it knows. */}
      <div role="status">{created && <NewLink created={created} />}</div>
      <QueryState query={links}>
        {({ links: rows }) =>
          rows.length === 0 ? (
            <p className="state">{t('links.none')}</p>
          ) : (
            <table
              className="data-table admin-table"
              data-testid="display-links-table"
              aria-labelledby="links-title"
            >
              <thead>
                <tr>
                  <th scope="col">{t('links.name')}</th>
                  <th scope="col">{t('links.deck')}</th>
                  <th scope="col">{t('links.created')}</th>
                  <th scope="col">{t('links.createdBy')}</th>
                  <th scope="col">{t('links.lastUsed')}</th>
                  <th scope="col">{t('links.status')}</th>
                  <th scope="col">{t('users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((link) => (
                  <LinkRow
                    key={link.id}
                    link={link}
                    onEdit={() => setEditing(link)}
                    onRevoked={(name) => setMessage(t('links.revoked', { name }))}
                  />
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {editing && (
        <EditDeckDialog
          link={editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setCreated(null);
            setMessage(t('links.deckSaved', { name }));
          }}
        />
      )}
      <AddLinkForm
        onCreated={(c) => {
          setMessage(null);
          setCreated(c);
        }}
      />
    </section>
  );
}

function LinkRow({
  link,
  onEdit,
  onRevoked,
}: {
  link: DisplayLinkRow;
  onEdit: () => void;
  onRevoked: (name: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokeDisplayLink(link.id),
    onSuccess: () => {
      onRevoked(link.name);
      return queryClient.invalidateQueries({ queryKey: displayLinkKeys.all });
    },
  });
  return (
    <tr data-link={link.name} className={link.revokedAt ? 'inactive' : undefined}>
      <td className="wrap">{link.name}</td>
      <td className="wrap">
        <DeckSummary deck={link.deck} />
      </td>
      <td>{formatInstantDay(lang, link.createdAt, timeZone)}</td>
      <td>{link.createdBy ?? t('links.system')}</td>
      <td>{link.lastUsedAt ? formatInstantDay(lang, link.lastUsedAt, timeZone) : t('users.never')}</td>
      <td>
        {link.revokedAt
          ? t('links.revokedOn', { date: formatInstantDay(lang, link.revokedAt, timeZone) })
          : t('links.live')}
      </td>
      <td className="actions">
        {!link.revokedAt && (
          <button type="button" className="small-button" onClick={onEdit}>
            {t('links.editDeckButton')}
          </button>
        )}
        {!link.revokedAt && (
          <button
            type="button"
            className="small-button is-danger"
            disabled={revoke.isPending}
            onClick={() => {
              if (window.confirm(t('links.confirmRevoke', { name: link.name }))) revoke.mutate();
            }}
          >
            {t('links.revoke')}
          </button>
        )}
        {revoke.isError && (
          <p className="form-error" role="alert">
            {revoke.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}

function NewLink({ created }: { created: CreatedDisplayLink }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}${created.path}`;
  return (
    <div className="new-link">
      <p className="new-link-text">{t('links.newLink', { name: created.link.name })}</p>
      <div className="new-link-row">
        <input
          className="new-link-url"
          readOnly
          value={url}
          aria-label={t('links.newLink', { name: created.link.name })}
          data-testid="new-link"
        />
        <button
          type="button"
          className="small-button"
          onClick={() =>
            navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('links.copied') : t('links.copy')}
        </button>
      </div>
    </div>
  );
}
