import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ACTION_EVENTS, COMPLAINT_SOURCES } from '../../../server/domain/lifecycle.ts';
import { figureKeys } from '../../api/figures.ts';
import { type ItemDetail, itemKeys, itemOptions, waitingRequestsOptions } from '../../api/items.ts';
import type { ItemPageState } from '../../components/item-link.tsx';
import { LightBadge } from '../../components/light-badge.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { dataLang } from '../../i18n/data-lang.ts';
import { DASH, formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { reasonIn } from '../../i18n/recorded-reason.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionDialog } from './action-dialog.tsx';
import { ExtensionRequestsPanel } from './extension-requests-panel.tsx';
import { FilesPanel } from './files-panel.tsx';
import { deadlineFacts, formatDeadline, formatMoment } from './format.ts';
import { type ItemAction, itemActions, mayTrackItem } from './item-actions.ts';
import { ItemHistory } from './item-history.tsx';
import { MilestonesPanel } from './milestones-panel.tsx';
import { ProgressPanel } from './progress-panel.tsx';
import { useActingUser } from './use-acting-user.ts';
import { useLookups } from './use-lookups.ts';
import './ledger.css';

/** One item: every field, its records (milestones, closures, extensions, urgings), its history, and the actions the user may take. */
export function ItemPage() {
  const t = useT();
  const id = Number(useParams().id);
  const query = useQuery({ ...itemOptions(id), enabled: Number.isInteger(id) && id > 0 });
  usePageTitle(query.data ? String(query.data.item.title) : t('ledger.title'));
  // Opened from the ledger table (its filters, `from`) or from a list of items on another page (`returnTo`).
  const state = useLocation().state as ItemPageState | null;
  return (
    <section className="page item-page">
      <p className="no-print">
        {state?.returnTo ? (
          <Link to={state.returnTo} className="back-link">
            ← {t('item.backTo')}
          </Link>
        ) : (
          <Link to={{ pathname: '/ledger', search: state?.from ?? '' }} className="back-link">
            ← {t('item.back')}
          </Link>
        )}
      </p>
      <QueryState query={query}>{(detail) => <ItemView detail={detail} />}</QueryState>
    </section>
  );
}

function ItemView({ detail }: { detail: ItemDetail }) {
  const t = useT();
  const lang = useLang();
  const user = useActingUser();
  const lookups = useLookups();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ItemAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneLine = useRef<HTMLParagraphElement>(null);
  // An action done, its dialog closes; when the button that opened it left with the item's new state
  // (reported rectified, closed, …), focus would fall to the page's top: it goes to what was done.
  useEffect(() => {
    const active = document.activeElement;
    if (done && (active === null || active === document.body)) doneLine.current?.focus();
  }, [done]);
  const item = detail.item;
  const light = detail.light;
  const itemState = {
    status: item.status,
    voided: item.voided_at !== null,
    departmentId: item.department_id,
    hasDeadline: item.deadline !== null,
    // Waiting, that is: a request on an item closed or voided meanwhile waits no more.
    extensionRequested:
      item.status !== 'closed' &&
      item.voided_at === null &&
      detail.extensionRequests.some((r) => r.decision === null),
    awaitsResponse:
      (COMPLAINT_SOURCES as readonly string[]).includes(item.source as string) &&
      item.first_response_at === null,
  };
  const actions = user ? itemActions(user, itemState, detail.allowedActions) : [];
  const sentBack = sentBackBy(detail);
  const reload = () => {
    setDone(null);
    void queryClient.invalidateQueries({ queryKey: itemKeys.detail(item.id) });
  };
  const finished = (action: ItemAction, next: ItemDetail) => {
    queryClient.setQueryData(itemKeys.detail(item.id), next);
    void queryClient.invalidateQueries({ queryKey: itemKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: waitingRequestsOptions().queryKey });
    void queryClient.invalidateQueries({ queryKey: figureKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['departments'] });
    setOpen(null);
    setDone(t(`action.${action}.done` as MessageKey));
  };
  const deadline = formatDeadline(lang, t, item.deadline as string | null, deadlineFacts(item));
  const original = formatDeadline(lang, t, item.original_deadline as string | null, deadlineFacts(item));
  const mayTrack = user !== null && mayTrackItem(user, itemState);
  const readOnlyReason =
    user?.role === 'leader'
      ? t('item.readOnlyLeader')
      : user?.role === 'editor' && user.departmentId !== item.department_id
        ? t('item.readOnlyOtherDepartment')
        : null;

  return (
    <>
      <header className="item-head" data-testid="item-head" data-status={item.status}>
        <p className="code">{String(item.ledger_code)}</p>
        <h1 lang={dataLang(lang, String(item.title))}>{String(item.title)}</h1>
        <p className="item-badges">
          <span className={`status status-${item.status}`} data-testid="item-status">
            {t(`status.${item.status}` as MessageKey)}
          </span>
          {light && <LightBadge light={light} />}
          {item.voided_at !== null && <span className="tag tag-voided">{t('item.voided')}</span>}
          {itemState.extensionRequested && (
            <span className="tag" data-testid="extension-requested">
              {t('item.extensionRequested')}
            </span>
          )}
          {Number(item.reopen_count) > 0 && (
            <span className="tag">
              {t('item.reopenedTimes', { n: formatNumber(lang, Number(item.reopen_count)) })}
            </span>
          )}
        </p>
      </header>

      {sentBack && (
        // Why the item is the department's again, before the steps it takes: a phone shows the history last.
        <p className="notice sent-back" data-testid="sent-back" data-kind={sentBack.kind}>
          {t(sentBack.kind === 'rejected' ? 'item.sentBack' : 'item.reopenedBack', {
            by: sentBack.actorName,
            at: formatMoment(lang, sentBack.effectiveAt),
          })}
          <span className="user-text">{reasonIn(lang, sentBack.note)}</span>
        </p>
      )}
      {done && (
        <p className="form-success" role="status" data-testid="action-done" ref={doneLine} tabIndex={-1}>
          {done}
        </p>
      )}
      {actions.length > 0 ? (
        <div className="item-actions no-print" data-testid="item-actions">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={
                a === 'void'
                  ? 'small-button is-danger'
                  : a === actions[0]
                    ? 'small-button is-primary'
                    : 'small-button'
              }
              data-action={a}
              onClick={() => {
                setDone(null);
                setOpen(a);
              }}
            >
              {t(`action.${a}` as MessageKey)}
            </button>
          ))}
          {light === 'red' && (
            <Link className="small-button" to={`/ledger/${item.id}/sheet`}>
              {t('sheet.open')}
            </Link>
          )}
        </div>
      ) : (
        readOnlyReason && (
          <p className="muted no-print" data-testid="read-only">
            {readOnlyReason}
          </p>
        )
      )}
      {open && (
        <ActionDialog
          action={open}
          detail={detail}
          editorDepartment={user?.role === 'editor' ? user.departmentCode : null}
          onClose={() => setOpen(null)}
          onDone={(next) => finished(open, next)}
          onReload={reload}
        />
      )}

      <div className="grid-2-1">
        <div>
          <section className="panel" aria-labelledby="item-fields">
            <h2 id="item-fields">{t('item.fields')}</h2>
            <dl className="item-fields" data-testid="item-fields">
              <Field label="filters.campaign">{lookups.campaign(String(item.campaign_code))}</Field>
              <Field label="filters.domain">{lookups.domainByCode(item.domain_code)}</Field>
              <Field label="filters.source">{t(`source.${item.source}` as MessageKey)}</Field>
              <Field label="items.department">{lookups.departmentByCode(item.department_code)}</Field>
              <Field label="item.participants">
                {detail.participants.length > 0
                  ? detail.participants
                      .map((p) => lookups.departmentByCode(p.code))
                      .join(lang === 'en' ? '; ' : '、')
                  : DASH}
              </Field>
              <Field label="items.person">{String(item.responsible_person ?? DASH)}</Field>
              <Field label="item.registeredAt">{formatMoment(lang, item.registered_at as string)}</Field>
              <Field label="item.assignedAt">{formatMoment(lang, item.assigned_at as string | null)}</Field>
              <Field label="item.rectificationType">
                {t(`rectificationType.${item.rectification_type}` as MessageKey)}
              </Field>
              <Field label="item.handlingMode">
                {item.handling_mode ? t(`handlingMode.${item.handling_mode}` as MessageKey) : DASH}
              </Field>
              <Field label="items.deadline" testId="field-deadline">
                {deadline}
                {detail.daysOverdue !== null && (
                  <span className="small-note overdue">
                    {t('item.daysOverdue', { n: formatNumber(lang, detail.daysOverdue) })}
                  </span>
                )}
                {Number(item.extension_count) > 0 && (
                  <span className="small-note muted">
                    {t('item.extendedTimes', { n: formatNumber(lang, Number(item.extension_count)) })}
                  </span>
                )}
              </Field>
              <Field label="item.originalDeadline" testId="field-original-deadline">
                {original}
              </Field>
              {item.first_response_at !== null && (
                <Field label="field.first_response_at">
                  {formatMoment(lang, item.first_response_at as string)}
                </Field>
              )}
              <Field label="field.rectified_at">
                {formatMoment(lang, item.rectified_at as string | null)}
              </Field>
              <Field label="items.closedAt">{formatMoment(lang, item.closed_at as string | null)}</Field>
              <Field label="item.counts">
                {t('item.countsText', {
                  extensions: formatNumber(lang, Number(item.extension_count)),
                  reopenings: formatNumber(lang, Number(item.reopen_count)),
                  urgings: formatNumber(lang, Number(item.urge_count)),
                })}
              </Field>
              {item.voided_at !== null && (
                <Field label="item.voidReason">
                  {String(item.void_reason)} ({formatMoment(lang, item.voided_at as string)})
                </Field>
              )}
            </dl>
          </section>
          <section className="panel" aria-labelledby="item-text">
            <h2 id="item-text">{t('item.description')}</h2>
            <p className="prose">{String(item.description || DASH)}</p>
            <h3>{t('item.measures')}</h3>
            <p className="prose">{String(item.measures || DASH)}</p>
            <h3>{t('item.evidence')}</h3>
            <p className="prose">{String(item.evidence ?? DASH)}</p>
          </section>
          <Records
            detail={detail}
            mayTrack={mayTrack}
            mayDecide={user?.role === 'admin'}
            mayWithdraw={user?.role === 'editor' && user.departmentId === item.department_id}
          />
        </div>
        <section className="panel" aria-labelledby="item-history-title">
          <h2 id="item-history-title">{t('item.history')}</h2>
          <ItemHistory history={detail.history} />
        </section>
      </div>
    </>
  );
}

