/**
 * The reasons an import records by itself — a closed item its ledger says is open again, a deadline
 * its ledger moves later — written
 * once, in the ledger's language (Chinese), as a person would have written them: every place that
 * shows a recorded reason can show them as they are, and the interface shows them in the reader's
 * language (`reasonIn` in web/i18n/recorded-reason.ts). Imports before wrote both languages in one
 * string ('导入台账：整改状态为“整改中” / Imported ledger: status "In progress"'); those stay as
 * recorded, and `readImportReason` reads them too.
 */
import type { Text } from '../errors.ts';

/** Each reason in both languages; {status} is the status the ledger gives, in that language. */
export const IMPORT_REASONS = {
  reopened: { zh: '导入台账：整改状态为“{status}”', en: 'Imported ledger: status "{status}"' },
  extended: { zh: '导入台账记载的延期', en: 'Extension recorded in an imported ledger' },
} as const satisfies Record<string, Text>;

/** What an import records when its ledger reopens a closed item: the status as the ledger's word for it. */
export const importReopenReason = (statusZh: string): string =>
  IMPORT_REASONS.reopened.zh.replace('{status}', statusZh);

/** What an import records when its ledger gives a later deadline. */
export const IMPORT_EXTENSION_REASON: string = IMPORT_REASONS.extended.zh;

export type ImportReason = { kind: 'reopened'; statusZh: string } | { kind: 'extended' };

const REOPENED = /^导入台账：整改状态为“([^”]+)”(?: \/ Imported ledger: status "[^"]*")?$/;
const EXTENDED = /^导入台账记载的延期(?: \/ Extension recorded in an imported ledger)?$/;

/** Which of an import's own reasons a recorded reason is; null for a person's own words. */
export function readImportReason(reason: string): ImportReason | null {
  const reopened = REOPENED.exec(reason);
  if (reopened) return { kind: 'reopened', statusZh: reopened[1]! };
  return EXTENDED.test(reason) ? { kind: 'extended' } : null;
}
