/** Ledger files built in the tests: xlsx with exceljs, csv in UTF-8 (with or without BOM) or GBK. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Db } from '../../db/open.ts';
import { fixedClock } from '../../server/domain/time.ts';
import type { ImportOptions } from '../../server/import/index.ts';
import { demoDb } from '../helpers/db.ts';

export const TZ = 'Asia/Shanghai';
/** 2026-11-20 16:00 in Asia/Shanghai. */
export const CLOCK = fixedClock('2026-11-20T08:00:00Z');
export const NOW_LOCAL = '2026-11-20T16:00:00';
export const OPTIONS: ImportOptions = { tz: TZ, clock: CLOCK, campaign: 'C-CONDUCT' };
export const CLI_ACTOR = { userId: null, name: 'import' };

/** The demo county's departments, campaigns and domains, with no items. */
export function countyDb(): Db {
  return demoDb({ items: 0 });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-import-'));
}

export async function xlsx(
  build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void,
  sheetName = '台账',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  build(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function csv(text: string, encoding: 'utf8' | 'utf8-bom' | 'gbk' = 'utf8'): Buffer {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  if (encoding === 'gbk') return iconv.encode(crlf, 'gbk');
  const body = Buffer.from(crlf, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Every row of every table that an import touches, for "exactly as before" comparisons. */
export function snapshot(db: Db): Record<string, unknown[]> {
  const tables = [
    'items',
    'item_closures',
    'deadline_extensions',
    'item_departments',
    'item_history',
    'import_batches',
    'import_mappings',
    'urgings',
    'milestones',
  ];
  return {
    ...Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])),
    // The version every cache keys on, what the figures remembered in memory read, and the schema
    // (a commit drops and recreates the version triggers inside its transaction).
    data_version: db.prepare('SELECT * FROM data_version').all(),
    figure_changes: db.prepare('SELECT * FROM figure_changes ORDER BY version').all(),
    schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
  };
}

export const count = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(sql).get(...params) as { n: number }).n;
