/** 整改进展: an item's dated progress notes (migration 017), reported on its page. */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface ProgressNote {
  id: number;
  notedAt: string;
  author: string;
  note: string;
}

/** The item's progress notes, oldest first. */
export function itemProgressNotes(db: Db, itemId: number): ProgressNote[] {
  return prepared(
    db,
    `SELECT id, noted_at AS notedAt, author_name AS author, note FROM progress_notes
     WHERE item_id = ? ORDER BY noted_at, id`,
  ).all(itemId) as ProgressNote[];
}

export function insertProgressNote(
  db: Db,
  n: { itemId: number; notedAt: string; authorId: number | null; authorName: string; note: string },
): void {
  prepared(
    db,
    'INSERT INTO progress_notes (item_id, noted_at, author_id, author_name, note) VALUES (?, ?, ?, ?, ?)',
  ).run(n.itemId, n.notedAt, n.authorId, n.authorName, n.note);
}

/** SQL joining an item (alias i) to its latest progress note, as `lp` (none: nulls), for the export. */
export const LATEST_PROGRESS_JOIN = `LEFT JOIN progress_notes lp ON lp.id = (
     SELECT id FROM progress_notes WHERE item_id = i.id ORDER BY noted_at DESC, id DESC LIMIT 1)`;
