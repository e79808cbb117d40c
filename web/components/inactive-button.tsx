import type { ReactNode } from 'react';

/**
 * A button that can turn inactive without losing the keyboard's focus: aria-disabled, not disabled,
 * which would drop the focus to the page's body when the button disables itself (the last page
 * reached, the filters cleared). Inactive, a click does nothing.
 */
export function InactiveButton({
  active,
  onClick,
  className,
  children,
}: {
  active: boolean;
  onClick: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" className={className} aria-disabled={!active} onClick={() => active && onClick()}>
      {children}
    </button>
  );
}
