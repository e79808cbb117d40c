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
  overdueShare: number | null;
  open: number;
  yellow: number;
  green: number;
  everClosed: number;
  everReopened: number;
  reopenRate: number | null;
  extended: number;
  extensionRate: number | null;
  complaints: number;
  responded: number;
  ttcMedian: number | null;
  ttcP90: number | null;
  ttcMean: number | null;
  frhMedian: number | null;
  frhP90: number | null;
  frhMean: number | null;
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
    overdueShare: null,
    open: 0,
    yellow: 0,
    green: 0,
    everClosed: 0,
    everReopened: 0,
    reopenRate: null,
    extended: 0,
    extensionRate: null,
    complaints: 0,
    responded: 0,
    ttcMedian: null,
    ttcP90: null,
    ttcMean: null,
    frhMedian: null,
    frhP90: null,
    frhMean: null,
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
  r.overdueShare = rate(r.overdue, r.registered);
  r.reopenRate = rate(r.everReopened, r.everClosed);
  r.extensionRate = rate(r.extended, r.registered);
  r.ttcMedian = percentile(ttc, 50);
  r.ttcP90 = percentile(ttc, 90);
  r.ttcMean = mean(ttc);
  r.frhMedian = percentile(frh, 50);
  r.frhP90 = percentile(frh, 90);
  r.frhMean = mean(frh);
  return r;
}

/** A scope in codes, as the reference reads it; every given field must hold (DESIGN.md §3). */
export interface ReferenceScope {
  campaign?: string;
  domain?: string;
  source?: string;
  department?: string;
  peerGroup?: string;
  /** Registration period, first and last day, both included. */
  registeredFrom?: string;
  registeredTo?: string;
}

/** The items of a scope; `peerGroups` gives each department's peer group. */
export function inScope(
  items: ItemSpec[],
  scope: ReferenceScope,
  peerGroups: Record<string, string>,
): ItemSpec[] {
  return items.filter((item) => {
    const registeredDay = item.registered.slice(0, 10);
    return (
      (scope.campaign === undefined || item.campaign === scope.campaign) &&
      (scope.domain === undefined || item.domain === scope.domain) &&
      (scope.source === undefined || (item.source ?? 'self_inspection') === scope.source) &&
      (scope.department === undefined || item.department === scope.department) &&
      (scope.peerGroup === undefined ||
        (item.department !== null && peerGroups[item.department] === scope.peerGroup)) &&
      (scope.registeredFrom === undefined || registeredDay >= scope.registeredFrom) &&
      (scope.registeredTo === undefined || registeredDay <= scope.registeredTo)
    );
  });
}

export interface ReferenceFlowWeek {
  weekStart: string;
  registered: number;
  closed: number;
  reopened: number;
  netOpen: number;
  openAtEnd: number;
}

/**
 * Weekly flow over consecutive weeks starting on the Monday `firstWeek`, as of `end`: registrations,
 * closures made (re-closures too) and reopenings in [Monday 00:00, next Monday 00:00) and before
 * `end`, and the open items at each week's end or at `end`, whichever is first, counted from scratch
 * at that moment (registered before it − closed before it + reopened before it). Voided items count
 * nowhere.
 */
export function referenceFlow(
  items: ItemSpec[],
  firstWeek: string,
  weeks: number,
  end: string,
): ReferenceFlowWeek[] {
  const start = dayMs(firstWeek);
  const events: { at: number; kind: 'registered' | 'closed' | 'reopened' }[] = [];
  for (const item of items) {
    if (item.voided !== undefined) continue;
    events.push({ at: ms(item.registered), kind: 'registered' });
    for (const c of item.closures ?? []) {
      events.push({ at: ms(c.closed), kind: 'closed' });
      if (c.reopened !== undefined) events.push({ at: ms(c.reopened), kind: 'reopened' });
    }
  }
  return Array.from({ length: weeks }, (_, w) => {
    const from = start + w * 7 * DAY;
    const to = Math.min(from + 7 * DAY, ms(end));
    const count = (kind: string, lo: number, hi: number) =>
      events.filter((e) => e.kind === kind && e.at >= lo && e.at < hi).length;
    const registered = count('registered', from, to);
    const closed = count('closed', from, to);
    const reopened = count('reopened', from, to);
    return {
      weekStart: new Date(from).toISOString().slice(0, 10),
      registered,
      closed,
      reopened,
      netOpen: registered - closed + reopened,
      openAtEnd:
        count('registered', -Infinity, to) -
        count('closed', -Infinity, to) +
        count('reopened', -Infinity, to),
    };
  });
}