function Field({ label, children, testId }: { label: MessageKey; children: ReactNode; testId?: string }) {
  const t = useT();
  return (
    <div className="item-field" data-testid={testId}>
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Progress notes, milestones, extension requests, deadline extensions (the original kept visible), closures and urgings. */
function Records({
  detail,
  mayTrack,
  mayDecide,
  mayWithdraw,
}: {
  detail: ItemDetail;
  /** Plan milestones and report progress. */
  mayTrack: boolean;
  /** The office decides on the department's extension requests. */
  mayDecide: boolean;
  /** The department withdraws its own waiting request. */
  mayWithdraw: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const user = useActingUser();
  // A milestone without a date has none set; an extension always has both days.
  const facts = deadlineFacts(detail.item);
  return (
    <>
      <ProgressPanel detail={detail} mayReport={mayTrack} />
      <FilesPanel detail={detail} mayAdd={mayTrack} user={user} />
      <MilestonesPanel detail={detail} mayPlan={mayTrack} />
      <ExtensionRequestsPanel detail={detail} mayDecide={mayDecide} mayWithdraw={mayWithdraw} />
      <section className="panel" aria-labelledby="item-extensions">
        <h2 id="item-extensions">{t('item.extensions')}</h2>
        {detail.extensions.length === 0 ? (
          <p className="muted">{t('item.noExtensions')}</p>
        ) : (
          <div className="table-scroll">
            <table
              className="data-table compact"
              data-testid="item-extensions"
              aria-labelledby="item-extensions"
            >
              <thead>
                <tr>
                  <th scope="col">{t('item.approvedAt')}</th>
                  <th scope="col">{t('item.deadlineChange')}</th>
                  <th scope="col">{t('item.reason')}</th>
                  <th scope="col">{t('item.by')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.extensions.map((x) => (
                  <tr key={x.id}>
                    <td className="nowrap">{formatMoment(lang, x.approvedAt)}</td>
                    <td className="nowrap">
                      {formatDeadline(lang, t, x.oldDeadline, facts)} →{' '}
                      {formatDeadline(lang, t, x.newDeadline, facts)}
                    </td>
                    <td>{reasonIn(lang, x.reason)}</td>
                    <td className="nowrap">{x.approvedBy ?? DASH}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="item-closures">
        <h2 id="item-closures">{t('item.closures')}</h2>
        {detail.closures.length === 0 ? (
          <p className="muted">{t('item.noClosures')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table compact" data-testid="item-closures" aria-labelledby="item-closures">
              <thead>
                <tr>
                  <th scope="col">{t('items.closedAt')}</th>
                  <th scope="col">{t('item.verifiedBy')}</th>
                  <th scope="col">{t('item.closureBasis')}</th>
                  <th scope="col">{t('item.reopened')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.closures.map((c) => (
                  <tr key={c.id}>
                    <td className="nowrap">{formatMoment(lang, c.closedAt)}</td>
                    <td className="nowrap">{c.verifiedBy ?? DASH}</td>
                    <td>{c.evidence ?? DASH}</td>
                    <td>
                      {c.reopenedAt
                        ? `${formatMoment(lang, c.reopenedAt)}${c.reopenReason ? `${t('punct.colon')}${reasonIn(lang, c.reopenReason)}` : ''}`
                        : t('item.inForce')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="item-urgings">
        <h2 id="item-urgings">{t('item.urgings')}</h2>
        {detail.urgings.length === 0 ? (
          <p className="muted">{t('item.noUrgings')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table compact" data-testid="item-urgings" aria-labelledby="item-urgings">
              <thead>
                <tr>
                  <th scope="col">{t('item.urgedAt')}</th>
                  <th scope="col">{t('item.by')}</th>
                  <th scope="col">{t('item.note')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.urgings.map((u) => (
                  <tr key={u.id}>
                    <td className="nowrap">{formatMoment(lang, u.urgedAt)}</td>
                    <td className="nowrap">{u.urgedBy ?? DASH}</td>
                    <td>{u.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

const STATUS_EVENTS = new Set<string>(Object.values(ACTION_EVENTS));

/**
 * The office's sending back (验收退回) or reopening (回头看) that made an open item in progress again, with
 * its note, while nothing has moved the item on since; else null.
 */
function sentBackBy(detail: ItemDetail) {
  if (detail.item.status !== 'in_progress' || detail.item.voided_at !== null) return null;
  const last = detail.history.findLast((h) => STATUS_EVENTS.has(h.kind));
  if (!last?.note || (last.kind !== 'rejected' && last.kind !== 'reopened')) return null;
  return { kind: last.kind, actorName: last.actorName, effectiveAt: last.effectiveAt, note: last.note };
}
