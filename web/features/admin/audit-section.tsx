import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { AUDIT_ENTITIES } from '../../../server/domain/audit-entities.ts';
import { type AuditEntity, type AuditEntry, auditLogOptions } from '../../api/audit.ts';
import { QueryState } from '../../components/query-state.tsx';
import { SelectFilter } from '../../components/select-filter.tsx';
import { DASH } from '../../i18n/format.ts';
import { type MessageKey, messages } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { formatMoment } from '../ledger/format.ts';
import { auditChanges } from './audit-changes.ts';

const isEntity = (v: string | null): v is AuditEntity =>
  (AUDIT_ENTITIES as readonly (string | null)[]).includes(v);

/** The operations log (操作日志): newest first, filtered by kind (in the URL), older pages on demand. */
export function AuditSection() {
  const t = useT();
  const [search, setSearch] = useSearchParams();
  const entity = search.get('entity');
  const query = useInfiniteQuery(auditLogOptions(isEntity(entity) ? entity : undefined));
  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('adminNav.audit')}</h2>
      <p className="muted">{t('audit.explain')}</p>
      <form className="filter-bar" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter
          name="entity"
          label={t('audit.entity')}
          allLabel={t('audit.allEntities')}
          value={isEntity(entity) ? entity : undefined}
          onChange={(v) => setSearch(v ? { entity: v } : {})}
          choices={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entity.${e}`) }))}
        />
      </form>
      <QueryState query={query}>
        {({ pages }) => {
          const entries = pages.flatMap((p) => p.entries);
          if (entries.length === 0) return <p className="muted">{t('audit.none')}</p>;
          return (
            <>
              <table
                className="data-table admin-table compact"
                data-testid="audit-table"
                aria-labelledby="audit-title"
              >
                <thead>
                  <tr>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.subject')}</th>
                    <th scope="col">{t('audit.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <AuditRow key={e.id} entry={e} />
                  ))}
                </tbody>
              </table>
              {query.hasNextPage && (
                <p>
                  <button
                    type="button"
                    className="secondary-button"
                    disabled={query.isFetchingNextPage}
                    onClick={() => query.fetchNextPage()}
                  >
                    {t('audit.older')}
                  </button>
                </p>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const lang = useLang();
  const actionKey = `audit.action.${entry.action}`;
  const entityKey = `audit.entity.${entry.entity}`;
  const known = (key: string): key is MessageKey => key in messages.en;
  const changes = auditChanges(entry.before, entry.after);
  return (
    <tr data-action={entry.action}>
      <td className="nowrap">{formatMoment(lang, entry.at)}</td>
      <td className="nowrap">
        {/* The server's own changes (SYSTEM_ACTOR, server/auth/bootstrap.ts), named in the reader's language. */}
        {entry.actorId === null && entry.actorName === 'system' ? t('links.system') : entry.actorName}
      </td>
      <td className="nowrap">{known(actionKey) ? t(actionKey) : entry.action}</td>
      <td className="nowrap">
        {known(entityKey) ? t(entityKey) : entry.entity}
        {entry.entityId !== null && <span className="muted"> #{entry.entityId}</span>}
      </td>
      <td className="audit-changes">
        {changes.length === 0
          ? DASH
          : changes.map((c) => {
              const fieldKey = `audit.field.${c.field}`;
              // Yes and no, and the demo's mark as a source, in the reader's language; other values as recorded.
              const value = (v: string | null) =>
                v === 'true' || v === 'false' || (c.field === 'source' && v === 'demo')
                  ? t(`audit.value.${v}`)
                  : (v ?? DASH);
              return (
                <div key={c.field}>
                  {known(fieldKey) ? t(fieldKey) : <code>{c.field}</code>} {value(c.before)} →{' '}
                  {value(c.after)}
                </div>
              );
            })}
      </td>
    </tr>
  );
}
