import { useEffect, useRef } from 'react';
import { type PresenterAction, presenterAction } from './presenter-keys.ts';

/** Calls `onAction` for the presenter keys pressed anywhere on the page. */
export function usePresenterKeys(onAction: (action: PresenterAction) => void) {
  const latest = useRef(onAction);
  latest.current = onAction;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = presenterAction(e);
      if (!action || e.repeat) return;
      e.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
