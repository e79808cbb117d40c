/**
 * The overdue items a bulletin (通报) lists, longest overdue first: the figures API's largest page. A
 * county's list fits; beyond it the sheet says how many more there are.
 */
export const BULLETIN_OVERDUE_MAX = 500;
