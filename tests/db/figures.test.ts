import { describe, expect, it } from 'vitest';
import {
  type FigureParams,
  type FlowWeek,
  getFigures,
  getFlow,
  listFigureItems,
  type Part,
} from '../../db/queries/figures.ts';
import { asOfMoment } from '../../server/domain/time.ts';
import { memoryDb } from '../helpers/db.ts';
import { ledger } from '../helpers/ledger.ts';

/**
 * One department's small ledger, every expected value worked out by hand below.
 * Deadlines are days (over at that day's midnight) unless they carry a time.
 */
function handLedger() {
  const db = memoryDb();
  const l = ledger(db).department('A1', 'G1').department('B1', 'G1');
  // i1: closed before its deadline.
  l.item({
    code: 'i1',
    department: 'A1',
    registered: '2026-01-05',
    deadline: '2026-01-31',
    closures: [{ closed: '2026-01-20' }],
  });
  // i2: closed after its deadline.
  l.item({
    code: 'i2',
    department: 'A1',
    registered: '2026-01-06',
    deadline: '2026-02-10',
    closures: [{ closed: '2026-02-15' }],
  });
  // i3: still open, deadline passed at the end of 28 Feb.
  l.item({ code: 'i3', department: 'A1', registered: '2026-01-10', deadline: '2026-02-28' });
  // i4: closed on time, reopened by a look-back, closed again late.
  l.item({
    code: 'i4',
    department: 'A1',
    registered: '2026-02-01',
    deadline: '2026-02-20',
    closures: [{ closed: '2026-02-18', reopened: '2026-03-10' }, { closed: '2026-03-25' }],
  });
  // i5: deadline 1 March extended on 3 March (after it had passed) to 30 April; open.
  l.item({
    code: 'i5',
    department: 'A1',
    registered: '2026-02-05',
    deadline: '2026-03-01',
    extensions: [{ approved: '2026-03-03T10:00:00', deadline: '2026-04-30' }],
  });
  // i6: voided, counts nowhere.
  l.item({
    code: 'i6',
    department: 'A1',
    registered: '2026-03-01',
    deadline: '2026-03-05',
    voided: '2026-03-02',
  });
  // i7: long-term, no deadline.
  l.item({ code: 'i7', department: 'A1', registered: '2026-03-20', deadline: null });
  // i8: due within a week of 31 March.
  l.item({ code: 'i8', department: 'A1', registered: '2026-03-25', deadline: '2026-04-05' });
  // i9: registered after 31 March.
  l.item({ code: 'i9', department: 'A1', registered: '2026-04-02', deadline: '2026-04-10' });
  // i10: a hotline complaint with a deadline in hours, answered after 6 hours, closed an hour early.
  l.item({
    code: 'i10',
    department: 'A1',
    source: 'hotline',
    registered: '2026-03-10T09:00:00',
    firstResponse: '2026-03-10T15:00:00',
    deadline: '2026-03-13T09:00:00',
    closures: [{ closed: '2026-03-13T08:00:00' }],
  });
  return { db, l };
}

const at = (asOf: string, departmentId?: number): FigureParams => ({
  t: asOfMoment(asOf)!,
  scope: departmentId === undefined ? {} : { departmentId },
  warningDays: 7,
});

