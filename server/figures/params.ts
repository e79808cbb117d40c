/**
 * Turns validated query parameters into what the figures queries take: the moment T, a scope of ids
 * (unknown codes are 404s naming the parameter) and the scoring profile.
 */
import type { Db } from '../../db/open.ts';
import type { Scope } from '../../db/queries/figures.ts';
import { findByCode } from '../../db/queries/lookups.ts';
import { getActiveProfile, getProfile, type ProfileRow } from '../../db/queries/profiles.ts';
import type { AppDeps } from '../context.ts';
import type { Source } from '../domain/lifecycle.ts';
import { addMoment, asOfMoment, comparedMoment, type Moment } from '../domain/time.ts';
import { invalidParameter, notFound } from '../errors.ts';
import { figuresNow } from '../now.ts';

export interface ScopeQuery {
  campaign?: string | undefined;
  domain?: string | undefined;
  source?: Source | undefined;
  department?: string | undefined;
  peerGroup?: string | undefined;
  registeredFrom?: string | undefined;
  registeredTo?: string | undefined;
}

const WHAT = {
  campaign: { table: 'campaigns', text: { zh: '活动', en: 'campaign' } },
  domain: { table: 'domains', text: { zh: '领域', en: 'domain' } },
  department: { table: 'departments', text: { zh: '部门', en: 'department' } },
  peerGroup: { table: 'peer_groups', text: { zh: '部门分组', en: 'peer group' } },
} as const;

function resolveId(
  deps: Pick<AppDeps, 'db'>,
  field: keyof typeof WHAT,
  code: string | undefined,
): number | undefined {
  if (code === undefined) return undefined;
  const row = findByCode(deps.db, WHAT[field].table, code);
  if (!row) throw notFound(WHAT[field].text, code, field);
  return row.id;
}

export function resolveScope(deps: Pick<AppDeps, 'db'>, q: ScopeQuery): Scope {
  const scope: Scope = {};
  const campaignId = resolveId(deps, 'campaign', q.campaign);
  const domainId = resolveId(deps, 'domain', q.domain);
  const departmentId = resolveId(deps, 'department', q.department);
  const peerGroupId = resolveId(deps, 'peerGroup', q.peerGroup);
  if (campaignId !== undefined) scope.campaignId = campaignId;
  if (domainId !== undefined) scope.domainId = domainId;
  if (departmentId !== undefined) scope.departmentId = departmentId;
  if (peerGroupId !== undefined) scope.peerGroupId = peerGroupId;
  if (q.source !== undefined) scope.source = q.source;
  if (q.registeredFrom !== undefined) scope.registeredFrom = q.registeredFrom;
  if (q.registeredTo !== undefined) scope.registeredTo = q.registeredTo;
  return scope;
}

/** T for an optional "as of" value (validated already): now (figuresNow) when absent. */
export function resolveMoment(deps: Pick<AppDeps, 'clock' | 'tz'>, asOf: string | undefined): Moment {
  return asOf === undefined ? figuresNow(deps) : asOfMoment(asOf)!;
}

export function resolveProfile(deps: Pick<AppDeps, 'db'>, id: number | undefined): ProfileRow {
  if (id === undefined) return getActiveProfile(deps.db);
  const profile = getProfile(deps.db, id);
  if (!profile) throw notFound({ zh: '评分方案', en: 'scoring profile' }, String(id), 'profile');
  return profile;
}

/** An earlier moment given by parameter `field` (default: comparedMoment); it must be before T. */
export function earlierMoment(
  value: string | undefined,
  field: string,
  t: Moment,
  fallbackSeconds: number,
): Moment {
  const moment = value === undefined ? comparedMoment(t, fallbackSeconds) : asOfMoment(value)!;
  if (moment >= t) throw invalidParameter(field, { zh: '必须早于统计时点', en: 'must be before asOf' });
  return moment;
}

/** An open item due before this moment is yellow at `now`: now plus the active profile's warning days. */
export function warningHorizon(db: Db, now: Moment): Moment {
  return addMoment(now, getActiveProfile(db).config.warningDays * 86_400);
}
