/**
 * Deterministic demo data: a county (or, scaled up, a province of counties) whose items are generated
 * by simulating each item's life — registration, assignment, rectification, verification, reopening,
 * extension, urging, voiding — and applying every step through the lifecycle rules the app enforces.
 * Same seed and anchor, same database.
 */
import type { Db } from '../../db/open.ts';
import { ensureDefaultProfile } from '../../db/queries/profiles.ts';
import {
  allowedActions,
  COMPLAINT_SOURCES,
  checkSideAction,
  nextStatus,
  type RectificationType,
  type Source,
  type Status,
} from '../../server/domain/lifecycle.ts';
import { addDays, type Day, deadlineEnd, localToInstant, weekStart } from '../../server/domain/time.ts';
import {
  CAMPAIGNS,
  DEPARTMENTS,
  type DepartmentSeed,
  EVIDENCE,
  EXTENSION_REASONS,
  GIVEN,
  MEASURES,
  PEER_GROUPS,
  REOPEN_REASONS,
  SURNAMES,
  VOID_REASONS,
} from './catalog.ts';

export interface DemoOptions {
  seed: number;
  /** The last day of the data: nothing happens after its end. */
  anchor: Day;
  departments: number;
  items: number;
  tz: string;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_DEMO: Omit<DemoOptions, 'anchor' | 'tz'> = {
  seed: 20230531,
  departments: 40,
  items: 6000,
};

const COUNTIES = [
  '青山',
  '清河',
  '云台',
  '石门',
  '平安',
  '东川',
  '柳江',
  '白沙',
  '龙泉',
  '永宁',
  '桃源',
  '长乐',
];
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
const DAY = 86_400;
const BATCH = 5_000;

/** mulberry32: a small, fast, seedable PRNG. */
function rng(seed: number) {
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
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * next()),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    exp: (mean: number) => -Math.log(1 - next()) * mean,
  };
}
type Rng = ReturnType<typeof rng>;

// Local wall time as seconds since 1970 read as if UTC: arithmetic stays in the organisation's clock.
const toSec = (day: Day) => Date.parse(`${day}T00:00:00Z`) / 1000;
const text = (sec: number) => new Date(Math.round(sec) * 1000).toISOString().slice(0, 19);
const dayText = (sec: number) => text(sec).slice(0, 10);
/** A time of day during office hours (08:30–17:30) on the day of sec. */
const officeHours = (r: Rng, sec: number) =>
  Math.floor(sec / DAY) * DAY + Math.floor(r.between(8.5, 17.5) * 3600);

interface Department extends DepartmentSeed {
  id: number;
  groupId: number;
  editorId: number;
}

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
  | 'voided';

interface SimEvent {
  at: number;
  kind: EventKind;
  deadline?: string;
  note?: string;
}

interface ItemState {
  status: Status;
  voided: boolean;
}

