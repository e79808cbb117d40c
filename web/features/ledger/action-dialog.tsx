import { useMutation } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import type { HANDLING_MODES, RECTIFICATION_TYPES, SOURCES } from '../../../server/domain/lifecycle.ts';
import {
  editItem,
  extendItem,
  type ItemDetail,
  itemFileUrl,
  recordFirstResponse,
  requestExtension,
  transitionItem,
  urgeItem,
  voidItem,
} from '../../api/items.ts';
import { FindField, useFind } from '../../components/find-field.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { SubmitOrCancel } from '../../components/submit-or-cancel.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { ClassificationFields } from './classification-fields.tsx';
import { deadlineFacts, formatDeadline } from './format.ts';
import type { ItemAction } from './item-actions.ts';
import { UrgeNoteField } from './urge-overdue.tsx';
import { useLookups } from './use-lookups.ts';

type Item = ItemDetail['item'];

/** What the dialog sends: every form field as text; the version goes with every write. */
type Values = Record<string, string | string[]>;

async function send(action: ItemAction, item: Item, v: Values): Promise<ItemDetail> {
  const version = item.version;
  const text = (k: string) => String(v[k] ?? '').trim();
  const orNull = (k: string) => text(k) || null;
  switch (action) {
    case 'assign':
      return transitionItem(item.id, {
        action,
        version,
        department: text('department'),
        responsiblePerson: orNull('responsiblePerson'),
        deadline: orNull('deadline'),
      });
    case 'start':
      return transitionItem(item.id, { action, version });
    case 'rectify':
      return transitionItem(item.id, { action, version, evidence: text('evidence') });
    case 'close':
      return transitionItem(item.id, {
        action,
        version,
        ...(text('evidence') ? { evidence: text('evidence') } : {}),
      });
    case 'reject':
      return transitionItem(item.id, { action, version, note: text('note') });
    case 'reopen':
      return transitionItem(item.id, {
        action,
        version,
        note: text('note'),
        ...(text('deadline') ? { deadline: text('deadline') } : {}),
      });
    case 'extend':
      return extendItem(item.id, { version, deadline: text('deadline'), reason: text('reason') });
    case 'requestExtension':
      return requestExtension(item.id, { deadline: text('deadline'), reason: text('reason') });
    case 'respond':
      return recordFirstResponse(item.id, text('note'));
    case 'urge':
      return urgeItem(item.id, text('note'));
    case 'void':
      return voidItem(item.id, { version, reason: text('reason') });
    case 'edit':
      return editItem(item.id, {
        version,
        title: text('title'),
        description: text('description'),
        source: text('source') as (typeof SOURCES)[number],
        domain: orNull('domain'),
        responsiblePerson: orNull('responsiblePerson'),
        measures: text('measures'),
        rectificationType: text('rectificationType') as (typeof RECTIFICATION_TYPES)[number],
        handlingMode: (orNull('handlingMode') as (typeof HANDLING_MODES)[number] | null) ?? null,
        participants: (v.participants as string[] | undefined) ?? [],
      });
  }
}

