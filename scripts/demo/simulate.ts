/**
 * The life of each demo item — registration, assignment, rectification, verification, reopening,
 * extension, urging, voiding — simulated from the seed and applied step by step through the lifecycle
 * rules the app enforces. Pure: it returns rows and touches no database, so it can run in a worker
 * thread while another thread writes (scripts/demo/parallel.ts).
 */
import {
  allowedActions,
  COMPLAINT_SOURCES,
  checkSideAction,
  nextStatus,
  type RectificationType,
  type Source,
  type Status,
} from '../../server/domain/lifecycle.ts';
import { deadlineEnd } from '../../server/domain/time.ts';
import {
  type DepartmentSeed,
  EVIDENCE,
  EXTENSION_REASONS,
  GIVEN,
  MEASURES,
  PROGRESS_NOTES,
  REOPEN_REASONS,
  SURNAMES,
  VOID_REASONS,
} from './catalog.ts';
import { DAY, dayText, plusDays, text, toSec, utcText } from './wall-time.ts';

/** mulberry32: a small, fast, seedable PRNG; `state` resumes it elsewhere (rng(state)). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    state: () => a,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * next()),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    exp: (mean: number) => -Math.log(1 - next()) * mean,
  };
}
export type Rng = ReturnType<typeof rng>;

/** A time of day during office hours (08:30–17:30) on the day of sec. */
export const officeHours = (r: Rng, sec: number) =>
  Math.floor(sec / DAY) * DAY + Math.floor(r.between(8.5, 17.5) * 3600);

export interface Department extends DepartmentSeed {
  id: number;
  groupId: number;
  editorId: number;
}

/** What the simulation needs from the reference data; plain data, so it can be posted to a worker. */
export interface ItemPlan {
  /** The generator's random state after the reference data. */
  rngState: number;
  items: number;
  tz: string;
  /** Wall-time seconds: the first week, the second campaign's start, the anchor's last second. */
  start: number;
  midpoint: number;
  end: number;
  departments: Department[];
  campaigns: {
    id: number;
    prefix: string;
    domains: { id: number; education: boolean; titles: string[] }[];
  }[];
  adminId: number;
}

export const ITEM_COLUMNS = [
  'ledger_code',
  'title',
  'description',
  'campaign_id',
  'domain_id',
  'source',
  'department_id',
  'responsible_person',
  'registered_at',
  'assigned_at',
  'rectification_type',
  'handling_mode',
  'measures',
  'original_deadline',
  'original_deadline_end',
  'deadline',
  'deadline_end',
  'status',
  'first_response_at',
  'rectified_at',
  'evidence',
  'closed_at',
  'verified_by',
  'first_closed_at',
  'first_reopened_at',
  'first_extended_at',
  'reopen_count',
  'extension_count',
  'urge_count',
  'state_changed_at',
  'voided_at',
  'void_reason',
  'version',
  'created_at',
  'updated_at',
] as const;

/** The other tables an item writes, and their columns after item_id. */
export const CHILD_TABLES = {
  item_closures: ['closed_at', 'verified_by', 'evidence', 'reopened_at', 'reopen_reason'],
  deadline_extensions: [
    'approved_at',
    'approved_by',
    'old_deadline',
    'new_deadline',
    'new_deadline_end',
    'reason',
  ],
  urgings: ['urged_at', 'urged_by', 'note'],
  item_departments: ['department_id'],
  milestones: ['title', 'due_on', 'done_at'],
  progress_notes: ['noted_at', 'author_id', 'author_name', 'note'],
  extension_requests: [
    'requested_at',
    'requested_by',
    'requested_by_name',
    'old_deadline',
    'new_deadline',
    'reason',
  ],
  item_history: ['at', 'effective_at', 'actor_id', 'actor_name', 'kind', 'before', 'after', 'note'],
} as const;
export type ChildTable = keyof typeof CHILD_TABLES;

/**
 * Rows for a run of items, flat (a structured clone of a flat array is cheap): `items` holds
 * ITEM_COLUMNS.length values per item; each child row starts with its item's index in `items`,
 * followed by the values of its CHILD_TABLES columns.
 */
export type ItemBatch = { items: unknown[] } & Record<ChildTable, unknown[]>;

