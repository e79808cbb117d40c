/**
 * Names the import matches records by (departments by code, names and aliases; campaigns by code and
 * names; a campaign's domains by code and names), compared as the import compares them: folded by
 * normalizeName. Two records answering to one folded name would make the import's match ambiguous, so
 * the admin routes refuse a name another record already answers to.
 */
import { ApiError, type Text } from '../errors.ts';
import { normalizeName } from './values.ts';

export interface NamedRecord {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  /** Further names it answers to (a department's aliases). */
  aliases?: string[];
}

/** A name of the record being written, with the field it came from. */
export interface NameField {
  field: string;
  name: string;
}

/** The first of `names` another record (not `selfId`) already answers to, folded; null when all are free. */
export function nameClash(
  names: NameField[],
  others: NamedRecord[],
  selfId: number | null,
): { field: string; name: string; owner: NamedRecord } | null {
  const owners = new Map<string, NamedRecord>();
  for (const r of others) {
    if (r.id === selfId) continue;
    for (const n of [r.code, r.nameZh, r.nameEn, ...(r.aliases ?? [])]) {
      const key = normalizeName(n);
      if (key && !owners.has(key)) owners.set(key, r);
    }
  }
  for (const { field, name } of names) {
    const owner = owners.get(normalizeName(name));
    if (owner) return { field, name, owner };
  }
  return null;
}

/** 409 duplicate naming the field: '"财政局" is already used by the department "Finance Bureau" (D12)'. */
export function refuseNameClash(
  names: NameField[],
  others: NamedRecord[],
  selfId: number | null,
  what: Text,
) {
  const clash = nameClash(names, others, selfId);
  if (!clash) return;
  const { name, owner } = clash;
  throw new ApiError(
    409,
    'duplicate',
    {
      zh: `“${name}”已用于${what.zh}“${owner.nameZh}”（${owner.code}）`,
      en: `"${name}" is already used by the ${what.en} "${owner.nameEn}" (${owner.code})`,
    },
    { field: clash.field },
  );
}
