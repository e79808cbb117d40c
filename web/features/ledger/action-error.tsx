import { useEffect, useId, useRef, useState } from 'react';
import { invalidParameterLead } from '../../../server/errors.ts';
import { ApiRequestError } from '../../api/client.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import './action-error.css';

/**
 * Why a change was refused, in the user's language: the server's own message (it names the field, or
 * the steps still possible) under a headline for the common cases. A 409 — someone changed the item
 * meanwhile, or its state no longer allows the step — comes with a reload.
 *
 * When the server names a field of the form this error is shown in, the field is marked invalid,
 * described by this error (a screen reader says it with the field) and focused (scrolled into view), and a bad value is said with the field's own label, without its
 * required-field mark ("问题名称：不能为空"), not the API's parameter name.
 */
export function ActionError({
  error,
  onReload,
  reloadLabel,
  fieldLabels,
}: {
  error: unknown;
  onReload?: () => void;
  /** What the reload button does, when not reloading an item (a list counted again). */
  reloadLabel?: string;
  /** Labels of fields not in a form of their own (a table row being edited), by the API's name. */
  fieldLabels?: Record<string, string>;
}) {
  const t = useT();
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  const [label, setLabel] = useState<string | null>(null);
  const api = error instanceof ApiRequestError ? error : null;
  const field = typeof api?.details.field === 'string' ? api.details.field : null;
  useEffect(() => {
    const input = field
      ? box.current?.closest('form')?.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`)
      : null;
    setLabel(
      fieldLabel(input?.closest('label')?.querySelector('span')?.textContent ?? null) ??
        input?.getAttribute('aria-label') ??
        null,
    );
    if (!input) return;
    const described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    input.focus();
    return () => {
      input.removeAttribute('aria-invalid');
      if (described) input.setAttribute('aria-describedby', described);
      else input.removeAttribute('aria-describedby');
    };
  }, [field, id]);
  if (!error) return null;
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
  const message = error instanceof Error ? error.message : String(error);
  // Any refusal that names a field and leads with "Invalid parameter <field>:" (a wrong current password
  // too, whose code is its own).
  const lead = field ? pick(lang, ...leadTexts(field)) : null;
  const named = label ?? (field ? (fieldLabels?.[field] ?? null) : null);
  const said =
    lead && named && message.startsWith(lead)
      ? `${named}${t('punct.colon')}${message.slice(lead.length)}`
      : message;
  const reloadable = api?.status === 409 && onReload;
  return (
    <div
      ref={box}
      id={id}
      className="action-error"
      role="alert"
      data-testid="action-error"
      data-code={api?.code ?? 'error'}
    >
      <p className="action-error-headline">{headline}</p>
      <p className="action-error-message">{said}</p>
      {reloadable && (
        <button type="button" className="small-button is-primary" onClick={onReload}>
          {reloadLabel ?? t('item.reload')}
        </button>
      )}
    </div>
  );
}

/** A field's label as a message names it: without the required-field mark ("问题名称 *" → "问题名称"). */
export const fieldLabel = (text: string | null): string | null =>
  text === null ? null : text.replace(/\s*\*\s*$/, '');

const leadTexts = (field: string) => {
  const lead = invalidParameterLead(field);
  return [lead.zh, lead.en] as const;
};
