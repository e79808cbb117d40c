import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';

/** A view that is on the plan but not built yet; says so plainly rather than showing invented numbers. */
export function PlaceholderPage({ title }: { title: MessageKey }) {
  const t = useT();
  return (
    <section className="page">
      <h1>{t(title)}</h1>
      <div className="notice">
        <strong>{t('placeholder.title')}</strong>
        <p>{t('placeholder.body')}</p>
      </div>
    </section>
  );
}
