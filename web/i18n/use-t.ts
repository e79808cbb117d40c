import { useCallback } from 'react';
import type { Lang } from './lang.ts';
import { type MessageKey, messages } from './messages.ts';
import { useLang } from './use-lang.ts';

/** Fills {name} placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[lang][key];
  return params
    ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
    : template;
}

export function useT() {
  const lang = useLang();
  return useCallback(
    (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params),
    [lang],
  );
}

/** The zh or en field of a bilingual record, e.g. pick(lang, d.nameZh, d.nameEn). */
export const pick = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
