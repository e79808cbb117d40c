/**
 * npx tsx scripts/bench-import.ts [--rows 100000] [--dir /tmp/closeout-bench]
 *
 * Import throughput: writes a ledger of N rows as .csv and .xlsx (12 columns, Chinese text, dates,
 * closed and open items), then for each file, in a fresh process against a fresh on-disk county
 * database (WAL, synchronous=FULL as in production): the dry run and the commit, timed, with the
 * process's peak resident memory, and the commit's floor (the same rows copied by plain SQL, see
 * measureFloor). Then the CSV and the xlsx once more over HTTP, each posted to the server process on a
 * fresh county database: the import's time, /api/health's latency meanwhile (asked every 10 ms: does
 * the import stall other requests?) and the server's peak resident memory. With `--into <file.db>`
 * (the bench gives a scratch copy of the province's 1M items), the CSV once more over HTTP into that
 * ledger, its departments renamed to that ledger's and its codes its own: an import into a large
 * ledger. Not a test; prints a table.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { startBulkWrite } from '../db/derived.ts';
import { openDatabase } from '../db/open.ts';
import { fixedClock } from '../server/domain/time.ts';
import { commitImport, dryRunImport } from '../server/import/index.ts';
import { login, peakRssMb, sampleOwnMemory, startServer } from './bench/http.ts';
import { summarize } from './bench/stats.ts';
import { generateDemo } from './demo/generate.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    dir: { type: 'string', default: '/tmp/closeout-bench' },
    run: { type: 'string' },
    into: { type: 'string' },
  },
});
const HEADER = [
  '序号',
  '台账编号',
  '问题描述',
  '领域',
  '问题来源',
  '责任单位',
  '责任人',
  '登记日期',
  '整改时限',
  '整改措施',
  '整改状态',
  '销号日期',
];
const DEPARTMENTS = [
  '县教育局',
  '教育局',
  '县财政局',
  '县公安局',
  '住建局',
  '县卫健局',
  '县政府办公室',
  '审批局',
];
const SOURCES = ['自查', '巡视反馈', '群众反映', '督查', '回头看', '12345'];
const DOMAINS = ['大班额', '有偿补课', '双减落实', '停车收费', '窗口服务作风'];
const day = (n: number) => new Date(Date.UTC(2023, 0, 1 + n));
const text = (d: Date) => d.toISOString().slice(0, 10);

function row(i: number) {
  const reg = day(i % 300);
  const deadline = day((i % 300) + 30 + (i % 60));
  const closed = i % 3 === 0 ? day((i % 300) + 20) : null;
  return {
    cells: [
      i + 1,
      `BM-${String(i + 1).padStart(7, '0')}`,
      `第${i + 1}号问题：学校违规收取资料费，教师有偿补课（城关镇第${i % 50}小学）`,
      DOMAINS[i % DOMAINS.length]!,
      SOURCES[i % SOURCES.length]!,
      DEPARTMENTS[i % DEPARTMENTS.length]!,
      ['张三', '李四', '王五', '赵六'][i % 4]!,
      reg,
      i % 17 === 0 ? '长期坚持' : deadline,
      '建立问题台账，明确责任人和整改时限，定期督查',
      closed ? '已销号' : i % 2 ? '整改中' : '已交办',
      closed,
    ],
  };
}

async function writeFiles(n: number, dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const csvFile = path.join(dir, `ledger-${n}.csv`);
  const xlsxFile = path.join(dir, `ledger-${n}.xlsx`);
  if (!fs.existsSync(csvFile)) {
    const out = fs.createWriteStream(csvFile);
    out.write(`\ufeff${HEADER.join(',')}\r\n`);
    for (let i = 0; i < n; i++) {
      const cells = row(i).cells.map((c) => (c instanceof Date ? text(c) : c === null ? '' : String(c)));
      if (!out.write(`${cells.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')}\r\n`))
        await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise((r) => out.end(r));
  }
  if (!fs.existsSync(xlsxFile)) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: xlsxFile,
      useSharedStrings: true,
      useStyles: true,
    });
    const ws = wb.addWorksheet('台账');
    ws.addRow(['青山县问题整改台账']).commit();
    ws.addRow(HEADER).commit();
    for (let i = 0; i < n; i++) {
      const r = ws.addRow(row(i).cells);
      for (const c of [8, 9, 12]) if (r.getCell(c).value instanceof Date) r.getCell(c).numFmt = 'yyyy-mm-dd';
      r.commit();
    }
    ws.commit();
    await wb.commit();
  }
  return { csvFile, xlsxFile };
}

/** A fresh on-disk county database with no items, beside `file`. */
function emptyCounty(file: string, name = 'bench'): string {
  const dbFile = path.join(path.dirname(file), `${name}-${process.pid}.db`);
  removeDb(dbFile);
  const db = openDatabase(dbFile);
  generateDemo(db, { seed: 7, anchor: '2026-11-20', departments: 40, items: 0, tz: 'Asia/Shanghai' });
  db.close();
  return dbFile;
}

