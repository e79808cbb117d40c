import { percentTenths } from '../../../server/domain/rounding.ts';
import type { Component } from '../../../server/domain/scoring.ts';
import type { Benchmark } from './peer-benchmarks.ts';

export interface ComponentBar {
  name: string;
  /** Points as a percentage of the component's weight (0–100, one decimal); null without data. */
  own: number | null;
  median: number | null;
  best: number | null;
}

const percent = (share: number | null) => (share === null ? null : percentTenths(share));

/** One bar group per component: the department, its peers' median and best quartile, in percent of full points. */
export function toComponentBars(benchmarks: Benchmark[], name: (c: Component) => string): ComponentBar[] {
  return benchmarks.map((b) => ({
    name: name(b.component),
    own: percent(b.share),
    median: percent(b.medianShare),
    best: percent(b.bestQuartileShare),
  }));
}

/** The components chart's height: room for its axis and legend, and a band per component. */
export const componentsChartHeight = (components: number) => 60 + components * 56;
