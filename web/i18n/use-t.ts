import { useCallback } from 'react';
import type { Lang } from './lang.ts';
import { type MessageKey, messages } from './messages.ts';
import { useLang } from './use-lang.ts';

/**
 * Fills {name} placeholders, and {name|one|other} with the word for the number: "one" for exactly 1
 * (English: "1 item", "2 items", "1.5 days", "1,234 items").
 */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[lang][key];
  if (!params) return template;
  return template
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (_, name: string, one: string, other: string) =>
      String(params[name]).trim() === '1' ? one : other,
    )
    .replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
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
