import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { ITEM_FILE_LIMITS, ITEM_FILE_TYPES } from '../../../server/domain/item-file-types.ts';
import { addItemFile, type ItemDetail, itemFileUrl, itemKeys, removeItemFile } from '../../api/items.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { SubmitOrCancel } from '../../components/submit-or-cancel.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { dataLang } from '../../i18n/data-lang.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { formatMoment } from './format.ts';
import type { ActingUser } from './item-actions.ts';

const ACCEPT = Object.keys(ITEM_FILE_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');
const MAX_MB = ITEM_FILE_LIMITS.bytes / 1024 / 1024;

/**
 * 佐证材料: the photos, scans and documents attached to the item as evidence of its rectification, each
 * a download; while the item is open, those who may track it add more, and the office or whoever added
 * a file takes it off with a reason (it stays in the history).
 */
export function FilesPanel({
  detail,
  mayAdd,
  user,
}: {
  detail: ItemDetail;
  mayAdd: boolean;
  user: (ActingUser & { id: number }) | null;
}) {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const id = detail.item.id;
  const hintId = useId();
  const [done, setDone] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ItemDetail['files'][number] | null>(null);
  const updated = (next: ItemDetail) => queryClient.setQueryData(itemKeys.detail(id), next);
  const add = useMutation({
    mutationFn: (file: File) => addItemFile(id, file),
    onSuccess: (next, file) => {
      updated(next);
      setDone(t('files.added', { name: file.name }));
    },
  });
  const files = detail.files;
  if (files.length === 0 && !mayAdd) return null;
  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    setDone(null);
    if (file) add.mutate(file);
  };
  return (
    <section className="panel" aria-labelledby="item-files" data-testid="files-panel">
      <h2 id="item-files">{t('files.title')}</h2>
      {files.length === 0 ? (
        <p className="muted">{t('files.none')}</p>
      ) : (
        <ul className="item-files" data-testid="item-files">
          {files.map((f) => (
            <li key={f.id} className="item-file" data-file={f.name}>
              <a
                className="item-files-link"
                href={itemFileUrl(id, f.id)}
                download={f.name}
                lang={dataLang(lang, f.name)}
              >
                {f.name}
              </a>{' '}
              <span className="small-note muted">
                {formatSize(lang, f.size)} · {formatMoment(lang, f.addedAt)} · {f.addedBy}
              </span>
              {mayAdd && user && (user.role === 'admin' || f.addedById === user.id) && (
                <button
                  type="button"
                  className="small-button no-print"
                  aria-label={t('files.removeNamed', { name: f.name })}
                  onClick={() => {
                    setDone(null);
                    setRemoving(f);
                  }}
                >
                  {t('files.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayAdd && (
        // A form of its own, so that a refusal naming `file` is said with the field's label.
        <form className="files-add no-print" onSubmit={(e) => e.preventDefault()}>
          {/* The browser's own file button speaks the browser's language: this one the page's. */}
          <label className="secondary-button file-button">
            <input
              type="file"
              name="file"
              className="sr-only"
              accept={ACCEPT}
              onChange={choose}
              disabled={add.isPending}
              aria-describedby={hintId}
              data-testid="file-input"
            />
            <span>{add.isPending ? t('files.adding') : t('files.add')}</span>
          </label>
          <small className="muted small-note" id={hintId}>
            {t('files.hint', { mb: MAX_MB, n: ITEM_FILE_LIMITS.files })}
          </small>
          <ActionError error={add.error} />
        </form>
      )}
      <SuccessLine message={done} testId="files-done" />
      {removing && (
        <RemoveFile
          itemId={id}
          file={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(next) => {
            updated(next);
            setDone(t('files.removed', { name: removing.name }));
            setRemoving(null);
          }}
        />
      )}
    </section>
  );
}

function RemoveFile({
  itemId,
  file,
  onClose,
  onRemoved,
}: {
  itemId: number;
  file: ItemDetail['files'][number];
  onClose: () => void;
  onRemoved: (next: ItemDetail) => void;
}) {
  const t = useT();
  const remove = useMutation({
    mutationFn: (reason: string) => removeItemFile(itemId, file.id, reason),
    onSuccess: onRemoved,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    remove.mutate(String(new FormData(e.currentTarget).get('reason') ?? '').trim());
  };
  return (
    <ModalDialog
      title={t('files.removeNamed', { name: file.name })}
      onClose={onClose}
      testId="remove-file-dialog"
    >
      <form className="action-form" onSubmit={submit}>
        <p>{t('files.removeExplain')}</p>
        <label className="field">
          <span>{t('files.removeReason')}</span>
          <textarea name="reason" required maxLength={1000} rows={2} />
        </label>
        <ActionError error={remove.error} />
        <SubmitOrCancel label={t('files.remove')} pending={remove.isPending} onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}

/** A file's size as people read it: KB below a megabyte, MB with one decimal above. */
function formatSize(lang: Lang, bytes: number): string {
  return bytes < 1024 * 1024
    ? `${formatNumber(lang, Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${formatNumber(lang, Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}
