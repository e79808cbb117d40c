import { useT } from '../../i18n/use-t.ts';

/**
 * The parts every admin record form shares: a code (asked only when creating — codes never change,
 * they are what imports and URLs refer to), the Chinese and English names, and save / cancel.
 */
export function CodeAndNames(props: {
  creating: boolean;
  names?: { nameZh: string; nameEn: string } | null | undefined;
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
        <input name="nameEn" required maxLength={props.maxEn} defaultValue={props.names?.nameEn ?? ''} />
      </label>
    </>
  );
}

export function SaveOrCancel({ saving, onCancel }: { saving: boolean; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="form-buttons">
      <button type="submit" className="primary-button" disabled={saving}>
        {t('users.save')}
      </button>
      <button type="button" className="secondary-button" onClick={onCancel}>
        {t('users.cancel')}
      </button>
    </div>
  );
}
