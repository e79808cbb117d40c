import { useRef } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { ScreenData } from '../../../api/screen.ts';
import { loneDot } from '../../../components/lone-dot.tsx';
import { formatMonthDay } from '../../../components/weeks.ts';
import { formatNumber } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/use-lang.ts';
import { useT } from '../../../i18n/use-t.ts';
import { MIN_TEXT } from '../fit-text.tsx';
import { latestRate, toTrendPoints, trendAxisFloor } from '../trend-points.ts';
import { useElementSize } from '../use-element-size.ts';
import { useStageUnit } from '../use-stage-unit.ts';

const BLUE = '#60a5fa';
const YELLOW = '#ffc53d';
const MUTED = '#b4bfd0';
const LINE = '#26324a';

/** Closure rate and on-time rate week by week, drawn without animation; the latest values in the legend. */
export function TrendSlide({ data }: { data: ScreenData }) {
  const t = useT();
  const lang = useLang();
  const u = useStageUnit();
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(box);
  const points = toTrendPoints(data.trend);
  const percent = (v: number | null) =>
    v === null ? formatNumber(lang, null) : `${formatNumber(lang, v, 1)}%`;
  const tick = { fontSize: Math.ceil(MIN_TEXT * u * 1.08), fill: MUTED };
  return (
    <div className="bs-sl-trend">
      <div className="bs-trend-legend">
        <span className="bs-trend-key">
          <span className="bs-trend-swatch" aria-hidden="true" />
          {t('figure.closureRate')} <strong>{percent(latestRate(points, 'closureRate'))}</strong>
        </span>
        <span className="bs-trend-key">
          <span className="bs-trend-swatch bs-is-dashed" aria-hidden="true" />
          {t('figure.onTimeRate')} <strong>{percent(latestRate(points, 'onTimeRate'))}</strong>
        </span>
      </div>
      <div className="bs-trend-chart" data-testid="trend-chart" ref={box}>
        {width > 0 && height > 0 && (
          <LineChart
            width={width}
            height={height}
            data={points}
            margin={{ top: u * 2, right: u * 3, bottom: u, left: u }}
          >
            <CartesianGrid stroke={LINE} vertical={false} />
            <XAxis
              dataKey="weekStart"
              tick={tick}
              tickFormatter={(d: string) => formatMonthDay(lang, d)}
              minTickGap={u * 6}
              stroke={MUTED}
              tickMargin={u}
              height={tick.fontSize * 1.5 + u * 2}
              padding={{ left: u * 2, right: u * 4 }}
            />
            <YAxis
              domain={[trendAxisFloor(points), 100]}
              tick={tick}
              tickFormatter={(v: number) => `${v}%`}
              width={u * 11}
              stroke={MUTED}
            />
            <Line
              type="monotone"
              dataKey="closureRate"
              stroke={BLUE}
              strokeWidth={u * 0.7}
              dot={loneDot(
                points.map((p) => p.closureRate),
                u * 1.2,
                BLUE,
              )}
              activeDot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="onTimeRate"
              stroke={YELLOW}
              strokeWidth={u * 0.7}
              strokeDasharray={`${u * 1.8} ${u * 1}`}
              dot={loneDot(
                points.map((p) => p.onTimeRate),
                u * 1.2,
                YELLOW,
              )}
              activeDot={false}
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </div>
    </div>
  );
}
