/**
 * The SQLite-only pieces of the figures SQL, in one place, so the data layer can move to PostgreSQL
 * by changing these expressions (julianday → extract(epoch …), median/percentile → percentile_cont).
 * Arguments are SQL expressions over local-time ISO text.
 */

/** Days from moment a to moment b, fractional (b − a). */
export const daysBetweenSql = (a: string, b: string) => `(julianday(${b}) - julianday(${a}))`;

/** Whole calendar days from the day of a to the day of b. */
export const calendarDaysSql = (a: string, b: string) =>
  `CAST(julianday(substr(${b}, 1, 10)) - julianday(substr(${a}, 1, 10)) AS INTEGER)`;

/** Median and continuous (linearly interpolated) percentile aggregates; NULLs are ignored. */
export const medianSql = (x: string) => `median(${x})`;
export const percentileSql = (x: string, p: number) => `percentile(${x}, ${p})`;

/** Smallest integer ≥ x. */
export const ceilSql = (x: string) => `ceil(${x})`;

/** The Monday (as 'YYYY-MM-DD') of the week containing a local moment. */
export const weekStartSql = (x: string) => `date(${x}, 'weekday 0', '-6 days')`;
