import { useCallback, useEffect, useState } from 'react';
import { stepIndex } from './slide-plan.ts';

/**
 * The current slide of a rotating deck: advances every `intervalMs` unless paused; stepping by hand
 * restarts the slide's time. The index is kept within `count` when the deck shrinks on a refresh.
 */
export function useRotation(count: number, intervalMs: number) {
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const current = count === 0 ? 0 : index % count;

  // `current` restarts the slide's timer whenever the slide changes, by itself or by a presenter key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the timer is per slide, see above
  useEffect(() => {
    if (paused || count <= 1) return;
    const timer = window.setTimeout(() => setIndex((i) => stepIndex(i % count, 1, count)), intervalMs);
    return () => window.clearTimeout(timer);
  }, [current, paused, count, intervalMs]);

  const next = useCallback(() => setIndex((i) => stepIndex(i % Math.max(count, 1), 1, count)), [count]);
  const previous = useCallback(() => setIndex((i) => stepIndex(i % Math.max(count, 1), -1, count)), [count]);
  const togglePause = useCallback(() => setPaused((p) => !p), []);
  return { index: current, paused, next, previous, togglePause };
}
