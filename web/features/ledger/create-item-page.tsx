import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { createItem, itemKeys, type NewItem } from '../../api/items.ts';
import { FindField, useFind } from '../../components/find-field.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { ClassificationFields } from './classification-fields.tsx';
import { createScope } from './item-actions.ts';
import { useActingUser } from './use-acting-user.ts';
import { useLookups } from './use-lookups.ts';
import './ledger.css';
import { formFields } from '../../components/form-fields.ts';

/**
 * Registering an item (登记): the supervision office for any department (or none yet: it is then
 * assigned later), a department editor for its own department only.
 */
export function CreateItemPage() {
  const t = useT();
  usePageTitle(t('create.title'));
  const lang = useLang();
  const user = useActingUser();
  const lookups = useLookups();
  const findDepartment = useFind(lookups.departments.length);
  const findParticipants = useFind(lookups.departments.length);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [campaign, setCampaign] = useState('');
  const scope = user ? createScope(user) : { may: false, department: null };
  const mutation = useMutation({
    mutationFn: (input: NewItem) => createItem(input),
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: itemKeys.lists() });
      queryClient.setQueryData(itemKeys.detail(detail.item.id), detail);
      navigate(`/ledger/${detail.item.id}`);
    },
  });
  if (user && !scope.may)
    return (
      <section className="page">
        <h1>{t('create.title')}</h1>
        <p className="notice" role="alert">
          {t('create.notAllowed')}
        </p>
      </section>
    );
  const campaigns = lookups.reference?.campaigns ?? [];
  const chosen = campaign || campaigns.at(-1)?.code || '';
  const domains = lookups.reference?.domains.filter((d) => d.campaignCode === chosen) ?? [];
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { text, all } = formFields(e.currentTarget);
    const department = user?.role === 'editor' ? (user.departmentCode ?? '') : text('department');
    mutation.mutate({
      ...(text('ledgerCode') ? { ledgerCode: text('ledgerCode') } : {}),
      title: text('title'),
      description: text('description'),
      campaign: text('campaign'),
      domain: text('domain') || null,
      source: text('source') as NewItem['source'],
      rectificationType: text('rectificationType') as NewItem['rectificationType'],
      handlingMode: (text('handlingMode') || null) as NewItem['handlingMode'],
      measures: text('measures'),
      ...(department ? { department } : {}),
      responsiblePerson: text('responsiblePerson') || null,
      deadline: text('deadline') || null,
      participants: all('participants'),
    });
  };
  return (
    <section className="page create-item-page">
      <p>
        <Link to="/ledger" className="back-link">
          ← {t('item.back')}
        </Link>
      </p>
      <h1>{t('create.title')}</h1>
      <p className="subtitle">{t(user?.role === 'editor' ? 'create.subtitleEditor' : 'create.subtitle')}</p>
      <form className="panel create-form" onSubmit={submit} data-testid="create-form">
        <div className="edit-grid">
          <label className="field wide">
            <span>{t('items.title')} *</span>
            <input name="title" required maxLength={300} />
          </label>
          <label className="field">
            <span>{t('items.code')}</span>
            <input name="ledgerCode" maxLength={64} placeholder={t('create.codeHint')} />
          </label>
          <label className="field">
            <span>{t('filters.campaign')} *</span>
            <select name="campaign" required value={chosen} onChange={(e) => setCampaign(e.target.value)}>
              {campaigns.map((c) => (
                <option key={c.code} value={c.code}>
                  {pick(lang, c.nameZh, c.nameEn)}
                </option>
              ))}
            </select>
          </label>
          <ClassificationFields domains={domains} />
          {/* biome-ignore lint/a11y/noLabelWithoutControl: the input or the select below is inside the label */}
          <label className="field">
            <span>{t('items.department')}</span>
            {user?.role === 'editor' ? (
              <input value={lookups.departmentByCode(user.departmentCode)} readOnly />
            ) : (
              <select name="department" defaultValue="">
                <option value="">{t('create.assignLater')}</option>
                {lookups.departments
                  .filter((d) => d.active)
                  .map((d) => (
                    <option key={d.code} value={d.code} hidden={findDepartment.hides(d)}>
                      {pick(lang, d.nameZh, d.nameEn)}
                    </option>
                  ))}
              </select>
            )}
            {user?.role !== 'editor' && <FindField find={findDepartment} />}
          </label>
          <label className="field">
            <span>{t('items.person')}</span>
            <input name="responsiblePerson" maxLength={60} />
          </label>
          <label className="field">
            <span>{t('items.deadline')}</span>
            <input type="date" name="deadline" />
            <small className="muted">{t('item.deadlineHint')}</small>
          </label>
          <label className="field wide">
            <span>{t('item.description')}</span>
            <textarea name="description" maxLength={5000} rows={3} />
          </label>
          <label className="field wide">
            <span>{t('item.measures')}</span>
            <textarea name="measures" maxLength={5000} rows={3} />
          </label>
          <label className="field wide">
            <span>{t('item.participants')}</span>
            <select name="participants" multiple size={5}>
              {lookups.departments
                .filter((d) => d.active)
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
        <ActionError error={mutation.error} />
        <div className="form-buttons">
          <button type="submit" className="primary-button" disabled={mutation.isPending}>
            {t('create.submit')}
          </button>
          <Link to="/ledger" className="secondary-button">
            {t('action.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