export function generateDemo(db: Db, options: DemoOptions): { items: number } {
  const r = rng(options.seed);
  const end = toSec(addDays(options.anchor, 1)) - 1;
  const start = toSec(weekStart(addDays(options.anchor, -728)));
  const midpoint = start + 52 * 7 * DAY;
  // The zone's offset is looked up once per hour of local time: Intl is slow, and the generator dates
  // millions of events.
  const offsets = new Map<number, number>();
  const utc = (sec: number) => {
    const hour = Math.floor(sec / 3600);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = hour * 3600 - localToInstant(text(hour * 3600), options.tz).getTime() / 1000;
      offsets.set(hour, offset);
    }
    return new Date((Math.round(sec) - offset) * 1000).toISOString();
  };
  // Accounts and the profile are dated at the start of the data, so the same options give the same file.
  const nowUtc = utc(start);

  const insert = {
    meta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    group: db.prepare('INSERT INTO peer_groups (code, name_zh, name_en, sort_order) VALUES (?, ?, ?, ?)'),
    department: db.prepare(
      'INSERT INTO departments (code, name_zh, name_en, kind, peer_group_id) VALUES (?, ?, ?, ?, ?)',
    ),
    alias: db.prepare('INSERT OR IGNORE INTO department_aliases (alias, department_id) VALUES (?, ?)'),
    campaign: db.prepare(
      'INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on, ends_on, phases) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    domain: db.prepare('INSERT INTO domains (campaign_id, code, name_zh, name_en) VALUES (?, ?, ?, ?)'),
    user: db.prepare(
      'INSERT INTO users (username, display_name, role, department_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    item: db.prepare(`INSERT INTO items (
        ledger_code, title, description, campaign_id, domain_id, source, department_id, responsible_person,
        registered_at, assigned_at, rectification_type, handling_mode, measures, original_deadline,
        original_deadline_end, deadline, deadline_end, status, first_response_at, rectified_at, evidence,
        closed_at, verified_by, first_closed_at, first_reopened_at, first_extended_at, reopen_count,
        extension_count, urge_count, state_changed_at, voided_at, void_reason, version, created_at, updated_at
      ) VALUES (
        @ledger_code, @title, @description, @campaign_id, @domain_id, @source, @department_id, @responsible_person,
        @registered_at, @assigned_at, @rectification_type, @handling_mode, @measures, @original_deadline,
        @original_deadline_end, @deadline, @deadline_end, @status, @first_response_at, @rectified_at, @evidence,
        @closed_at, @verified_by, @first_closed_at, @first_reopened_at, @first_extended_at, @reopen_count,
        @extension_count, @urge_count, @state_changed_at, @voided_at, @void_reason, @version, @created_at, @updated_at
      )`),
    closure: db.prepare(
      'INSERT INTO item_closures (item_id, closed_at, verified_by, evidence, reopened_at, reopen_reason) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    extension: db.prepare(
      'INSERT INTO deadline_extensions (item_id, approved_at, approved_by, old_deadline, new_deadline, new_deadline_end, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    urging: db.prepare('INSERT INTO urgings (item_id, urged_at, urged_by, note) VALUES (?, ?, ?, ?)'),
    milestone: db.prepare('INSERT INTO milestones (item_id, title, due_on, done_at) VALUES (?, ?, ?, ?)'),
    participant: db.prepare('INSERT OR IGNORE INTO item_departments (item_id, department_id) VALUES (?, ?)'),
    history: db.prepare(
      'INSERT INTO item_history (item_id, at, effective_at, actor_id, actor_name, kind, before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };

  // --- Reference data -------------------------------------------------------------------------------
  const departments: Department[] = [];
  const campaigns: {
    id: number;
    code: string;
    prefix: string;
    domains: { id: number; education: boolean; titles: string[] }[];
  }[] = [];
  let adminId = 0;
  db.transaction(() => {
    insert.meta.run(
      'demo',
      JSON.stringify({ seed: options.seed, anchor: options.anchor, items: options.items }),
    );
    const groupIds = new Map<string, number>();
    PEER_GROUPS.forEach((g, i) => {
      groupIds.set(g.code, Number(insert.group.run(g.code, g.zh, g.en, i + 1).lastInsertRowid));
    });
    const counties = Math.max(1, Math.ceil(options.departments / DEPARTMENTS.length));
    for (let i = 0; i < options.departments; i++) {
      const seed = DEPARTMENTS[i % DEPARTMENTS.length]!;
      const county = Math.floor(i / DEPARTMENTS.length);
      const zh =
        counties === 1
          ? seed.zh
          : `${COUNTIES[county % COUNTIES.length]}${county >= COUNTIES.length ? county : ''}${seed.zh}`;
      const en = counties === 1 ? seed.en : `${seed.en}, County ${county + 1}`;
      const code = counties === 1 ? seed.code : `K${String(county + 1).padStart(2, '0')}-${seed.code}`;
      const groupId = groupIds.get(seed.group)!;
      const id = Number(insert.department.run(code, zh, en, 'county_department', groupId).lastInsertRowid);
      if (counties === 1) for (const alias of seed.aliases ?? []) insert.alias.run(alias, id);
      departments.push({ ...seed, code, zh, en, id, groupId, editorId: 0 });
    }
    adminId = Number(insert.user.run('admin', '县委督查室', 'admin', null, nowUtc).lastInsertRowid);
    insert.user.run('leader', '县领导', 'leader', null, nowUtc);
    for (const d of departments) {
      d.editorId = Number(
        insert.user.run(`editor-${d.code.toLowerCase()}`, `${d.zh}联络员`, 'editor', d.id, nowUtc)
          .lastInsertRowid,
      );
    }
    CAMPAIGNS.forEach((c, i) => {
      const startsOn = dayText(i === 0 ? start : midpoint);
      const endsOn = i === 0 ? dayText(midpoint + 12 * 7 * DAY) : addDays(options.anchor, 38);
      const phases = JSON.stringify([
        { name_zh: '动员部署', name_en: 'Mobilization', starts_on: startsOn, ends_on: addDays(startsOn, 27) },
        {
          name_zh: '查摆整改',
          name_en: 'Finding and fixing',
          starts_on: addDays(startsOn, 28),
          ends_on: addDays(startsOn, 300),
        },
        {
          name_zh: '总结提升',
          name_en: 'Review and consolidation',
          starts_on: addDays(startsOn, 301),
          ends_on: endsOn,
        },
      ]);
      const id = Number(
        insert.campaign.run(c.code, c.zh, c.en, c.kind, startsOn, endsOn, phases).lastInsertRowid,
      );
      const domains = c.domains.map((d) => ({
        id: Number(insert.domain.run(id, d.code, d.zh, d.en).lastInsertRowid),
        education: d.education ?? false,
        titles: d.titles,
      }));
      campaigns.push({ id, code: c.code, prefix: i === 0 ? 'ZF' : 'XN', domains });
    });
    ensureDefaultProfile(db, nowUtc);
    writeAppraisals(db, r, departments, Number(options.anchor.slice(0, 4)));
  })();

  // --- Items ----------------------------------------------------------------------------------------
  const cumulative: number[] = [];
  let total = 0;
  for (const d of departments) {
    total += d.weight;
    cumulative.push(total);
  }
  // The smallest departments keep fewer items than a ranking needs, so they show as "not ranked".
  const SMALL_DEPARTMENT_ITEMS = 4;
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

  let written = 0;
  const writeBatch = db.transaction((count: number) => {
    for (let n = 0; n < count; n++) writeItem();
  });

  function writeItem() {
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
      // Registered in error or twice: voided within days.
      if (r.chance(0.5)) events.push({ at: Math.max(assigned, regSec + 60), kind: 'assigned' });
      events.push({ at: regSec + r.between(1, 10) * DAY, kind: 'voided', note: r.pick(VOID_REASONS) });
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
        deadline = addDays(dayText(assignedAt), days);
        endSec = toSec(deadline) + DAY;
      }
      // Extension approved part-way, before the deadline passes.
      if (deadline && r.chance(0.06 + 0.1 * (1 - q))) {
        const approved = officeHours(r, assignedAt + r.between(0.5, 0.9) * (endSec - assignedAt));
        if (approved < endSec && approved > assignedAt) {
          const newDay = addDays(dayText(endSec - 1), r.int(15, 60));
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
          events.push({ at: urgedAt, kind: 'urged', note: '请加快整改进度，按期销号' });
        }
      }
    }

    sequence[half]! += 1;
    const ledgerCode = `${campaign.prefix}-${dayText(regSec).slice(0, 4)}-${String(sequence[half]).padStart(6, '0')}`;
    applyAndWrite({
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
    written++;
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

  function applyAndWrite(d: Draft) {
    const state: ItemState = { status: 'registered', voided: false };
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
    const closures: {
      closedAt: string;
      evidence: string;
      reopenedAt: string | null;
      reason: string | null;
    }[] = [];
    const extensions: { at: string; old: string | null; new: string; reason: string }[] = [];
    const urgings: string[] = [];
    const history: [number, string, number, string, string | null, string | null, string | null][] = [];
    const record = (e: SimEvent, actor: Department | null, before: object | null, after: object | null) =>
      history.push([
        e.at,
        e.kind,
        actor ? actor.editorId : adminId,
        actor ? `${actor.zh}联络员` : '县委督查室',
        before ? JSON.stringify(before) : null,
        after ? JSON.stringify(after) : null,
        e.note ?? null,
      ]);
    const setStatus = (action: Parameters<typeof nextStatus>[1], e: SimEvent, actor: Department | null) => {
      const before = state.status;
      state.status = nextStatus(before, action, state.voided);
      row.status = state.status;
      record(e, actor, { status: before }, { status: state.status });
    };

    for (const e of d.events) {
      const at = text(e.at);
      row.version++;
      row.updated_at = utc(e.at);
      switch (e.kind) {
        case 'registered':
          row.version = 1;
          record(e, null, null, { title: d.title, source: d.source });
          break;
        case 'assigned': {
          const before = state.status;
          state.status = nextStatus(before, 'assign');
          row.status = state.status;
          row.department_id = d.dept.id;
          row.responsible_person = d.person;
          row.assigned_at = at;
          row.original_deadline = row.deadline = d.deadline;
          row.original_deadline_end = row.deadline_end = d.deadline ? deadlineEnd(d.deadline) : null;
          record(
            e,
            null,
            { status: before },
            { status: state.status, department: d.dept.code, person: d.person, deadline: d.deadline },
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
          closures.push({ closedAt: at, evidence: e.note ?? '', reopenedAt: null, reason: null });
          break;
        case 'reopened':
          setStatus('reopen', e, null);
          row.closed_at = null;
          row.verified_by = null;
          row.reopen_count++;
          row.first_reopened_at ??= at;
          row.state_changed_at = at;
          closures[closures.length - 1]!.reopenedAt = at;
          closures[closures.length - 1]!.reason = e.note ?? null;
          break;
        case 'extended':
          checkSideAction('extend', state);
          extensions.push({ at, old: row.deadline, new: e.deadline!, reason: e.note! });
          record(e, null, { deadline: row.deadline }, { deadline: e.deadline });
          row.deadline = e.deadline!;
          row.deadline_end = deadlineEnd(e.deadline!);
          row.extension_count++;
          row.first_extended_at ??= at;
          row.state_changed_at = at;
          break;
        case 'urged':
          checkSideAction('urge', state);
          urgings.push(at);
          row.urge_count++;
          record(e, null, null, { urge_count: row.urge_count });
          break;
        case 'responded':
          checkSideAction('respond', state);
          row.first_response_at = at;
          record(e, d.dept, null, { first_response_at: at });
          break;
        case 'voided':
          checkSideAction('void', state);
          state.voided = true;
          row.voided_at = at;
          row.void_reason = e.note!;
          record(e, null, null, { voided: true, reason: e.note });
          break;
      }
    }
    if (
      allowedActions(state.status, state.voided).length === 0 &&
      !state.voided &&
      state.status !== 'closed'
    ) {
      throw new Error(`Demo item ${d.ledgerCode} ended in a dead state`);
    }

    const itemId = Number(insert.item.run(row).lastInsertRowid);
    for (const c of closures)
      insert.closure.run(itemId, c.closedAt, adminId, c.evidence, c.reopenedAt, c.reason);
    for (const x of extensions)
      insert.extension.run(itemId, x.at, adminId, x.old, x.new, deadlineEnd(x.new), x.reason);
    for (const u of urgings) insert.urging.run(itemId, u, adminId, '请加快整改进度，按期销号');
    for (const p of d.participants) if (p !== d.dept.id) insert.participant.run(itemId, p);
    if (d.type === 'phased' && d.deadline && row.assigned_at) {
      const from = row.assigned_at.slice(0, 10);
      const span = Math.max(2, Math.round((toSec(d.deadline) - toSec(from)) / DAY));
      ['制定整改方案', '完成阶段整改'].forEach((title, i) => {
        const due = addDays(from, Math.round((span * (i + 1)) / 3));
        const doneSec = toSec(due) - r.between(0, 3) * DAY;
        const done =
          (row.rectified_at !== null || r.chance(0.6)) && doneSec <= end
            ? text(officeHours(r, doneSec))
            : null;
        insert.milestone.run(itemId, title, due, done);
      });
    }
    for (const h of history)
      insert.history.run(itemId, utc(h[0]), text(h[0]), h[2], h[3], h[1], h[4], h[5], h[6]);
  }

  for (let done = 0; done < options.items; done += BATCH) {
    writeBatch(Math.min(BATCH, options.items - done));
    options.onProgress?.(Math.min(done + BATCH, options.items), options.items);
  }
  return { items: written };
}

/** External appraisal scores and ranks per department for the two years before the anchor's year. */
function writeAppraisals(db: Db, r: Rng, departments: Department[], anchorYear: number) {
  const insert = db.prepare(
    'INSERT INTO appraisals (department_id, kind, period, score, rank, out_of) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const perCounty = DEPARTMENTS.length;
  for (let c = 0; c * perCounty < departments.length; c++) {
    const county = departments.slice(c * perCounty, (c + 1) * perCounty);
    for (const [yearIndex, period] of [anchorYear - 2, anchorYear - 1].entries()) {
      for (const kind of ['public_appraisal', 'work_assessment'] as const) {
        const scored = county
          .filter((d) => !d.education)
          .map((d) => ({ d, score: Math.round((80 + 15 * d.onTime + r.between(-4, 4)) * 10) / 10 }))
          .sort((a, b) => b.score - a.score);
        const climber = county.find((d) => d.education);
        // The speech: the education bureau was 22nd of 40 in the public appraisal and 8th in the
        // work assessment; it climbs the next year.
        if (climber) {
          const place = kind === 'public_appraisal' ? (yearIndex === 0 ? 22 : 11) : yearIndex === 0 ? 8 : 5;
          const above = scored[place - 2]?.score ?? 100;
          const below = scored[place - 1]?.score ?? above - 1;
          scored.splice(place - 1, 0, { d: climber, score: Math.round(((above + below) / 2) * 100) / 100 });
        }
        for (const [i, { d, score }] of scored.entries())
          insert.run(d.id, kind, String(period), score, i + 1, county.length);
      }
    }
  }
}
