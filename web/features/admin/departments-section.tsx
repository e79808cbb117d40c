import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DEPARTMENT_KINDS } from '../../../server/domain/lifecycle.ts';
import {
  createDepartment,
  type DepartmentRecord,
  departmentOptions,
  type NewDepartment,
  updateDepartment,
} from '../../api/admin-data.ts';
import { departmentKeys, departmentListOptions } from '../../api/departments.ts';
import { figureKeys, referenceOptions } from '../../api/figures.ts';
import { FindField, useFind } from '../../components/find-field.tsx';
import { formFields } from '../../components/form-fields.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { SubmitOrCancel } from '../../components/submit-or-cancel.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';
import { parseAliases } from './parse-aliases.ts';
import { PeerGroupsPart } from './peer-groups-part.tsx';
import { CodeAndNames } from './record-form-parts.tsx';

/** Departments: names, peer group, kind, active, and the aliases import matches offices' names against; the peer groups below. */
export function DepartmentsSection() {
  const t = useT();
  const lang = useLang();
  const list = useQuery(departmentListOptions());
  const find = useFind(list.data?.departments.length ?? 0);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="admin-section" aria-labelledby="departments-title">
      <header className="section-head">
        <h2 id="departments-title">{t('adminData.departments')}</h2>
        <button type="button" className="small-button is-primary" onClick={() => setEditing('new')}>
          {t('adminData.addDepartment')}
        </button>
      </header>
      <p className="muted">{t('adminData.departmentsHint')}</p>
      <SuccessLine message={message} />
      <FindField find={find} labelled />
      <QueryState query={list}>
        {({ departments }) => (
          <table
            className="data-table admin-table"
            data-testid="departments-admin-table"
            aria-labelledby="departments-title"
          >
            <thead>
              <tr>
                <th scope="col">{t('departments.code')}</th>
                <th scope="col">{t('adminData.nameZh')}</th>
                <th scope="col">{t('adminData.nameEn')}</th>
                <th scope="col">{t('filters.peerGroup')}</th>
                <th scope="col">{t('adminData.kind')}</th>
                <th scope="col" className="num">
                  {t('departments.items')}
                </th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {departments.length === 0 && (
                <tr>
                  <td colSpan={7} className="state" data-testid="departments-none">
                    {t('adminData.noDepartments')}
                  </td>
                </tr>
              )}
              {departments
                .filter((d) => !find.hides(d))
                .map((d) => (
                  <tr key={d.code} data-code={d.code} className={d.active ? undefined : 'inactive'}>
                    <td className="code">{d.code}</td>
                    <td className="wrap">
                      {d.nameZh}
                      {!d.active && <span className="tag">{t('departments.inactive')}</span>}
                    </td>
                    <td className="wrap">{d.nameEn}</td>
                    <td>{pick(lang, d.peerGroupZh, d.peerGroupEn)}</td>
                    <td>{t(`deptKind.${d.kind}` as MessageKey)}</td>
                    <td className="num">{formatNumber(lang, d.items)}</td>
                    <td className="actions">
                      <button type="button" className="small-button" onClick={() => setEditing(d.code)}>
                        {t('users.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <PeerGroupsPart />
      {editing && (
        <DepartmentDialog
          code={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setMessage(t('adminData.saved', { name }));
          }}
        />
      )}
    </section>
  );
}

function DepartmentDialog({
  code,
  onClose,
  onSaved,
}: {
  code: string | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const t = useT();
  const existing = useQuery({ ...departmentOptions(code ?? ''), enabled: code !== null });
  const title = code ? t('adminData.editDepartment', { code }) : t('adminData.addDepartment');
  return (
    <ModalDialog title={title} onClose={onClose} testId="department-dialog">
      {code === null ? (
        <DepartmentForm record={null} onSaved={onSaved} onClose={onClose} />
      ) : (
        <QueryState query={existing}>
          {({ department }) => <DepartmentForm record={department} onSaved={onSaved} onClose={onClose} />}
        </QueryState>
      )}
    </ModalDialog>
  );
}

function DepartmentForm({
  record,
  onSaved,
  onClose,
}: {
  record: DepartmentRecord | null;
  onSaved: (name: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const reference = useQuery(referenceOptions());
  const departments = useQuery(departmentListOptions());
  const groups = reference.data?.peerGroups ?? [];
  const others = departments.data?.departments.filter((d) => d.code !== record?.code) ?? [];
  const findParent = useFind(others.length);
  const groupCode = groups.find((g) => g.id === record?.peerGroupId)?.code ?? groups[0]?.code ?? '';
  const parentCode = departments.data?.departments.find((d) => d.id === record?.parentId)?.code ?? '';
  const mutation = useMutation({
    mutationFn: ({ code, body }: { code: string; body: Omit<NewDepartment, 'code'> }) =>
      record ? updateDepartment(record.code, body) : createDepartment({ code, ...body }),
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: departmentKeys.all });
      void queryClient.invalidateQueries({ queryKey: figureKeys.all });
      onSaved(pick(lang, data.department.nameZh, data.department.nameEn));
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
        kind: text('kind') as NewDepartment['kind'],
        peerGroup: text('peerGroup'),
        parent: text('parent') || null,
        active: checked('active'),
        aliases: parseAliases(text('aliases')),
      },
    });
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="department-form">
      <div className="edit-grid">
        <CodeAndNames creating={!record} names={record} maxZh={60} maxEn={120} />
        <label className="field">
          <span>{t('filters.peerGroup')}</span>
          <select name="peerGroup" defaultValue={groupCode} key={groupCode}>
            {groups.map((g) => (
              <option key={g.code} value={g.code}>
                {pick(lang, g.nameZh, g.nameEn)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('adminData.kind')}</span>
          <select name="kind" defaultValue={record?.kind ?? 'county_department'}>
            {DEPARTMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`deptKind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('adminData.parent')}</span>
          <select name="parent" defaultValue={parentCode} key={parentCode}>
            <option value="">{t('item.none')}</option>
            {others.map((d) => (
              <option key={d.code} value={d.code} hidden={findParent.hides(d)}>
                {pick(lang, d.nameZh, d.nameEn)}
              </option>
            ))}
          </select>
          <FindField find={findParent} />
        </label>
        <label className="inline-check field-check">
          <input type="checkbox" name="active" defaultChecked={record?.active ?? true} />
          {t('users.active')}
        </label>
        <label className="field wide">
          <span>{t('adminData.aliases')}</span>
          <textarea name="aliases" rows={5} defaultValue={(record?.aliases ?? []).join('\n')} />
          <small className="muted">{t('adminData.aliasesHint')}</small>
        </label>
      </div>
      <ActionError error={mutation.error} />
      <SubmitOrCancel label={t('users.save')} pending={mutation.isPending} onCancel={onClose} />
    </form>
  );
}
