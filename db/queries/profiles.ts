import { DEFAULT_PROFILE_NAME } from '../../server/domain/profile-name.ts';
import { DEFAULT_PROFILE, type ProfileConfig } from '../../server/domain/scoring.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface ProfileRow {
  id: number;
  name: string;
  version: number;
  config: ProfileConfig;
  active: boolean;
  createdAt: string;
  note: string | null;
}

interface RawProfile {
  id: number;
  name: string;
  version: number;
  config: string;
  active: number;
  created_at: string;
  note: string | null;
}

const toProfile = (r: RawProfile): ProfileRow => ({
  id: r.id,
  name: r.name,
  version: r.version,
  config: JSON.parse(r.config) as ProfileConfig,
  active: r.active === 1,
  createdAt: r.created_at,
  note: r.note,
});

/** Makes sure a scoring profile is in force: the default one, version 1, on a new database. */
export function ensureDefaultProfile(db: Db, nowUtc: string): void {
  const any = prepared(db, 'SELECT 1 FROM scoring_profiles LIMIT 1').get();
  if (any) return;
  prepared(
    db,
    'INSERT INTO scoring_profiles (name, version, config, active, created_at, note) VALUES (?, 1, ?, 1, ?, NULL)',
  ).run(DEFAULT_PROFILE_NAME, JSON.stringify(DEFAULT_PROFILE), nowUtc);
}

export function getActiveProfile(db: Db): ProfileRow {
  const row = prepared(db, 'SELECT * FROM scoring_profiles WHERE active = 1').get() as RawProfile | undefined;
  if (!row) throw new Error('No scoring profile is active');
  return toProfile(row);
}

export function getProfile(db: Db, id: number): ProfileRow | null {
  const row = prepared(db, 'SELECT * FROM scoring_profiles WHERE id = ?').get(id) as RawProfile | undefined;
  return row ? toProfile(row) : null;
}

export function listProfiles(db: Db): ProfileRow[] {
  return (prepared(db, 'SELECT * FROM scoring_profiles ORDER BY id DESC').all() as RawProfile[]).map(
    toProfile,
  );
}

/** Saves a profile as the next version of its name and makes it the one in force; returns its id. */
export function saveProfileVersion(
  db: Db,
  p: {
    name: string;
    config: ProfileConfig;
    note: string | null;
    createdAt: string;
    createdBy: number | null;
  },
): number {
  const next = (
    prepared(db, 'SELECT COALESCE(MAX(version), 0) + 1 AS v FROM scoring_profiles WHERE name = ?').get(
      p.name,
    ) as { v: number }
  ).v;
  prepared(db, 'UPDATE scoring_profiles SET active = 0 WHERE active = 1').run();
  return Number(
    prepared(
      db,
      'INSERT INTO scoring_profiles (name, version, config, active, created_at, created_by, note) VALUES (?, ?, ?, 1, ?, ?, ?)',
    ).run(p.name, next, JSON.stringify(p.config), p.createdAt, p.createdBy, p.note).lastInsertRowid,
  );
}
