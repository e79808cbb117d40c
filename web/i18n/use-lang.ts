import { useSyncExternalStore } from 'react';
import { currentLang, type Lang, subscribeLang } from './lang.ts';

/** The interface's language; the component renders again when it changes. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribeLang, currentLang);
}
