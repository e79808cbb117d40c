import { type ComponentType, lazy, Suspense } from 'react';

/**
 * A chart that loads its code on first use. Recharts is most of the app's script: kept out of the
 * first bundle, a view's figures and tables show while the charts' code is still on its way, and the
 * chart's place is held at its height meanwhile (the page does not jump when it arrives).
 */
export function lazyChart<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  /** The chart's height, held while its code loads. */
  height: (props: Props) => number | string,
): ComponentType<Props> & { preload: () => void } {
  // One load, whoever asks first (preload or the first render); a failed one may be tried again.
  let loading: Promise<ComponentType<Props>> | undefined;
  const loadOnce = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const Chart = lazy(async () => ({ default: await loadOnce() }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per chart where its module loads, never while rendering
  function LazyChart(props: Props) {
    return (
      <Suspense fallback={<div aria-busy="true" style={{ height: height(props) }} />}>
        <Chart {...props} />
      </Suspense>
    );
  }
  /** Fetches the chart's code now (a big screen does, while its server is there), without showing it. */
  return Object.assign(LazyChart, { preload: () => void loadOnce().catch(() => {}) });
}