/** The form for one action on an item, in a modal; refusals are shown in it, with a reload for 409s. */
export function ActionDialog({
  action,
  detail,
  editorDepartment,
  onClose,
  onDone,
  onReload,
}: {
  action: ItemAction;
  detail: ItemDetail;
  /** An editor assigns only to its own department. */
  editorDepartment: string | null;
  onClose: () => void;
  onDone: (detail: ItemDetail) => void;
  onReload: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const lookups = useLookups();
  const findAssignee = useFind(lookups.departments.length);
  const item = detail.item;
  const mutation = useMutation({ mutationFn: (v: Values) => send(action, item, v), onSuccess: onDone });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values: Values = {};
    for (const key of new Set(data.keys())) {
      const all = data.getAll(key).map(String);
      values[key] = key === 'participants' ? all : (all[0] ?? '');
    }
    mutation.mutate(values);
  };
  const field = (label: MessageKey, control: ReactNode, hint?: string) => (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in and rendered inside the label
    <label className="field">
      <span>{t(label)}</span>
      {control}
      {hint && <small className="muted">{hint}</small>}
    </label>
  );
  const facts = deadlineFacts(item);
  const deadlineNow = (
    <p>
      {t('action.extend.current', {
        deadline: formatDeadline(lang, t, item.deadline as string | null, facts),
        original: formatDeadline(lang, t, item.original_deadline as string | null, facts),
      })}
    </p>
  );
  let body: ReactNode;
  switch (action) {
    case 'assign':
      body = (
        <>
          {field(
            'items.department',
            <>
              <select
                name="department"
                required
                defaultValue={editorDepartment ?? item.department_code ?? ''}
              >
                {editorDepartment ? (
                  <option value={editorDepartment}>{lookups.departmentByCode(editorDepartment)}</option>
                ) : (
                  <>
                    <option value="">{t('item.chooseDepartment')}</option>
                    {lookups.departments
                      .filter((d) => d.active)
                      .map((d) => (
                        <option key={d.code} value={d.code} hidden={findAssignee.hides(d)}>
                          {pick(lang, d.nameZh, d.nameEn)}
                        </option>
                      ))}
                  </>
                )}
              </select>
              {!editorDepartment && <FindField find={findAssignee} />}
            </>,
          )}
          {field(
            'items.person',
            <input
              name="responsiblePerson"
              maxLength={60}
              defaultValue={String(item.responsible_person ?? '')}
            />,
          )}
          {field('items.deadline', <input type="date" name="deadline" />, t('item.deadlineHint'))}
        </>
      );
      break;
    case 'start':
      body = <p>{t('action.start.confirm')}</p>;
      break;
    case 'rectify':
      body = field(
        'item.evidence',
        <textarea name="evidence" required maxLength={5000} rows={4} />,
        t('action.rectify.hint'),
      );
      break;
    case 'close':
      body = (
        <>
          <p>{t('action.close.confirm')}</p>
          {item.evidence && (
            <p className="quote">
              <span className="muted">
                {t('item.evidence')}
                {t('punct.colon')}
              </span>
              {String(item.evidence)}
            </p>
          )}
          {/* The files the department attached, to verify with before closing. */}
          {detail.files.length > 0 && (
            <p className="quote" data-testid="close-files">
              <span className="muted">
                {t('files.title')}
                {t('punct.colon')}
              </span>
              {detail.files.map((f, i) => (
                <span key={f.id}>
                  {i > 0 && t('punct.listSeparator')}
                  <a href={itemFileUrl(item.id, f.id)} download={f.name}>
                    {f.name}
                  </a>
                </span>
              ))}
            </p>
          )}
          {field('action.close.evidence', <textarea name="evidence" maxLength={5000} rows={3} />)}
        </>
      );
      break;
    case 'reject':
      body = field('action.reject.note', <textarea name="note" required maxLength={1000} rows={3} />);
      break;
    case 'reopen':
      body = (
        <>
          {field('action.reopen.note', <textarea name="note" required maxLength={1000} rows={3} />)}
          {deadlineNow}
          {field(
            'action.reopen.deadline',
            <input type="date" name="deadline" />,
            t('action.reopen.deadlineHint'),
          )}
        </>
      );
      break;
    case 'extend':
      body = (
        <>
          {deadlineNow}
          {field('action.extend.deadline', <input type="date" name="deadline" required />)}
          {field('action.extend.reason', <textarea name="reason" required maxLength={1000} rows={3} />)}
        </>
      );
      break;
    case 'requestExtension':
      body = (
        <>
          {deadlineNow}
          {field(
            'action.requestExtension.deadline',
            <input type="date" name="deadline" required />,
            t('action.requestExtension.hint'),
          )}
          {field('action.extend.reason', <textarea name="reason" required maxLength={1000} rows={3} />)}
        </>
      );
      break;
    case 'respond':
      body = (
        <>
          <p>{t('action.respond.confirm')}</p>
          {field('action.respond.note', <textarea name="note" maxLength={1000} rows={3} />)}
        </>
      );
      break;
    case 'urge':
      body = <UrgeNoteField />;
      break;
    case 'void':
      body = (
        <>
          <p>{t('action.void.confirm')}</p>
          {field('action.void.reason', <textarea name="reason" required maxLength={1000} rows={3} />)}
        </>
      );
      break;
    case 'edit':
      body = <EditFields detail={detail} />;
      break;
  }
  return (
    <ModalDialog title={t(`action.${action}` as MessageKey)} onClose={onClose} testId="action-dialog">
      <form className="action-form" onSubmit={submit} data-action={action}>
        {body}
        <ActionError
          error={mutation.error}
          onReload={() => {
            onReload();
            onClose();
          }}
        />
        <SubmitOrCancel
          label={t(`action.${action}.submit` as MessageKey)}
          pending={mutation.isPending}
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  );
}

/** The descriptive fields an edit may change (never status, deadlines or closures: they have their actions). */
function EditFields({ detail }: { detail: ItemDetail }) {
  const t = useT();
  const lang = useLang();
  const lookups = useLookups();
  const item = detail.item;
  const campaign = String(item.campaign_code);
  const domains = lookups.reference?.domains.filter((d) => d.campaignCode === campaign) ?? [];
  const participants = new Set(detail.participants.map((p) => p.code));
  const findParticipants = useFind(lookups.departments.length);
  return (
    <div className="edit-grid">
      <label className="field wide">
        <span>{t('items.title')}</span>
        <input name="title" required maxLength={300} defaultValue={String(item.title)} />
      </label>
      <label className="field wide">
        <span>{t('item.description')}</span>
        <textarea
          name="description"
          maxLength={5000}
          rows={3}
          defaultValue={String(item.description ?? '')}
        />
      </label>
      <ClassificationFields
        domains={domains}
        values={{
          source: String(item.source),
          domain: item.domain_code ?? '',
          rectificationType: String(item.rectification_type),
          handlingMode: String(item.handling_mode ?? ''),
        }}
      />
      <label className="field">
        <span>{t('items.person')}</span>
        <input name="responsiblePerson" maxLength={60} defaultValue={String(item.responsible_person ?? '')} />
      </label>
      <label className="field wide">
        <span>{t('item.measures')}</span>
        <textarea name="measures" maxLength={5000} rows={3} defaultValue={String(item.measures ?? '')} />
      </label>
      <label className="field wide">
        <span>{t('item.participants')}</span>
        <select name="participants" multiple size={6} defaultValue={[...participants]}>
          {lookups.departments
            .filter((d) => d.active || participants.has(d.code))
            .filter((d) => d.code !== item.department_code)
            .map((d) => (
              <option key={d.code} value={d.code} hidden={findParticipants.hides(d)}>
                {pick(lang, d.nameZh, d.nameEn)}
              </option>
            ))}
        </select>
        <FindField find={findParticipants} />
        <small className="muted">{t('item.participantsHint')}</small>
      </label>
    </div>
  );
}
