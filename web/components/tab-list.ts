import type { KeyboardEvent } from 'react';

/**
 * The keyboard of an ARIA tab list (role="tablist" with role="tab" buttons, in `keys` order): the arrow
 * keys, Home and End move to another tab and select it, as a screen reader announcing "tab, 1 of 3"
 * tells its user to expect. Only the selected tab is in the Tab order (`tabIndex` below), so Tab goes on
 * to the tab's panel.
 */
export function tabListKeyDown<K>(keys: readonly K[], selected: K, select: (key: K) => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const at = keys.indexOf(selected);
    const last = keys.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? at === last
          ? 0
          : at + 1
        : event.key === 'ArrowLeft'
          ? at <= 0
            ? last
            : at - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    select(keys[next]!);
    event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
}

/** A tab's place in the Tab order: the selected one only. */
export const tabIndex = (isSelected: boolean) => (isSelected ? 0 : -1);