/**
 * Items simulated at a time. Small: rows held until written survive young-generation collections,
 * and with runs of thousands of items the garbage collector took more time than the simulation.
 */
export const CHUNK = 100;

const emptyBatch = (): ItemBatch => ({
  items: [],
  item_closures: [],
  deadline_extensions: [],
  urgings: [],
  item_departments: [],
  milestones: [],
  progress_notes: [],
  extension_requests: [],
  item_history: [],
});

const PLACES = [
  '城关镇',
  '东关街道',
  '南湖乡',
  '北山镇',
  '西城街道',
  '河口镇',
  '青石乡',
  '柳林镇',
  '新华街道',
  '双桥镇',
];
const SOURCE_WEIGHTS: [Source, number][] = [
  ['inspection_feedback', 15],
  ['self_inspection', 28],
  ['public_complaint', 20],
  ['supervision_check', 15],
  ['look_back', 7],
  ['hotline', 15],
];
const URGE_NOTE = '请加快整改进度，按期销号';

/** A generator of the item's own, from its ledger code (FNV-1a), for what the seed's stream does not draw. */
function itemRng(ledgerCode: string): Rng {
  let h = 0x811c9dc5;
  for (let i = 0; i < ledgerCode.length; i++) h = Math.imul(h ^ ledgerCode.charCodeAt(i), 0x01000193);
  return rng(h);
}

/**
 * The department's progress notes (整改进展) while it works on the item: between its assignment and its
 * report of rectification (or closing, voiding, the end), none for a short while; from the item's own
 * generator, so the seed's stream — and every item and figure it makes — stays as it was.
 */
function progressEvents(events: readonly SimEvent[], end: number, x: Rng): SimEvent[] {
  const from = events.find((e) => e.kind === 'assigned')?.at;
  if (from === undefined) return [];
  const stops = events.filter((e) => ['rectified', 'closed', 'voided'].includes(e.kind)).map((e) => e.at);
  const to = Math.min(end, ...stops);
  const n = to - from < 7 * DAY ? 0 : x.int(0, 3);
  return Array.from({ length: n }, (_, k) => ({
    at: officeHours(x, from + ((to - from) * (k + 1)) / (n + 1)),
    kind: 'progress' as const,
    note: PROGRESS_NOTES[Math.min(k + x.int(0, 1), PROGRESS_NOTES.length - 1)]!,
  })).filter((e) => e.at > from && e.at < to);
}
// The smallest departments keep fewer items than a ranking needs, so they show as "not ranked".
const SMALL_DEPARTMENT_ITEMS = 4;

type EventKind =
  | 'registered'
  | 'assigned'
  | 'started'
  | 'responded'
  | 'extended'
  | 'rectified'
  | 'rejected'
  | 'closed'
  | 'reopened'
  | 'urged'
  | 'voided'
  | 'progress';

interface SimEvent {
  at: number;
  kind: EventKind;
  deadline?: string;
  note?: string;
}

interface Draft {
  events: SimEvent[];
  ledgerCode: string;
  title: string;
  campaignId: number;
  domainId: number;
  source: Source;
  dept: Department;
  person: string;
  type: RectificationType;
  deadline: string | null;
  handlingMode: string | null;
  measures: string;
  participants: number[];
}

