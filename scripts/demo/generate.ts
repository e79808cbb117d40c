/**
 * Deterministic demo data: a county (or, scaled up, a province of counties) whose items are generated
 * by simulating each item's life under the lifecycle rules (scripts/demo/simulate.ts). Same seed and
 * anchor, same database.
 */
import type { Db } from '../../db/open.ts';
import { updateOrganisation } from '../../db/queries/organisation.ts';
import { ensureDefaultProfile } from '../../db/queries/profiles.ts';
import { addDays, type Day, weekStart } from '../../server/domain/time.ts';
import { CAMPAIGNS, DEPARTMENTS, PEER_GROUPS } from './catalog.ts';
import {
  CHILD_TABLES,
  CHUNK,
  type ChildTable,
  type Department,
  ITEM_COLUMNS,
  type ItemBatch,
  type ItemPlan,
  itemSimulator,
  type Rng,
  rng,
} from './simulate.ts';
import { DAY, dayText, toSec, utcText } from './wall-time.ts';

export interface DemoOptions {
  seed: number;
  /** The last day of the data: nothing happens after its end. */
  anchor: Day;
  /**
   * A local moment on the anchor day after which nothing happens either: the server's clock when it
   * fills an empty database, so that no item was closed later today.
   */
  until?: string;
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
/** Items written per transaction. */
const TRANSACTION = 5_000;
export function generateDemo(db: Db, options: DemoOptions): { items: number } {
  const plan = writeReferenceData(db, options);
  const simulate = itemSimulator(plan);
  const write = batchWriter(db);
  let written = 0;
  const writeRun = db.transaction((from: number, to: number) => {
    for (let done = from; done < to; done += CHUNK) written += write(simulate(Math.min(CHUNK, to - done)));
  });
  for (let done = 0; done < options.items; done += TRANSACTION) {
    const to = Math.min(done + TRANSACTION, options.items);
    writeRun(done, to);
    options.onProgress?.(to, options.items);
  }
  return { items: written };
}

/** Writes the departments, campaigns, accounts and appraisals; returns what the items are made from. */
export function writeReferenceData(db: Db, options: DemoOptions): ItemPlan {
  const r = rng(options.seed);
  const dayEnd = toSec(addDays(options.anchor, 1)) - 1;
  const end = options.until === undefined ? dayEnd : Math.min(dayEnd, Date.parse(`${options.until}Z`) / 1000);
  const start = toSec(weekStart(addDays(options.anchor, -728)));
  const midpoint = start + 52 * 7 * DAY;
  // Accounts and the profile are dated at the start of the data, so the same options give the same file.
  const nowUtc = utcText(options.tz)(start);

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
  };

  const departments: Department[] = [];
  const campaigns: ItemPlan['campaigns'] = [];
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
    // Scaled up to a province, the overall rank is the province's (全省排名).
    updateOrganisation(
      db,
      counties === 1
        ? { nameZh: '示范县', nameEn: 'Demo County', areaZh: '县', areaEn: 'county' }
        : { nameZh: '示范省', nameEn: 'Demo Province', areaZh: '省', areaEn: 'province' },
    );
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
      campaigns.push({ id, prefix: i === 0 ? 'ZF' : 'XN', domains });
    });
    ensureDefaultProfile(db, nowUtc);
    writeAppraisals(db, r, departments, Number(options.anchor.slice(0, 4)));
  })();

  return {
    rngState: r.state(),
    items: options.items,
    tz: options.tz,
    start,
    midpoint,
    end,
    departments,
    campaigns,
    adminId,
  };
}

/** Child rows per INSERT statement. */
const ROWS_PER_INSERT = 50;

/**
 * Writes a batch (inside the caller's transaction) and returns its number of items. Child rows go
 * in several per statement (fewer calls into SQLite), with each item's index replaced by its id.
 */
export function batchWriter(db: Db): (batch: ItemBatch) => number {
  const width = ITEM_COLUMNS.length;
  const insertItem = db.prepare(
    `INSERT INTO items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})`,
  );
  const children = (Object.keys(CHILD_TABLES) as ChildTable[]).map((table) => {
    const columns = ['item_id', ...CHILD_TABLES[table]];
    const insert = table === 'item_departments' ? 'INSERT OR IGNORE' : 'INSERT';
    const statement = (rows: number) =>
      db.prepare(
        `${insert} INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows)
          .fill(`(${columns.map(() => '?').join(', ')})`)
          .join(', ')}`,
      );
    return { table, width: columns.length, one: statement(1), many: statement(ROWS_PER_INSERT) };
  });
  return (batch: ItemBatch) => {
    const count = batch.items.length / width;
    const ids = new Array<number>(count);
    for (let i = 0; i < count; i++)
      ids[i] = Number(insertItem.run(batch.items.slice(i * width, (i + 1) * width)).lastInsertRowid);
    for (const { table, width, one, many } of children) {
      const rows = batch[table];
      for (let k = 0; k < rows.length; k += width) rows[k] = ids[rows[k] as number];
      const chunk = ROWS_PER_INSERT * width;
      let k = 0;
      for (; k + chunk <= rows.length; k += chunk) many.run(rows.slice(k, k + chunk));
      for (; k < rows.length; k += width) one.run(rows.slice(k, k + width));
    }
    return count;
  };
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
