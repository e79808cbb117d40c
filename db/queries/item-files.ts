/** 佐证材料: the files attached to an item (migration 021), listed on its page and downloaded one by one. */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface ItemFile {
  id: number;
  name: string;
  mediaType: string;
  size: number;
  addedAt: string;
  addedBy: string;
  /** The user who added it: they, or the office, may take it off. */
  addedById: number | null;
}

const FILE_COLUMNS = `id, name, media_type AS mediaType, size, added_at AS addedAt, added_by_name AS addedBy,
  added_by AS addedById`;

/** The item's files still on it, oldest first (without their bytes). */
export function itemFiles(db: Db, itemId: number): ItemFile[] {
  return prepared(
    db,
    `SELECT ${FILE_COLUMNS} FROM item_files WHERE item_id = ? AND removed_at IS NULL ORDER BY id`,
  ).all(itemId) as ItemFile[];
}

/** One file of the item still on it, with its bytes; undefined when there is none. */
export function itemFileContent(
  db: Db,
  itemId: number,
  fileId: number,
): (ItemFile & { content: Buffer; sha256: string }) | undefined {
  return prepared(
    db,
    `SELECT ${FILE_COLUMNS}, sha256, content FROM item_files WHERE item_id = ? AND id = ? AND removed_at IS NULL`,
  ).get(itemId, fileId) as (ItemFile & { content: Buffer; sha256: string }) | undefined;
}

export function insertItemFile(
  db: Db,
  f: {
    itemId: number;
    name: string;
    mediaType: string;
    sha256: string;
    content: Uint8Array;
    addedAt: string;
    addedBy: number | null;
    addedByName: string;
  },
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO item_files (item_id, name, media_type, size, sha256, content, added_at, added_by, added_by_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.itemId,
      f.name,
      f.mediaType,
      f.content.byteLength,
      f.sha256,
      f.content,
      f.addedAt,
      f.addedBy,
      f.addedByName,
    ).lastInsertRowid,
  );
}

/** Takes a file off its item, keeping it with who, when and why. */
export function removeItemFile(
  db: Db,
  r: { itemId: number; fileId: number; at: string; byName: string; reason: string },
): void {
  prepared(
    db,
    `UPDATE item_files SET removed_at = ?, removed_by_name = ?, remove_reason = ?
     WHERE item_id = ? AND id = ? AND removed_at IS NULL`,
  ).run(r.at, r.byName, r.reason, r.itemId, r.fileId);
}
