import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { departmentListOptions } from '../../api/departments.ts';
import {
  createUser,
  resetPassword,
  type UserRow,
  updateUser,
  userKeys,
  userListOptions,
} from '../../api/users.ts';
import { FindField, useFind } from '../../components/find-field.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { useTimeZone } from '../../components/use-time-zone.ts';
import { formatInstantDay } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';
import {
  type DepartmentChoice,
  DepartmentSelect,
  departmentLabel,
  type RoleChoice,
  RoleSelect,
} from './user-form-fields.tsx';

/** Users: the list, one row at a time in edit mode, a password reset, and a form to add a user. */
export function UsersSection() {
  const t = useT();
  const users = useQuery(userListOptions());
  const departments = useQuery(departmentListOptions());
  const [message, setMessage] = useState<string | null>(null);
  const choices: DepartmentChoice[] = departments.data?.departments ?? [];
  // A province's 400 liaisons: the table is narrowed by name or department, the form to add one below it.
  const find = useFind(users.data?.users.length ?? 0);
  return (
    <section className="admin-section" aria-labelledby="users-title">
      <h2 id="users-title">{t('users.title')}</h2>
      <SuccessLine message={message} />
      <FindField find={find} labelled label={t('users.find')} />
      <QueryState query={users}>
        {({ users: rows }) => (
          <table className="data-table admin-table" data-testid="users-table" aria-labelledby="users-title">
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.department')}</th>
                <th scope="col">{t('users.password')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((u) =>
                  find.keeps([
                    u.username,
                    u.displayName,
                    u.departmentCode ?? '',
                    u.departmentNameZh ?? '',
                    u.departmentNameEn ?? '',
                  ]),
                )
                .map((u) => (
                  <UserRowView key={u.id} user={u} departments={choices} onDone={setMessage} />
                ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <AddUserForm departments={choices} onDone={setMessage} />
    </section>
  );
}

function UserRowView({
  user,
  departments,
  onDone,
}: {
  user: UserRow;
  departments: DepartmentChoice[];
  onDone: (message: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'edit' | 'password'>('view');
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<RoleChoice>(user.role);
  const [departmentId, setDepartmentId] = useState<number | null>(user.departmentId);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  const save = useMutation({
    mutationFn: () => updateUser(user.id, { displayName, role, departmentId, active }),
    onSuccess: () => {
      setMode('view');
      onDone(t('users.saved', { name: user.username }));
      return queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  const reset = useMutation({
    mutationFn: () => resetPassword(user.id, password),
    onSuccess: () => {
      setMode('view');
      setPassword('');
      onDone(t('users.passwordReset', { name: user.username }));
      return queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  const error = save.error ?? reset.error;

  if (mode === 'edit')
    return (
      <tr data-username={user.username} className="editing">
        <td className="code">{user.username}</td>
        <td>
          <input
            className="compact-input"
            aria-label={t('users.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </td>
        <td>
          <RoleSelect className="compact-input" label={t('users.role')} value={role} onChange={setRole} />
        </td>
        <td>
          <DepartmentSelect
            className="compact-input"
            label={t('users.department')}
            value={departmentId}
            onChange={setDepartmentId}
            departments={departments}
            role={role}
          />
        </td>
        <td colSpan={2}>
          <label className="inline-check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            {t('users.active')}
          </label>
          <ActionError
            error={error}
            fieldLabels={{
              displayName: t('users.displayName'),
              role: t('users.role'),
              departmentId: t('users.department'),
            }}
          />
        </td>
        <td className="actions">
          <button
            type="button"
            className="primary-button"
            onClick={() => save.mutate()}
            disabled={save.isPending}
          >
            {t('users.save')}
          </button>
          <button type="button" className="small-button" onClick={() => setMode('view')}>
            {t('users.cancel')}
          </button>
        </td>
      </tr>
    );

  return (
    <tr data-username={user.username} className={user.active ? undefined : 'inactive'}>
      <td className="code">{user.username}</td>
      <td>
        {user.displayName}
        {!user.active && <span className="tag">{t('users.inactive')}</span>}
      </td>
      <td>{t(`role.${user.role}`)}</td>
      <td className="wrap">{departmentLabel(lang, user)}</td>
      <td>{user.hasPassword ? t('users.passwordSet') : t('users.noPassword')}</td>
      <td>{user.lastLoginAt ? formatInstantDay(lang, user.lastLoginAt, timeZone) : t('users.never')}</td>
      <td className="actions">
        {mode === 'password' ? (
          <form
            className="inline-form"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              reset.mutate();
            }}
          >
            <input
              className="compact-input"
              name="password"
              type="password"
              autoComplete="new-password"
              aria-label={t('users.newPasswordFor', { name: user.username })}
              placeholder={t('users.newPasswordFor', { name: user.username })}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" className="small-button is-primary" disabled={reset.isPending}>
              {t('users.save')}
            </button>
            <button type="button" className="small-button" onClick={() => setMode('view')}>
              {t('users.cancel')}
            </button>
            <ActionError error={reset.error} />
          </form>
        ) : (
          <>
            <button type="button" className="small-button" onClick={() => setMode('edit')}>
              {t('users.edit')}
            </button>
            <button type="button" className="small-button" onClick={() => setMode('password')}>
              {t('users.resetPassword')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

function AddUserForm({
  departments,
  onDone,
}: {
  departments: DepartmentChoice[];
  onDone: (message: string) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<RoleChoice>('editor');
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      createUser({
        username,
        displayName,
        role,
        departmentId: role === 'editor' ? departmentId : null,
        password,
      }),
    onSuccess: ({ user }) => {
      onDone(t('users.created', { name: user.username }));
      setUsername('');
      setDisplayName('');
      setPassword('');
      return queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  return (
    <form
      className="form-panel admin-form"
      aria-labelledby="add-user-title"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <h3 id="add-user-title">{t('users.add')}</h3>
      <div className="form-row">
        <label className="field form-row-field">
          <span>{t('users.username')}</span>
          <input
            name="username"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field form-row-field">
          <span>{t('users.displayName')}</span>
          <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <div className="field form-row-field">
          <span>{t('users.role')}</span>
          <RoleSelect label={t('users.role')} value={role} onChange={setRole} />
        </div>
        <div className="field form-row-field">
          <span>{t('users.department')}</span>
          <DepartmentSelect
            label={t('users.department')}
            value={departmentId}
            onChange={setDepartmentId}
            departments={departments}
            role={role}
          />
        </div>
        <label className="field form-row-field">
          <span>{t('users.initialPassword')}</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary-button" disabled={mutation.isPending}>
          {t('users.create')}
        </button>
      </div>
      <ActionError error={mutation.error} />
    </form>
  );
}
