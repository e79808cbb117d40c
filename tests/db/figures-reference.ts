/**
 * A deliberately simple, separate implementation of DESIGN.md §3 over the item specs, in plain
 * JavaScript with millisecond times: the property test holds the SQL to it.
 */
import type { ItemSpec } from '../helpers/ledger.ts';

const DAY = 86_400_000;
const ms = (x: string) => Date.parse(`${x.length === 10 ? `${x}T09:00:00` : x}Z`);
const dayMs = (x: string) => Date.parse(`${x.slice(0, 10)}T00:00:00Z`);

/** Has the deadline passed at time t? A day deadline passes at its midnight; a timed one just after its moment. */
function passed(deadline: string, t: number): boolean {
  return deadline.length === 10 ? t >= dayMs(deadline) + DAY : t > ms(deadline);
}

function passMoment(deadline: string): number {
  return deadline.length === 10 ? dayMs(deadline) + DAY : ms(deadline);
}

/** Continuous percentile (linear interpolation between closest ranks), as SQL percentile_cont. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const rate = (n: number, d: number) => (d === 0 ? null : n / d);

export interface ReferenceFigures {
  registered: number;
  closed: number;
  closureRate: number | null;
  due: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  open: number;
  yellow: number;
  green: number;
  everClosed: number;
  everReopened: number;
  reopenRate: number | null;
  extended: number;
  complaints: number;
  responded: number;
  ttcMedian: number | null;
  ttcP90: number | null;
  ttcMean: number | null;
  frhMedian: number | null;
  daysOverdue: Record<string, number>;
}

export function referenceFigures(items: ItemSpec[], tMoment: string, warningDays: number): ReferenceFigures {
  const t = ms(tMoment);
  const warn = t + warningDays * DAY;
  const r: ReferenceFigures = {
    registered: 0,
    closed: 0,
    closureRate: null,
    due: 0,
    onTime: 0,
    onTimeRate: null,
    overdue: 0,
    open: 0,
    yellow: 0,
    green: 0,
    everClosed: 0,
    everReopened: 0,
    reopenRate: null,
    extended: 0,
    complaints: 0,
    responded: 0,
    ttcMedian: null,
    ttcP90: null,
    ttcMean: null,
    frhMedian: null,
    daysOverdue: {},
  };
  const ttc: number[] = [];
  const frh: number[] = [];
  for (const item of items) {
    if (item.voided !== undefined || ms(item.registered) >= t) continue;
    r.registered++;
    const closures = item.closures ?? [];
    const inForce = closures.find(
      (c) => ms(c.closed) < t && (c.reopened === undefined || ms(c.reopened) >= t),
    );
    const approved = (item.extensions ?? []).filter((e) => ms(e.approved) < t);
    const deadline = approved.length > 0 ? approved[approved.length - 1]!.deadline : (item.deadline ?? null);
    const due = deadline !== null && passed(deadline, t);
    if (inForce) {
      r.closed++;
      ttc.push(Math.round((dayMs(inForce.closed) - dayMs(item.registered)) / DAY));
    } else {
      r.open++;
      if (due) {
        r.overdue++;
        r.daysOverdue[item.code] = Math.max(1, Math.ceil((t - passMoment(deadline!)) / DAY));
      } else if (deadline !== null && passed(deadline, warn)) r.yellow++;
      else r.green++;
    }
    if (due) {
      r.due++;
      if (inForce && !passed(deadline!, ms(inForce.closed))) r.onTime++;
    }
    if (closures.some((c) => ms(c.closed) < t)) r.everClosed++;
    if (closures.some((c) => c.reopened !== undefined && ms(c.reopened) < t)) r.everReopened++;
    if (approved.length > 0) r.extended++;
    if (item.source === 'public_complaint' || item.source === 'hotline') {
      r.complaints++;
      if (item.firstResponse !== undefined && ms(item.firstResponse) < t) {
        r.responded++;
        frh.push((ms(item.firstResponse) - ms(item.registered)) / 3_600_000);
      }
    }
  }
  r.closureRate = rate(r.closed, r.registered);
  r.onTimeRate = rate(r.onTime, r.due);
  r.reopenRate = rate(r.everReopened, r.everClosed);
  r.ttcMedian = percentile(ttc, 50);
  r.ttcP90 = percentile(ttc, 90);
  r.ttcMean = mean(ttc);
  r.frhMedian = percentile(frh, 50);
  return r;
}