function removeDb(dbFile: string) {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(dbFile + s, { force: true });
}

/**
 * The CSV with each row's department one of `dbFile`'s (in turn) and a ledger code of its own, so
 * that every row is a new item of that ledger.
 */
function csvInto(csvFile: string, dbFile: string): string {
  const db = openDatabase(dbFile, { quickCheck: false });
  const names = db.prepare('SELECT name_zh FROM departments WHERE active = 1').pluck().all() as string[];
  db.close();
  const [header, ...lines] = fs.readFileSync(csvFile, 'utf8').split('\r\n');
  const out = [header];
  lines.forEach((line, i) => {
    if (!line) return;
    const cells = line.split(',');
    // The row's code (B) and responsible department (F); no value in the file holds a comma.
    cells[1] = `INTO-${cells[1]}`;
    cells[5] = names[i % names.length]!;
    out.push(cells.join(','));
  });
  const file = csvFile.replace(/\.csv$/, '-into.csv');
  fs.writeFileSync(file, `${out.join('\r\n')}\r\n`);
  return file;
}

/**
 * The file posted to the server process on `dbFile` (default: a fresh county without items), which is
 * removed afterwards; /api/health asked every 10 ms until the import answers.
 */
async function measureHttp(file: string, dbFile = emptyCounty(file)) {
  const server = await startServer(dbFile);
  try {
    const admin = await login(server.url, 'admin');
    const body = fs.readFileSync(file);
    const health: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const started = performance.now();
        await fetch(`${server.url}/api/health`);
        health.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const ownMemory = sampleOwnMemory(server.pid);
    const started = performance.now();
    const res = await fetch(
      `${server.url}/api/imports?name=${encodeURIComponent(path.basename(file))}&campaign=C-CONDUCT`,
      {
        method: 'POST',
        body,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: server.url },
      },
    );
    await res.arrayBuffer();
    const importMs = performance.now() - started;
    done = true;
    await poll;
    if (res.status !== 201) throw new Error(`import over HTTP: ${res.status}`);
    return {
      importMs,
      health: { ...summarize(health), max: Math.max(...health) },
      peakRssMb: peakRssMb(server.pid),
      peakOwnMemoryMb: ownMemory.stop(),
    };
  } finally {
    await server.stop();
    removeDb(dbFile);
  }
}

/**
 * The floor of a commit: the rows an import wrote (in `imported`) copied by plain SQL, INSERT … SELECT,
 * into a fresh county database in one transaction, through the same bulk path (the items' indexes and
 * derived tables rebuilt at the end) and the same commit (WAL, synchronous=FULL). What SQLite itself
 * takes to write them, without reading, parsing or planning the file, nor binding a row at a time.
 */
function measureFloor(imported: string): number {
  const dbFile = emptyCounty(imported, 'floor');
  const db = openDatabase(dbFile);
  try {
    db.prepare('ATTACH ? AS src').run(imported);
    const started = performance.now();
    db.transaction(() => {
      const bulk = startBulkWrite(db);
      bulk.goBulk();
      for (const table of [
        'import_batches',
        'items',
        'item_departments',
        'item_closures',
        'deadline_extensions',
        'item_history',
      ])
        db.exec(`INSERT INTO main.${table} SELECT * FROM src.${table}`);
      bulk.end();
    }).immediate();
    return performance.now() - started;
  } finally {
    db.close();
    removeDb(dbFile);
  }
}

