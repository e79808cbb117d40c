import { useT } from '../i18n/use-t.ts';

/** A form's two buttons: what it does (disabled while it is being done), and Cancel. */
export function SubmitOrCancel({
  label,
  pending,
  onCancel,
}: {
  label: string;
  pending: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <div className="form-buttons">
      <button type="submit" className="primary-button" disabled={pending}>
        {label}
      </button>
      <button type="button" className="secondary-button" onClick={onCancel}>
        {t('action.cancel')}
      </button>
    </div>
  );
}
