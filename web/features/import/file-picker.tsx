import { useT } from '../../i18n/use-t.ts';
import './file-picker.css';

/**
 * A file input in the user's language: the browser's own button and "no file chosen" follow the
 * browser's language, not the app's, so the native control is kept (for keyboard and screen readers)
 * but drawn as a button and the chosen file's name.
 */
export function FilePicker({
  label,
  accept,
  fileName,
  onFile,
  name,
}: {
  label: string;
  accept: string;
  fileName: string | null;
  onFile: (file: File | null) => void;
  name?: string;
}) {
  const t = useT();
  return (
    <div className="field file-field">
      <span>{label}</span>
      <label className="file-pick">
        <input
          type="file"
          className="file-input"
          name={name}
          accept={accept}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
        <span className="secondary-button">{t('import.chooseFile')}</span>
        <span className={fileName ? 'file-name' : 'file-name muted'}>{fileName ?? t('import.noFile')}</span>
      </label>
    </div>
  );
}
