import { useT } from '../i18n/use-t.ts';
import { LangSwitch } from './lang-switch.tsx';
import { useOrganisation } from './use-organisation.ts';

/**
 * The header of a page outside the app (sign-in, the public page): the name, the organisation's and a
 * tagline, the language.
 */
export function BrandHeader({ tagline }: { tagline: string }) {
  const t = useT();
  const { name: organisation, nameLang } = useOrganisation();
  return (
    <header className="auth-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        {organisation && (
          <span className="brand-org" lang={nameLang}>
            {organisation}
          </span>
        )}
        <span className="brand-tagline">{tagline}</span>
      </div>
      <LangSwitch />
    </header>
  );
}
