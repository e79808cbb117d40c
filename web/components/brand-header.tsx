import { useT } from '../i18n/use-t.ts';
import { LangSwitch } from './lang-switch.tsx';

/** The header of a page outside the app (sign-in, the public page): the name, a tagline, the language. */
export function BrandHeader({ tagline }: { tagline: string }) {
  const t = useT();
  return (
    <header className="auth-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{tagline}</span>
      </div>
      <LangSwitch />
    </header>
  );
}
