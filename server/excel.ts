/**
 * exceljs, loaded the first time a workbook is written (exports; imports read xlsx without it,
 * server/import/xlsx.ts). Loaded, it holds ≈ 27 MB of a thread's memory (≈ 10 MB of it heap), which
 * the main thread paid from its start before (docs/performance.md).
 */
import type * as ExcelJS from 'exceljs';

export type Excel = typeof ExcelJS;

let loading: Promise<Excel> | undefined;

export function loadExcel(): Promise<Excel> {
  // A CommonJS module: its exports are the default export of the ES module Node makes of it.
  loading ??= import('exceljs').then((m) => (m as unknown as { default: Excel }).default);
  return loading;
}
