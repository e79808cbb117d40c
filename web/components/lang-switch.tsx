import { setLang } from '../i18n/lang.ts';
import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';

/** The button that switches the interface between Chinese and English (it names the other language). */
export function LangSwitch() {
  const t = useT();
  const lang = useLang();
  return (
    <button
      type="button"
      className="lang-switch"
      aria-label={t('lang.switchLabel')}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switch')}
    </button>
  );
}
