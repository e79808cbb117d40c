import { IMPORT_REASONS, readImportReason } from '../../server/domain/import-reasons.ts';
import { STATUSES } from '../../server/domain/lifecycle.ts';
import type { Lang } from './lang.ts';
import { messages } from './messages.ts';
import { translate } from './use-t.ts';

/**
 * A recorded reason (a reopening's, an extension's, a void's) as the reader reads it: one an import
 * wrote by itself in the reader's language, a person's own words as they wrote them.
 */
export function reasonIn(lang: Lang, reason: string): string {
  const own = readImportReason(reason);
  if (own === null) return reason;
  const text = IMPORT_REASONS[own.kind][lang === 'en' ? 'en' : 'zh'];
  if (own.kind !== 'reopened') return text;
  const status = STATUSES.find((s) => messages['zh-CN'][`status.${s}`] === own.statusZh);
  return text.replace('{status}', status ? translate(lang, `status.${status}`) : own.statusZh);
}
