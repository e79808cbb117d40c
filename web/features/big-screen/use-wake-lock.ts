import { useEffect } from 'react';

/**
 * Keeps the screen awake while the deck is shown (Screen Wake Lock API). The browser releases the lock
 * whenever the page is hidden, so it is asked for again when the page is visible again. Browsers
 * without the API, or refusing it (no secure context, battery saver), are ignored: the deck runs anyway.
 */
export function useWakeLock() {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let done = false;
    const request = async () => {
      if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        const lock = await navigator.wakeLock.request('screen');
        if (done) await lock.release();
        else sentinel = lock;
      } catch {
        // Not allowed here; nothing to do.
      }
    };
    const onVisibility = () => void request();
    void request();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      done = true;
      document.removeEventListener('visibilitychange', onVisibility);
      sentinel?.release().catch(() => {});
    };
  }, []);
}
