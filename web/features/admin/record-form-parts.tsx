import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { formFields } from '../../components/form-fields.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { SubmitOrCancel } from '../../components/submit-or-cancel.tsx';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';

type Names = { nameZh: string; nameEn: string };

/**
 * The parts every admin record form shares: a code (asked only when creating — codes never change,
 * they are what imports and URLs refer to), the Chinese and English names, and save / cancel.
 */
export function CodeAndNames(props: {
  creating: boolean;
  names?: Names | null | undefined;
  maxZh: number;
  maxEn: number;
}) {
  const t = useT();
  return (
    <>
      {props.creating && (
        <label className="field">
          <span>{t('adminData.code')}</span>
          <input name="code" required maxLength={64} pattern="[\w\-]+" />
          <small className="muted">{t('adminData.codeHint')}</small>
        </label>
      )}
      <label className="field">
        <span>{t('adminData.nameZh')}</span>
        <input name="nameZh" required maxLength={props.maxZh} defaultValue={props.names?.nameZh ?? ''} />
      </label>
      <label className="field">
        <span>{t('adminData.nameEn')}</span>
        <input name="nameEn" maxLength={props.maxEn} defaultValue={props.names?.nameEn ?? ''} />
        <small className="muted">{t('adminData.nameEnHint')}</small>
      </label>
    </>
  );
}

/**
 * A dialog for a record that is nothing but a code and its names (a domain, a peer group): `names`
 * null adds one, otherwise renames it. `save` sends it and answers the saved names; `onSaved` gets
 * the saved name in the page's language.
 */
export function CodeAndNamesDialog(props: {
  title: string;
  testId: string;
  names: Names | null;
  maxZh: number;
  maxEn: number;
  save: (record: { code: string } & Names) => Promise<Names>;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const mutation = useMutation({
    mutationFn: props.save,
    onSuccess: (saved) => props.onSaved(pick(lang, saved.nameZh, saved.nameEn)),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { text } = formFields(e.currentTarget);
    mutation.mutate({ code: text('code'), nameZh: text('nameZh'), nameEn: text('nameEn') });
  };
  return (
    <ModalDialog title={props.title} onClose={props.onClose} testId={props.testId}>
      <form className="action-form" onSubmit={submit}>
        <div className="edit-grid">
          <CodeAndNames creating={!props.names} names={props.names} maxZh={props.maxZh} maxEn={props.maxEn} />
        </div>
        <ActionError error={mutation.error} />
        <SubmitOrCancel label={t('users.save')} pending={mutation.isPending} onCancel={props.onClose} />
      </form>
    </ModalDialog>
  );
}
