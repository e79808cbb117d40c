/** 单位信息: the organisation's names and area word (migration 022), one row. */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface Organisation {
  /** Empty until the office names it. */
  nameZh: string;
  nameEn: string;
  /** The area of the overall rank: 县 reads "全县排名", county "Rank in the county". */
  areaZh: string;
  areaEn: string;
}

export function getOrganisation(db: Db): Organisation {
  return prepared(
    db,
    `SELECT name_zh AS nameZh, name_en AS nameEn, area_zh AS areaZh, area_en AS areaEn
     FROM organisation WHERE id = 1`,
  ).get() as Organisation;
}

export function updateOrganisation(db: Db, o: Organisation): void {
  prepared(db, 'UPDATE organisation SET name_zh = ?, name_en = ?, area_zh = ?, area_en = ? WHERE id = 1').run(
    o.nameZh,
    o.nameEn,
    o.areaZh,
    o.areaEn,
  );
}
