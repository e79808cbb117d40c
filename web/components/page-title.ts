import { useEffect } from 'react';
import { useT } from '../i18n/use-t.ts';

/**
 * The browser tab's title: the page's own, then the product's name. Screen readers announce it on
 * a change of view, and "save as PDF" names the file after it (a bulletin by its day).
 */
export function usePageTitle(title: string | null | undefined): void {
  const t = useT();
  const full = title ? `${title} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = full;
  }, [full]);
}