describe('figures as of the end of 31 March', () => {
  const { db } = handLedger();
  const f = getFigures(db, at('2026-03-31'));

  it('count registered items, leaving out voided and later ones', () => {
    expect(f.registered).toBe(8); // i1 i2 i3 i4 i5 i7 i8 i10
  });

  it('count closed items and the closure rate', () => {
    expect(f.closed).toBe(4); // i1 i2 i4 (re-closed) i10
    expect(f.closureRate).toBe(0.5);
  });

  it('count due items by effective deadline, with the extended one not due', () => {
    expect(f.due).toBe(5); // i1 i2 i3 i4 i10; i5 extended to 30 April; i7 none; i8 5 April
  });

  it('count a reopened item as late when the closure in force came after its deadline', () => {
    expect(f.onTime).toBe(2); // i1, i10 (08:00 before 09:00); i4's closure in force is 25 March
    expect(f.onTimeRate).toBe(0.4);
  });

  it('count overdue items and warning lights', () => {
    expect(f.overdue).toBe(1); // i3
    expect(f.open).toBe(4); // i3 i5 i7 i8
    expect(f.lights).toEqual({ red: 1, yellow: 1, green: 2 }); // yellow i8; green i5 (30 April), i7 (none)
    expect(f.overdueShare).toBe(1 / 8);
  });

  it('take time to close from registered day to closed day: median, p90 by interpolation, mean', () => {
    // i1 15, i2 40, i4 52 (1 Feb → 25 Mar), i10 3 → sorted 3, 15, 40, 52
    expect(f.timeToClose.n).toBe(4);
    expect(f.timeToClose.medianDays).toBe(27.5);
    expect(f.timeToClose.p90Days).toBeCloseTo(48.4, 10); // 40 + 0.7 × 12
    expect(f.timeToClose.meanDays).toBe(27.5);
  });

  it('take first response of complaints in hours', () => {
    expect(f.firstResponse.complaints).toBe(1);
    expect(f.firstResponse.n).toBe(1);
    expect(f.firstResponse.medianHours).toBeCloseTo(6, 6);
  });

  it('count reopen and extension rates', () => {
    expect(f.everClosed).toBe(4);
    expect(f.everReopened).toBe(1);
    expect(f.reopenRate).toBe(0.25);
    expect(f.extended).toBe(1);
    expect(f.extensionRate).toBe(0.125);
  });

  it('list days overdue in the drill-down as whole days since the deadline passed', () => {
    const page = listFigureItems(db, { ...at('2026-03-31'), part: 'overdue', page: 1, pageSize: 10 });
    expect(page.items.map((i) => [i.ledgerCode, i.daysOverdue, i.deadline])).toEqual([
      ['i3', 31, '2026-02-28'],
    ]);
  });
});

describe('figures as of the end of 15 March (i4 reopened, not yet closed again)', () => {
  const { db } = handLedger();
  const f = getFigures(db, at('2026-03-15'));

  it('treat the reopened item as open and overdue again', () => {
    expect(f.registered).toBe(6); // i1 i2 i3 i4 i5 i10
    expect(f.closed).toBe(3); // i1 i2 i10; i4 reopened on 10 March
    expect(f.due).toBe(5); // i1 i2 i3 i4 i10 (13 March 09:00); i5 extended
    expect(f.onTime).toBe(2); // i1 i10
    expect(f.overdue).toBe(2); // i3, i4
    expect(f.everReopened).toBe(1);
    const items = listFigureItems(db, { ...at('2026-03-15'), part: 'overdue', page: 1, pageSize: 10 });
    // T = 16 March 00:00: i4's deadline passed 21 Feb 00:00 (8 days to 1 March + 15 = 23 days), i3's on 1 March (15 days).
    expect(items.items.map((i) => [i.ledgerCode, i.daysOverdue])).toEqual([
      ['i4', 23],
      ['i3', 15],
    ]);
  });
});

describe('figures as of the end of 2 March (before the extension was approved)', () => {
  const { db } = handLedger();
  const f = getFigures(db, at('2026-03-02'));

  it('apply the original deadline until the extension is approved', () => {
    expect(f.registered).toBe(5); // i1 i2 i3 i4 i5 (i6 voided)
    expect(f.closed).toBe(3); // i1 i2 i4 (first closure in force)
    expect(f.due).toBe(5);
    expect(f.onTime).toBe(2); // i1, i4 closed 18 Feb before 20 Feb
    expect(f.overdue).toBe(2); // i3, i5
    expect(f.reopenRate).toBe(0);
    const items = listFigureItems(db, { ...at('2026-03-02'), part: 'overdue', page: 1, pageSize: 10 });
    expect(items.items.map((i) => [i.ledgerCode, i.daysOverdue, i.deadline])).toEqual([
      ['i3', 2, '2026-02-28'],
      ['i5', 1, '2026-03-01'],
    ]);
  });

  it('apply the extension from its approval on', () => {
    const after = getFigures(db, at('2026-03-03'));
    expect(after.due).toBe(4);
    expect(after.overdue).toBe(1);
  });
});

