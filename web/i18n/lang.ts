/** The interface's language: found once, changed by the user, remembered in this browser. */
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

/** Calls `listener` whenever the language changes; returns the unsubscribe. */
export function subscribeLang(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
