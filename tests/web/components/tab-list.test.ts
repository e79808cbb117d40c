import { describe, expect, it } from 'vitest';
import { tabIndex, tabListKeyDown } from '../../../web/components/tab-list.ts';

const KEYS = ['all', 'problems', 'reject'] as const;

/** A key pressed on a tab list of KEYS with `selected` chosen: what is selected and focused after. */
function press(key: string, selected: (typeof KEYS)[number]) {
  let chosen: string | null = null;
  let focused: number | null = null;
  let prevented = false;
  const tabs = KEYS.map((_, i) => ({ focus: () => (focused = i) }));
  tabListKeyDown(
    KEYS,
    selected,
    (k) => (chosen = k),
  )({
    key,
    preventDefault: () => (prevented = true),
    currentTarget: { querySelectorAll: () => tabs },
    // biome-ignore lint/suspicious/noExplicitAny: the parts of a React keyboard event the handler reads
  } as any);
  return { chosen, focused, prevented };
}

describe('tabListKeyDown', () => {
  it.each([
    ['ArrowRight', 'all', 'problems', 1],
    ['ArrowRight', 'reject', 'all', 0],
    ['ArrowLeft', 'problems', 'all', 0],
    ['ArrowLeft', 'all', 'reject', 2],
    ['Home', 'reject', 'all', 0],
    ['End', 'all', 'reject', 2],
  ] as const)('%s from %s selects and focuses %s', (key, from, to, index) => {
    expect(press(key, from)).toEqual({ chosen: to, focused: index, prevented: true });
  });

  it('leaves other keys to the browser (Tab goes on to the panel, Enter to the button)', () => {
    for (const key of ['Tab', 'Enter', ' ', 'ArrowDown'])
      expect(press(key, 'problems')).toEqual({ chosen: null, focused: null, prevented: false });
  });

  it('keeps only the selected tab in the Tab order', () => {
    expect([tabIndex(true), tabIndex(false)]).toEqual([0, -1]);
  });
});
