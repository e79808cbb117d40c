import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

/** What an item's page is told of where it was opened from, for its back link. */
export interface ItemPageState {
  /** The ledger table's filters (its search). */
  from?: string;
  /** Another view (path and search) listing the item. */
  returnTo?: string;
}

/** A link to an item's page from a view listing it; the item's back link returns to this view. */
export function ItemLink({
  id,
  className,
  lang,
  children,
}: {
  id: number;
  className?: string;
  /** The language of the title shown, where it is not the interface's (i18n/data-lang.ts). */
  lang?: string;
  children: ReactNode;
}) {
  const location = useLocation();
  const state: ItemPageState = { returnTo: `${location.pathname}${location.search}` };
  return (
    <Link to={`/ledger/${id}`} state={state} className={className} lang={lang}>
      {children}
    </Link>
  );
}
