import type { Lang } from './lang.ts';
import { useLang } from './use-lang.ts';

const HAN = /\p{Script=Han}/u;

/**
 * The language to mark a piece of data with (an item's title, a person's name, what someone wrote) where
 * it is not the interface's: Chinese text in the English interface. Marked, a screen reader reads it in
 * a Chinese voice instead of spelling out, or skipping, characters its English voice cannot say.
 */
export function dataLang(ui: Lang, text: string | null | undefined): 'zh-CN' | undefined {
  return ui === 'en' && text && HAN.test(text) ? 'zh-CN' : undefined;
}

/** dataLang in the interface's current language. */
export function useDataLang(): (text: string | null | undefined) => 'zh-CN' | undefined {
  const lang = useLang();
  return (text) => dataLang(lang, text);
}
