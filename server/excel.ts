/**
 * exceljs, loaded the first time a workbook is read or written. Loaded, it holds ≈ 27 MB of a
 * thread's memory (≈ 10 MB of it heap), which the main thread (exports) and the import worker (a CSV
 * import needs none of it) paid from their start (docs/performance.md).
 */
import type * as ExcelJS from 'exceljs';

export type Excel = typeof ExcelJS;

let loading: Promise<Excel> | undefined;

export function loadExcel(): Promise<Excel> {
  // A CommonJS module: its exports are the default export of the ES module Node makes of it.
  loading ??= import('exceljs').then((m) => (m as unknown as { default: Excel }).default);
  return loading;
}
