import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface CampaignInput {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  startsOn: string;
  endsOn: string | null;
  publicPage: boolean;
}

export function insertCampaign(db: Db, c: CampaignInput): number {
  return Number(
    prepared(
      db,
      'INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on, ends_on, public_page) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(c.code, c.nameZh, c.nameEn, c.kind, c.startsOn, c.endsOn, c.publicPage ? 1 : 0).lastInsertRowid,
  );
}

export function updateCampaign(db: Db, id: number, c: Omit<CampaignInput, 'code'>): void {
  prepared(
    db,
    'UPDATE campaigns SET name_zh = ?, name_en = ?, kind = ?, starts_on = ?, ends_on = ?, public_page = ? WHERE id = ?',
  ).run(c.nameZh, c.nameEn, c.kind, c.startsOn, c.endsOn, c.publicPage ? 1 : 0, id);
}

export function insertDomain(
  db: Db,
  d: { campaignId: number; code: string; nameZh: string; nameEn: string },
): number {
  return Number(
    prepared(db, 'INSERT INTO domains (campaign_id, code, name_zh, name_en) VALUES (?, ?, ?, ?)').run(
      d.campaignId,
      d.code,
      d.nameZh,
      d.nameEn,
    ).lastInsertRowid,
  );
}
