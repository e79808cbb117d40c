import { ApiRequestError } from '../../api/client.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * Why a change was refused, in the user's language: the server's own message (it names the field, or
 * the steps still possible) under a headline for the common cases. A 409 — someone changed the item
 * meanwhile, or its state no longer allows the step — comes with a reload.
 */
export function ActionError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const t = useT();
  if (!error) return null;
  const api = error instanceof ApiRequestError ? error : null;
  const headline =
    api?.code === 'conflict'
      ? t('item.error.conflict')
      : api?.code === 'illegal_transition'
        ? t('item.error.illegal')
        : api?.status === 403
          ? t('item.error.forbidden')
          : api?.status === 400
            ? t('item.error.invalid')
            : t('item.error.failed');
  const reloadable = api?.status === 409 && onReload;
  return (
    <div className="action-error" role="alert" data-testid="action-error" data-code={api?.code ?? 'error'}>
      <p className="action-error-headline">{headline}</p>
      <p className="action-error-message">{error instanceof Error ? error.message : String(error)}</p>
      {reloadable && (
        <button type="button" className="small-button is-primary" onClick={onReload}>
          {t('item.reload')}
        </button>
      )}
    </div>
  );
}
