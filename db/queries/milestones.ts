/** An item's timetable (时间表、路线图): its milestones, added and marked done on the item page. */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface MilestoneRow {
  id: number;
  item_id: number;
  title: string;
  due_on: string;
  done_at: string | null;
}

export function insertMilestone(db: Db, m: { itemId: number; title: string; dueOn: string }): number {
  return Number(
    prepared(db, 'INSERT INTO milestones (item_id, title, due_on) VALUES (?, ?, ?)').run(
      m.itemId,
      m.title,
      m.dueOn,
    ).lastInsertRowid,
  );
}

export function getMilestone(db: Db, id: number): MilestoneRow | null {
  return (prepared(db, 'SELECT * FROM milestones WHERE id = ?').get(id) as MilestoneRow | undefined) ?? null;
}

export function markMilestoneDone(db: Db, id: number, doneAt: string): void {
  prepared(db, 'UPDATE milestones SET done_at = ? WHERE id = ? AND done_at IS NULL').run(doneAt, id);
}