describe('figures at a moment', () => {
  const { db } = handLedger();

  it('count a timed deadline from its time, not its day', () => {
    const before = getFigures(db, { t: '2026-03-13T09:00:00', scope: {}, warningDays: 7 });
    const after = getFigures(db, { t: '2026-03-13T09:00:01', scope: {}, warningDays: 7 });
    const i10 = (p: FigureParams, part: Part) =>
      listFigureItems(db, { ...p, part, page: 1, pageSize: 50 }).items.some((i) => i.ledgerCode === 'i10');
    expect(i10({ t: '2026-03-13T09:00:00', scope: {}, warningDays: 7 }, 'due')).toBe(false);
    expect(i10({ t: '2026-03-13T09:00:01', scope: {}, warningDays: 7 }, 'due')).toBe(true);
    expect(after.due - before.due).toBe(1);
  });

  it('count a closure made exactly at a timed deadline as on time, and one a second later as late', () => {
    const db2 = memoryDb();
    const l2 = ledger(db2).department('A1', 'G1');
    l2.item({
      code: 'exact',
      department: 'A1',
      registered: '2026-03-10T09:00:00',
      deadline: '2026-03-13T09:00:00',
      closures: [{ closed: '2026-03-13T09:00:00' }],
    });
    l2.item({
      code: 'late',
      department: 'A1',
      registered: '2026-03-10T09:00:00',
      deadline: '2026-03-13T09:00:00',
      closures: [{ closed: '2026-03-13T09:00:01' }],
    });
    l2.item({
      code: 'midnight',
      department: 'A1',
      registered: '2026-03-10T09:00:00',
      deadline: '2026-03-13',
      closures: [{ closed: '2026-03-13T23:59:59' }],
    });
    l2.item({
      code: 'next-day',
      department: 'A1',
      registered: '2026-03-10T09:00:00',
      deadline: '2026-03-13',
      closures: [{ closed: '2026-03-14T00:00:00' }],
    });
    const onTime = listFigureItems(db2, { ...at('2026-03-31'), part: 'onTime', page: 1, pageSize: 10 });
    expect(onTime.items.map((i) => i.ledgerCode).sort()).toEqual(['exact', 'midnight']);
  });

  it('count a day deadline as due exactly from the following midnight', () => {
    const i8Due = (t: string) =>
      listFigureItems(db, { t, scope: {}, warningDays: 7, part: 'due', page: 1, pageSize: 50 }).items.some(
        (i) => i.ledgerCode === 'i8',
      );
    expect(i8Due('2026-04-05T23:59:59')).toBe(false);
    expect(i8Due('2026-04-06T00:00:00')).toBe(true);
  });
});

describe('zero denominators', () => {
  const { db, l } = handLedger();

  it('give null rates (shown as —) for a department without items', () => {
    const f = getFigures(db, at('2026-03-31', l.ids.department.get('B1')));
    expect(f.registered).toBe(0);
    expect(f.closureRate).toBeNull();
    expect(f.onTimeRate).toBeNull();
    expect(f.reopenRate).toBeNull();
    expect(f.overdueShare).toBeNull();
    expect(f.extensionRate).toBeNull();
    expect(f.timeToClose.medianDays).toBeNull();
    expect(f.firstResponse.medianHours).toBeNull();
  });

  it('give a null on-time rate when nothing is due yet', () => {
    const f = getFigures(db, at('2026-01-10'));
    expect(f.registered).toBe(3);
    expect(f.due).toBe(0);
    expect(f.onTimeRate).toBeNull();
  });
});

describe('drill-down', () => {
  const { db } = handLedger();
  const parts: Part[] = [
    'registered',
    'closed',
    'open',
    'due',
    'onTime',
    'overdue',
    'red',
    'yellow',
    'green',
    'everClosed',
    'everReopened',
    'extended',
    'complaints',
    'responded',
  ];

  it('lists exactly as many items as each count, at several moments', () => {
    for (const asOf of ['2026-01-31', '2026-03-02', '2026-03-15', '2026-03-31']) {
      const f = getFigures(db, at(asOf));
      const counts: Record<Part, number> = {
        registered: f.registered,
        closed: f.closed,
        open: f.open,
        due: f.due,
        onTime: f.onTime,
        overdue: f.overdue,
        red: f.lights.red,
        yellow: f.lights.yellow,
        green: f.lights.green,
        everClosed: f.everClosed,
        everReopened: f.everReopened,
        extended: f.extended,
        complaints: f.firstResponse.complaints,
        responded: f.firstResponse.n,
      };
      for (const part of parts) {
        const page = listFigureItems(db, { ...at(asOf), part, page: 1, pageSize: 100 });
        expect(page.total, `${part} at ${asOf}`).toBe(counts[part]);
        expect(page.items).toHaveLength(counts[part]);
      }
    }
  });

  it('pages without losing or repeating items', () => {
    const all = listFigureItems(db, {
      ...at('2026-03-31'),
      part: 'registered',
      page: 1,
      pageSize: 100,
    }).items;
    const pages = [1, 2, 3].flatMap(
      (page) => listFigureItems(db, { ...at('2026-03-31'), part: 'registered', page, pageSize: 3 }).items,
    );
    expect(pages.map((i) => i.ledgerCode)).toEqual(all.map((i) => i.ledgerCode));
  });
});

