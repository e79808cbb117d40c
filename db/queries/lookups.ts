import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface CodeRef {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

type Table = 'campaigns' | 'departments' | 'domains' | 'peer_groups';

function findBy(db: Db, table: Table, column: 'code' | 'id', value: string | number): CodeRef | null {
  const row = prepared(
    db,
    `SELECT id, code, name_zh AS nameZh, name_en AS nameEn FROM ${table} WHERE ${column} = ?`,
  ).get(value) as CodeRef | undefined;
  return row ?? null;
}

/** The row of a reference table with this code, or null. */
export const findByCode = (db: Db, table: Table, code: string) => findBy(db, table, 'code', code);

/** The row of a reference table with this id, or null. */
export const findById = (db: Db, table: Table, id: number) => findBy(db, table, 'id', id);

/** The campaign a domain belongs to (each domain is one campaign's), or null for no such domain. */
export function campaignOfDomain(db: Db, domainId: number): number | null {
  const row = prepared(db, 'SELECT campaign_id FROM domains WHERE id = ?').pluck().get(domainId);
  return (row as number | undefined) ?? null;
}

export interface CampaignRow extends CodeRef {
  kind: string;
  startsOn: string;
  endsOn: string | null;
  /** Whether its aggregated progress is on the public page (migration 018). */
  publicPage: boolean;
}

export function listCampaigns(db: Db): CampaignRow[] {
  return (
    prepared(
      db,
      `SELECT id, code, name_zh AS nameZh, name_en AS nameEn, kind, starts_on AS startsOn, ends_on AS endsOn,
              public_page AS publicPage
       FROM campaigns ORDER BY starts_on`,
    ).all() as (Omit<CampaignRow, 'publicPage'> & { publicPage: number })[]
  ).map((c) => ({ ...c, publicPage: c.publicPage === 1 }));
}

export function listDomains(db: Db): (CodeRef & { campaignCode: string })[] {
  return prepared(
    db,
    `SELECT d.id, d.code, d.name_zh AS nameZh, d.name_en AS nameEn, c.code AS campaignCode
     FROM domains d JOIN campaigns c ON c.id = d.campaign_id ORDER BY c.starts_on, d.id`,
  ).all() as (CodeRef & { campaignCode: string })[];
}

export function listPeerGroups(db: Db): CodeRef[] {
  return prepared(
    db,
    'SELECT id, code, name_zh AS nameZh, name_en AS nameEn FROM peer_groups ORDER BY sort_order',
  ).all() as CodeRef[];
}
