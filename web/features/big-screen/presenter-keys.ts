/** What a presenter's key does on the big screen (a clicker sends arrows and Page Up/Down). */
export type PresenterAction = 'toggle-pause' | 'next' | 'previous' | 'toggle-fullscreen' | 'toggle-language';

const ACTIONS: Record<string, PresenterAction> = {
  ' ': 'toggle-pause',
  Spacebar: 'toggle-pause',
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  f: 'toggle-fullscreen',
  F: 'toggle-fullscreen',
  l: 'toggle-language',
  L: 'toggle-language',
};

/** The action of a key, or null; keys held with Ctrl, Alt or Meta are left to the browser. */
export function presenterAction(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }) {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  return ACTIONS[e.key] ?? null;
}
