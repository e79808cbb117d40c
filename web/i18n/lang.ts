import { useSyncExternalStore } from 'react';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'closeout.lang';

function detect(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  const browser = typeof navigator === 'undefined' ? 'zh-CN' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let lang: Lang = detect();
const listeners = new Set<() => void>();

export const currentLang = (): Lang => lang;

/** Switches the language, remembers it, and tells every subscriber. */
export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function useLang(): Lang {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, currentLang);
}
