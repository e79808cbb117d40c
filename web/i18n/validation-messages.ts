/**
 * The browser's own checks of a form (required, minlength, min, …) say why a field is refused in the
 * browser's language: "Please fill out this field." on a Chinese page in an English Chrome. Here they
 * say it in the interface's language instead, for every form of the app, set up once (main.tsx).
 */
import { formatDay } from './format.ts';
import { currentLang, type Lang } from './lang.ts';
import { translate } from './use-t.ts';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const isField = (target: EventTarget | null): target is Field =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLSelectElement ||
  target instanceof HTMLTextAreaElement;

/** Why the field fails its constraints, in `lang`; the browser's message for a case not named here. */
export function validationMessage(lang: Lang, field: Field): string {
  const v = field.validity;
  const bound = (value: string) => (field.type === 'date' ? formatDay(lang, value) : value);
  if (v.valueMissing)
    return translate(
      lang,
      field instanceof HTMLSelectElement
        ? 'validation.choose'
        : field.type === 'checkbox'
          ? 'validation.check'
          : field.type === 'file'
            ? 'validation.file'
            : 'validation.required',
    );
  if (v.tooShort && !(field instanceof HTMLSelectElement))
    return translate(lang, 'validation.tooShort', { min: field.minLength, n: field.value.length });
  if (v.tooLong && !(field instanceof HTMLSelectElement))
    return translate(lang, 'validation.tooLong', { max: field.maxLength, n: field.value.length });
  if (v.rangeUnderflow && field instanceof HTMLInputElement)
    return translate(lang, 'validation.min', { min: bound(field.min) });
  if (v.rangeOverflow && field instanceof HTMLInputElement)
    return translate(lang, 'validation.max', { max: bound(field.max) });
  if (v.typeMismatch || v.patternMismatch) return translate(lang, 'validation.format');
  if (v.badInput || v.stepMismatch) return translate(lang, 'validation.invalid');
  return field.validationMessage;
}

/** Installs the translated messages on the document: once, before the app renders. */
export function installValidationMessages(doc: Document = document): void {
  // A field refused: the browser shows the message set here.
  doc.addEventListener(
    'invalid',
    (event) => {
      const field = event.target;
      if (!isField(field)) return;
      field.setCustomValidity('');
      if (!field.validity.valid) field.setCustomValidity(validationMessage(currentLang(), field));
    },
    true,
  );
  // A message set here must not outlive its reason: cleared as the field changes, and on every submit
  // before the browser checks the form again (a value set by the app, not typed, fires no input event).
  const clear = (event: Event) => {
    if (isField(event.target)) event.target.setCustomValidity('');
  };
  doc.addEventListener('input', clear, true);
  doc.addEventListener('change', clear, true);
  doc.addEventListener(
    'click',
    (event) => {
      const button =
        event.target instanceof Element ? event.target.closest('button, input[type="submit"]') : null;
      const form =
        button instanceof HTMLButtonElement || button instanceof HTMLInputElement ? button.form : null;
      if (!form || (button as HTMLButtonElement).type !== 'submit') return;
      for (const element of form.elements) if (isField(element)) element.setCustomValidity('');
    },
    true,
  );
}