describe('weekly flow', () => {
  const { db } = handLedger();
  const asRows = (weeks: FlowWeek[]) =>
    weeks.map((w) => [w.weekStart, w.registered, w.closed, w.reopened, w.netOpen, w.openAtEnd]);

  it('counts registrations, closures and reopenings per week, and the open items after each', () => {
    // Weeks of 2 March and 9 March 2026 (Mondays).
    const [w1, w2] = getFlow(db, {}, ['2026-03-02', '2026-03-09'], '2026-03-16T00:00:00');
    // Before 2 March: registered i1 i2 i3 i4 i5 = 5 (i6 voided); closed i1 i2 i4 = 3 → 2 open.
    // Week of 2 March: nothing registered (i6 voided), nothing closed → 2 open.
    expect(w1).toEqual({
      weekStart: '2026-03-02',
      registered: 0,
      closed: 0,
      reopened: 0,
      netOpen: 0,
      openAtEnd: 2,
    });
    // Week of 9 March: i10 registered, i4 reopened on 10 March, i10 closed 13 March → 2 + 1 + 1 − 1 = 3.
    expect(w2).toEqual({
      weekStart: '2026-03-09',
      registered: 1,
      closed: 1,
      reopened: 1,
      netOpen: 1,
      openAtEnd: 3,
    });
  });

  it('ends each week with the open count the figures give at its end', () => {
    const weeks = getFlow(db, {}, ['2026-03-16', '2026-03-23', '2026-03-30'], '2026-04-06T00:00:00');
    // Open before 16 March: 3 (i3 i4 i5, as at the end of the week of 9 March).
    // Week of 16 March: i7 registered 20 March → 3 + 1 = 4.
    // Week of 23 March: i8 registered and i4 closed again, both 25 March → 4 + 1 − 1 = 4.
    // Week of 30 March: i9 registered 2 April → 4 + 1 = 5 (i3 i5 i7 i8 i9).
    expect(asRows(weeks)).toEqual([
      ['2026-03-16', 1, 0, 0, 1, 4],
      ['2026-03-23', 1, 1, 0, 0, 4],
      ['2026-03-30', 1, 0, 0, 1, 5],
    ]);
    const f = getFigures(db, { t: '2026-04-06T00:00:00', scope: {}, warningDays: 7 });
    expect(weeks[2]!.openAtEnd).toBe(f.open);
  });

  it('counts the week of T only up to T, and a week after T not at all', () => {
    const t = '2026-04-01T00:00:00';
    const weeks = getFlow(db, {}, ['2026-03-23', '2026-03-30', '2026-04-06'], t);
    // Week of 30 March up to 1 April: i9, registered 2 April, is after T, so 4 stay open, as at T.
    expect(asRows(weeks)).toEqual([
      ['2026-03-23', 1, 1, 0, 0, 4],
      ['2026-03-30', 0, 0, 0, 0, 4],
      ['2026-04-06', 0, 0, 0, 0, 4],
    ]);
    expect(weeks[1]!.openAtEnd).toBe(getFigures(db, { t, scope: {}, warningDays: 7 }).open);
    // Within T's day: i8 registered and i4 closed again at 09:00 on 25 March count from the next instant.
    expect(getFlow(db, {}, ['2026-03-23'], '2026-03-25T09:00:00')[0]).toMatchObject({
      registered: 0,
      closed: 0,
      openAtEnd: 4,
    });
    expect(getFlow(db, {}, ['2026-03-23'], '2026-03-25T09:00:01')[0]).toMatchObject({
      registered: 1,
      closed: 1,
      openAtEnd: 4,
    });
  });
});
