/**
 * The longest text each field of an item takes, in characters: the API refuses longer input and so
 * does an import, so that no item holds what its own edit form could not save again.
 */
export const ITEM_TEXT_LIMITS = {
  ledgerCode: 64,
  title: 300,
  description: 5000,
  person: 60,
  measures: 5000,
  evidence: 5000,
} as const;
