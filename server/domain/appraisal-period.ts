/** An appraisal's period: a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-06). */
export const APPRAISAL_PERIOD = /^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;