async function measure(file: string) {
  const dbFile = emptyCounty(file);
  // Unmapped, as the server's import worker's connection (db/open.ts).
  const db = openDatabase(dbFile, { mapped: false });
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  // As the server's import worker and the command read: as the transaction goes, on a connection of their own.
  const options = {
    tz: 'Asia/Shanghai',
    clock: fixedClock('2026-11-20T08:00:00Z'),
    campaign: 'C-CONDUCT',
    ownConnection: true,
  };
  const input = { name: path.basename(file), path: file };
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  let t = performance.now();
  let cpu = process.cpuUsage();
  const dry = await dryRunImport(db, input, options);
  const dryMs = performance.now() - t;
  const dryCpuMs = cpuMs(process.cpuUsage(cpu));
  t = performance.now();
  cpu = process.cpuUsage();
  const result = await commitImport(db, input, { ...options, actor: { userId: null, name: 'import' } });
  const commitMs = performance.now() - t;
  const commitCpuMs = cpuMs(process.cpuUsage(cpu));
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const items = (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
  db.close();
  const floorMs = measureFloor(dbFile);
  removeDb(dbFile);
  return {
    floorMs,
    rows: dry.summary.create,
    rejected: dry.summary.reject,
    committed: result.committed,
    items,
    dryMs,
    dryCpuMs,
    commitMs,
    commitCpuMs,
    peakMiB: peak / 1048576,
  };
}

if (values.run) {
  console.log(JSON.stringify(await measure(values.run)));
} else {
  const n = Number(values.rows);
  const files = await writeFiles(n, values.dir);
  console.log(`${n.toLocaleString('en')} rows`);
  console.log('Wall time, and rows per second of wall time and of CPU time (the machine may be shared).');
  console.log(
    'format  size      dry run: s, rows/s wall, rows/s CPU    commit: s, rows/s wall, rows/s CPU    peak RSS   floor: s, rows/s',
  );
  for (const [format, file] of [
    ['csv', files.csvFile],
    ['xlsx', files.xlsxFile],
  ] as const) {
    const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, '--run', file], {
      encoding: 'utf8',
    });
    const r = JSON.parse(out.trim().split('\n').at(-1)!);
    const perS = (ms: number) => Math.round(r.rows / (ms / 1000)).toLocaleString('en');
    const rate = (ms: number, cpuMs: number) => `${(ms / 1000).toFixed(2)} s, ${perS(ms)}, ${perS(cpuMs)}`;
    console.log(
      `${format.padEnd(7)} ${`${(fs.statSync(file).size / 1048576).toFixed(1)} MiB`.padEnd(9)} ${rate(r.dryMs, r.dryCpuMs).padEnd(38)} ${rate(r.commitMs, r.commitCpuMs).padEnd(37)} ${`${Math.round(r.peakMiB)} MiB`.padEnd(10)} ${(r.floorMs / 1000).toFixed(2)} s, ${perS(r.floorMs)}${r.committed && r.items === r.rows ? '' : `  (committed ${r.committed}, ${r.items} items, ${r.rejected} rejected)`}`,
    );
  }
  const overHttp = async (label: string, file: string, dbFile?: string) => {
    const http = await measureHttp(file, dbFile);
    const h = http.health;
    console.log(
      `${label}: import ${(http.importMs / 1000).toFixed(2)} s (${Math.round(n / (http.importMs / 1000)).toLocaleString('en')} rows/s); /api/health meanwhile (${h.n} requests) p50 ${h.p50} ms, p99 ${h.p99} ms, max ${Math.round(h.max)} ms; server peak RSS ${http.peakRssMb} MB (of which the process's own ${http.peakOwnMemoryMb} MB)`,
    );
  };
  await overHttp('csv over HTTP', files.csvFile);
  await overHttp('xlsx over HTTP', files.xlsxFile);
  if (values.into)
    await overHttp('csv over HTTP into the 1M ledger', csvInto(files.csvFile, values.into), values.into);
}