/** Returns a function that simulates the next `count` items (fewer rows if some fall after the end). */
export function itemSimulator(plan: ItemPlan): (count: number) => ItemBatch {
  const r = rng(plan.rngState);
  const { start, midpoint, end, departments, campaigns, adminId } = plan;
  const utc = utcText(plan.tz);
  const json = JSON.stringify;

  const cumulative: number[] = [];
  let total = 0;
  for (const d of departments) {
    total += d.weight;
    cumulative.push(total);
  }
  const itemsOf = new Map<number, number>();
  const pickDepartment = (): Department => {
    const d = pickWeighted();
    const n = itemsOf.get(d.id) ?? 0;
    if (d.weight < 0.1 && n >= SMALL_DEPARTMENT_ITEMS) return pickDepartment();
    itemsOf.set(d.id, n + 1);
    return d;
  };
  const pickWeighted = () => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return departments[lo]!;
  };
  const sourceTotal = SOURCE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickSource = (): Source => {
    let x = r.next() * sourceTotal;
    for (const [s, w] of SOURCE_WEIGHTS) {
      x -= w;
      if (x < 0) return s;
    }
    return 'self_inspection';
  };
  const sequence = [0, 0];
  // deadlineEnd validates its input, which showed in profiles; the same few thousand deadlines recur.
  const deadlineEnds = new Map<string, string>();
  const endOf = (deadline: string) => {
    let moment = deadlineEnds.get(deadline);
    if (moment === undefined) {
      moment = deadlineEnd(deadline);
      deadlineEnds.set(deadline, moment);
    }
    return moment;
  };
  let batch = emptyBatch();

  function simulateItem() {
    const dept = pickDepartment();
    // The first campaign's registrations surge early and tail off; the current one keeps a steady
    // inflow on top of its own early surge, so every week of it has new items.
    const half = r.chance(0.5) ? 0 : 1;
    const share = half === 0 || r.chance(0.4) ? 1 - Math.sqrt(r.next()) : r.next();
    const regSec = officeHours(r, (half === 0 ? start : midpoint) + share * 52 * 7 * DAY);
    if (regSec > end) return;
    const campaign = campaigns[half]!;
    const eduDomains = campaign.domains.filter((d) => d.education);
    const otherDomains = campaign.domains.filter((d) => !d.education);
    const domain =
      eduDomains.length > 0 && (dept.education ? r.chance(0.9) : r.chance(0.12))
        ? r.pick(eduDomains)
        : r.pick(otherDomains);
    const source = pickSource();
    const progress = Math.min(1, Math.max(0, (regSec - start) / (end - start)));
    // An improving department turns around in the middle of the period (a smooth step from 25% to 55%).
    const turn = Math.min(1, Math.max(0, (progress - 0.25) / 0.3));
    const q =
      dept.onTimeStart === undefined
        ? dept.onTime
        : dept.onTimeStart + (dept.onTime - dept.onTimeStart) * turn * turn * (3 - 2 * turn);
    const type: RectificationType = r.chance(0.35) ? 'immediate' : r.chance(0.8) ? 'phased' : 'long_term';
    const person = r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.5) ? r.pick(GIVEN) : '');
    const events: SimEvent[] = [{ at: regSec, kind: 'registered' }];
    const assigned = officeHours(r, regSec + r.int(0, 3) * DAY);
    const isComplaint = COMPLAINT_SOURCES.includes(source);
    // Deadline: a day, a moment (hotline work orders count in hours), or none (long-term).
    let deadline: string | null = null;

    if (r.chance(0.02)) {
      // Registered in error or twice: voided within days, and by the end (assigned without a deadline,
      // such an item must not stay in force).
      const assignedAt = Math.max(assigned, regSec + 60);
      if (r.chance(0.5)) events.push({ at: assignedAt, kind: 'assigned' });
      const voidedAt = Math.min(regSec + r.between(1, 10) * DAY, Math.max(end - 60, assignedAt + 60));
      events.push({ at: voidedAt, kind: 'voided', note: r.pick(VOID_REASONS) });
    } else {
      events.push({ at: Math.max(assigned, regSec + 60), kind: 'assigned' });
      const assignedAt = Math.max(assigned, regSec + 60);
      const respondedAt = isComplaint ? regSec + Math.min(r.exp(4 + 40 * (1 - q)), 240) * 3600 + 60 : regSec;
      if (isComplaint) events.push({ at: respondedAt, kind: 'responded' });
      let endSec = Number.POSITIVE_INFINITY;
      if (type === 'immediate' && isComplaint && r.chance(0.5)) {
        endSec = Math.ceil((assignedAt + 72 * 3600) / 3600) * 3600;
        deadline = text(endSec);
      } else if (type !== 'long_term' || r.chance(0.5)) {
        const days =
          type === 'immediate' ? r.int(7, 15) : type === 'phased' ? r.int(30, 120) : r.int(180, 365);
        deadline = plusDays(dayText(assignedAt), days);
        endSec = toSec(deadline) + DAY;
      }
      // Extension approved part-way, before the deadline passes.
      if (deadline && r.chance(0.06 + 0.1 * (1 - q))) {
        const approved = officeHours(r, assignedAt + r.between(0.5, 0.9) * (endSec - assignedAt));
        if (approved < endSec && approved > assignedAt) {
          const newDay = plusDays(dayText(endSec - 1), r.int(15, 60));
          events.push({ at: approved, kind: 'extended', deadline: newDay, note: r.pick(EXTENSION_REASONS) });
          endSec = toSec(newDay) + DAY;
        }
      }
      // When it gets closed: on time with chance q, otherwise late by an exponential delay.
      let closeAt: number | null;
      if (!Number.isFinite(endSec)) closeAt = r.chance(0.5) ? assignedAt + r.between(60, 300) * DAY : null;
      else if (r.chance(q)) closeAt = assignedAt + r.between(0.25, 0.97) * (endSec - assignedAt);
      else closeAt = endSec + r.exp(8 + 70 * (1 - q)) * DAY;
      const lastExtension = events.find((e) => e.kind === 'extended');
      if (closeAt !== null && lastExtension && closeAt <= lastExtension.at)
        closeAt = lastExtension.at + r.between(1, 5) * DAY;
      if (closeAt !== null) {
        closeAt = Math.max(closeAt, assignedAt + 2 * 3600, respondedAt + 2 * 3600);
        const rectified = Math.max(assignedAt + 3600, closeAt - r.between(0.5, 4) * DAY);
        const started = assignedAt + Math.min(r.between(0.1, 2) * DAY, (rectified - assignedAt) / 2);
        events.push({ at: started, kind: 'started' });
        if (rectified - started > 4 * DAY && r.chance(0.05)) {
          const claim = started + (rectified - started) / 2;
          events.push({ at: claim, kind: 'rectified', note: r.pick(EVIDENCE) });
          events.push({ at: claim + DAY, kind: 'rejected', note: '整改材料不完整，退回补充' });
        }
        events.push({ at: rectified, kind: 'rectified', note: r.pick(EVIDENCE) });
        events.push({ at: closeAt, kind: 'closed', note: r.pick(EVIDENCE) });
        if (r.chance(0.03 + 0.12 * (1 - q))) {
          const reopen = officeHours(r, closeAt + r.between(20, 90) * DAY);
          const reclose = reopen + r.between(10, 60) * DAY;
          events.push({ at: reopen, kind: 'reopened', note: r.pick(REOPEN_REASONS) });
          events.push({ at: reclose - r.between(0.5, 3) * DAY, kind: 'rectified', note: r.pick(EVIDENCE) });
          events.push({ at: reclose, kind: 'closed', note: r.pick(EVIDENCE) });
        }
      } else {
        events.push({ at: assignedAt + r.between(0.1, 3) * DAY, kind: 'started' });
      }
      // Urging (催办) every week or two once the deadline has passed, until it is closed.
      if (Number.isFinite(endSec)) {
        const until = Math.min(closeAt ?? end, end);
        for (let at = endSec + 3 * DAY, k = 0; k < 6; at += r.int(7, 14) * DAY, k++) {
          const urgedAt = officeHours(r, at);
          if (urgedAt >= until) break;
          events.push({ at: urgedAt, kind: 'urged', note: URGE_NOTE });
        }
      }
    }

    sequence[half]! += 1;
    const ledgerCode = `${campaign.prefix}-${dayText(regSec).slice(0, 4)}-${String(sequence[half]).padStart(6, '0')}`;
    applyEvents({
      events: events.filter((e) => e.at <= end).sort((a, b) => a.at - b.at),
      ledgerCode,
      title: `${r.pick(domain.titles)}（${r.pick(PLACES)}）`,
      campaignId: campaign.id,
      domainId: domain.id,
      source,
      dept,
      person,
      type,
      deadline,
      handlingMode: r.chance(0.4)
        ? r.pick(['immediate', 'proactive', 'on_site', 'tracked', 'public'] as const)
        : null,
      measures: r.pick(MEASURES),
      participants: r.chance(0.15) ? [departments[r.int(0, departments.length - 1)]!.id] : [],
    });
  }

  function applyEvents(d: Draft) {
    let status: Status = 'registered';
    let voided = false;
    const row = {
      ledger_code: d.ledgerCode,
      title: d.title,
      description: `${d.dept.zh}：${d.title}`,
      campaign_id: d.campaignId,
      domain_id: d.domainId,
      source: d.source,
      department_id: null as number | null,
      responsible_person: null as string | null,
      registered_at: text(d.events[0]!.at),
      assigned_at: null as string | null,
      rectification_type: d.type,
      handling_mode: d.handlingMode,
      measures: d.measures,
      original_deadline: null as string | null,
      original_deadline_end: null as string | null,
      deadline: null as string | null,
      deadline_end: null as string | null,
      status: 'registered' as Status,
      first_response_at: null as string | null,
      rectified_at: null as string | null,
      evidence: null as string | null,
      closed_at: null as string | null,
      verified_by: null as number | null,
      first_closed_at: null as string | null,
      first_reopened_at: null as string | null,
      first_extended_at: null as string | null,
      reopen_count: 0,
      extension_count: 0,
      urge_count: 0,
      state_changed_at: null as string | null,
      voided_at: null as string | null,
      void_reason: null as string | null,
      version: 1,
      created_at: utc(d.events[0]!.at),
      updated_at: utc(d.events[0]!.at),
    };
    const index = batch.items.length / ITEM_COLUMNS.length;
    const closures: [string, string, string | null, string | null][] = [];
    const history = batch.item_history;
    // before and after are JSON text, written out for the few fixed shapes: JSON.stringify of an
    // object per event was a large share of the generator's time.
    const record = (e: SimEvent, actor: Department | null, before: string | null, after: string | null) =>
      history.push(
        index,
        utc(e.at),
        text(e.at),
        actor ? actor.editorId : adminId,
        actor ? `${actor.zh}联络员` : '县委督查室',
        e.kind,
        before,
        after,
        e.note ?? null,
      );
    const setStatus = (action: Parameters<typeof nextStatus>[1], e: SimEvent, actor: Department | null) => {
      const before = status;
      status = nextStatus(before, action, voided);
      row.status = status;
      record(e, actor, `{"status":"${before}"}`, `{"status":"${status}"}`);
    };

    const x = itemRng(d.ledgerCode);
    const events = [...d.events, ...progressEvents(d.events, end, x)].sort((a, b) => a.at - b.at);
    for (const e of events) {
      const at = text(e.at);
      row.version++;
      row.updated_at = utc(e.at);
      switch (e.kind) {
        case 'registered':
          row.version = 1;
          record(e, null, null, `{"title":${json(d.title)},"source":"${d.source}"}`);
          break;
        case 'assigned': {
          const before = status;
          status = nextStatus(before, 'assign');
          row.status = status;
          row.department_id = d.dept.id;
          row.responsible_person = d.person;
          row.assigned_at = at;
          row.original_deadline = row.deadline = d.deadline;
          row.original_deadline_end = row.deadline_end = d.deadline ? endOf(d.deadline) : null;
          // As the workflow records an assignment (server/ledger/commands.ts): what it replaces and what it sets.
          record(
            e,
            null,
            `{"status":"${before}","department_id":null,"responsible_person":null,"deadline":null}`,
            `{"status":"${status}","department_id":${d.dept.id},"responsible_person":${json(d.person)},"deadline":${json(d.deadline)}}`,
          );
          break;
        }
        case 'started':
          setStatus('start', e, d.dept);
          break;
        case 'rectified':
          setStatus('rectify', e, d.dept);
          row.rectified_at = at;
          row.evidence = e.note ?? null;
          break;
        case 'rejected':
          setStatus('reject', e, null);
          break;
        case 'closed':
          setStatus('close', e, null);
          row.closed_at = at;
          row.verified_by = adminId;
          row.first_closed_at ??= at;
          row.state_changed_at = at;
          closures.push([at, e.note ?? '', null, null]);
          break;
        case 'reopened':
          setStatus('reopen', e, null);
          row.closed_at = null;
          row.verified_by = null;
          row.reopen_count++;
          row.first_reopened_at ??= at;
          row.state_changed_at = at;
          closures[closures.length - 1]![2] = at;
          closures[closures.length - 1]![3] = e.note ?? null;
          break;
        case 'extended': {
          checkSideAction('extend', { status, voided });
          const newEnd = endOf(e.deadline!);
          batch.deadline_extensions.push(index, at, adminId, row.deadline, e.deadline, newEnd, e.note);
          record(e, null, `{"deadline":${json(row.deadline)}}`, `{"deadline":${json(e.deadline)}}`);
          row.deadline = e.deadline!;
          row.deadline_end = newEnd;
          row.extension_count++;
          row.first_extended_at ??= at;
          row.state_changed_at = at;
          break;
        }
        case 'progress':
          checkSideAction('progress', { status, voided });
          batch.progress_notes.push(index, at, d.dept.editorId, `${d.dept.zh}联络员`, e.note);
          record({ ...e, kind: 'progress_reported' as EventKind }, d.dept, null, null);
          break;
        case 'urged':
          checkSideAction('urge', { status, voided });
          batch.urgings.push(index, at, adminId, URGE_NOTE);
          row.urge_count++;
          record(e, null, null, `{"urge_count":${row.urge_count}}`);
          break;
        case 'responded':
          checkSideAction('respond', { status, voided });
          row.first_response_at = at;
          record(e, d.dept, null, `{"first_response_at":"${at}"}`);
          break;
        case 'voided':
          checkSideAction('void', { status, voided });
          voided = true;
          row.voided_at = at;
          row.void_reason = e.note!;
          record(e, null, null, `{"voided":true,"reason":${json(e.note)}}`);
          break;
      }
    }
    if (allowedActions(status, voided).length === 0 && !voided && status !== 'closed') {
      throw new Error(`Demo item ${d.ledgerCode} ended in a dead state`);
    }

    // A few departments ask for more time on an open item near or past its deadline, lately: the
    // office has not decided yet (延期申请 waiting on the ledger).
    const last = events[events.length - 1]!.at;
    const asked = officeHours(x, end - x.between(0.5, 6) * DAY);
    const deadlineSec = row.deadline && !row.deadline.includes('T') ? toSec(row.deadline) : null;
    if (
      !voided &&
      (status === 'assigned' || status === 'in_progress') &&
      deadlineSec !== null &&
      deadlineSec - end < 10 * DAY &&
      asked > last &&
      asked <= end &&
      x.chance(0.2)
    ) {
      const reason = x.pick(EXTENSION_REASONS);
      // A month or so from the later of the deadline and the day of asking (days sort as text).
      const from = [row.deadline!, dayText(asked)].sort()[1]!;
      const wanted = plusDays(from, x.int(15, 45));
      batch.extension_requests.push(
        index,
        text(asked),
        d.dept.editorId,
        `${d.dept.zh}联络员`,
        row.deadline,
        wanted,
        reason,
      );
      row.version++;
      row.updated_at = utc(asked);
      record(
        { at: asked, kind: 'extension_requested' as EventKind, note: reason },
        d.dept,
        null,
        `{"requested_deadline":"${wanted}"}`,
      );
    }

    for (const c of ITEM_COLUMNS) batch.items.push(row[c]);
    for (const [closedAt, evidence, reopenedAt, reason] of closures)
      batch.item_closures.push(index, closedAt, adminId, evidence, reopenedAt, reason);
    for (const p of d.participants) if (p !== d.dept.id) batch.item_departments.push(index, p);
    if (d.type === 'phased' && d.deadline && row.assigned_at) {
      const from = row.assigned_at.slice(0, 10);
      const span = Math.max(2, Math.round((toSec(d.deadline) - toSec(from)) / DAY));
      ['制定整改方案', '完成阶段整改'].forEach((title, i) => {
        const due = plusDays(from, Math.round((span * (i + 1)) / 3));
        const doneSec = toSec(due) - r.between(0, 3) * DAY;
        const done =
          (row.rectified_at !== null || r.chance(0.6)) && doneSec <= end
            ? text(officeHours(r, doneSec))
            : null;
        batch.milestones.push(index, title, due, done);
      });
    }
  }

  return (count) => {
    batch = emptyBatch();
    for (let n = 0; n < count; n++) simulateItem();
    return batch;
  };
}
