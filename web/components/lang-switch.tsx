import { setLang } from '../i18n/lang.ts';
import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';

/**
 * The button that switches the interface between Chinese and English. It shows the other language's
 * name, marked as that language, and its accessible name begins with that word (a voice-control user
 * says what they see: "click English"), followed by what it does in the current language.
 */
export function LangSwitch() {
  const t = useT();
  const lang = useLang();
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="lang-switch" onClick={() => setLang(other)}>
      <span lang={other}>{t('lang.switch')}</span>
      <span className="sr-only"> {t('lang.switchLabel')}</span>
    </button>
  );
}
