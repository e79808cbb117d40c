/**
 * npm run bench -- [--scale county|province|both] [--http-seconds 10] [--skip-browser] [--skip-import]
 *
 * Builds (once, cached in bench/cache/) the county (40 departments, 10k items) and province (400
 * departments, 1M items) datasets, then measures: every dashboard endpoint in process, cold and warm,
 * against the plain-SQL floor; HTTP throughput and latency with and without a writer; the weekly
 * review in Chromium; the ledger table for each filter and sort (bench/ledger.ts); import
 * throughput (into an empty ledger, and into the province's when it is measured); peak server
 * memory; the web app's initial JS. Prints a table and writes bench/results.json. Timing is measured
 * here, never asserted in tests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open.ts';
import { measureWeeklyReview } from './bench/browser.ts';
import { ensureDataset, type Scale, scratchCopy } from './bench/datasets.ts';
import { measureHttp, RUNS } from './bench/http.ts';
import { measureInProcess } from './bench/in-process.ts';
import { measureLedger } from './bench/ledger.ts';
import { summarize } from './bench/stats.ts';
import { initialJsGzipKb } from './bench/web.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'both' },
    'http-seconds': { type: 'string', default: '10' },
    'skip-browser': { type: 'boolean', default: false },
    'skip-import': { type: 'boolean', default: false },
  },
});
const scales: Scale[] = values.scale === 'both' ? ['county', 'province'] : [values.scale as Scale];
const httpSeconds = Number(values['http-seconds']);

const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    load: os.loadavg(),
  },
};

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
results.initialJs = initialJsGzipKb();
console.log(`Initial JS: ${JSON.stringify(results.initialJs)}`);

for (const scale of scales) {
  console.log(`\n== ${scale} ==`);
  const { buildSeconds } = ensureDataset(scale);
  // The floor and some ledger queries read every item: at 1M up to seconds each, so fewer of them there.
  const samples =
    scale === 'county'
      ? { cold: 5, warm: 20, floor: 20, ledger: 20 }
      : { cold: 7, warm: 20, floor: 5, ledger: 5 };
  const inProcess = await measureInProcess(scratchCopy(scale, 'inprocess'), samples);
  // Scratch copies of a dataset this script built: no page check on open (about 0.3 s per 40,000 items).
  const ledgerDb = openDatabase(scratchCopy(scale, 'ledger'), { quickCheck: false });
  const ledger = measureLedger(ledgerDb, samples.ledger, true);
  ledgerDb.close();
  const http = [];
  for (const path of ['/api/figures/summary', '/api/figures/ranking']) {
    console.log(`  HTTP ${path}: ${RUNS} runs of ${httpSeconds} s, alone and with a writer…`);
    http.push(await measureHttp(scratchCopy(scale, 'http'), path, httpSeconds));
  }
  const entry: Record<string, unknown> = { buildSeconds, inProcess, ledger, http };
  if (!values['skip-browser']) {
    // The first visit loads every script; later ones find them in the browser's cache (a leader opens
    // the review every week), so they are reported apart. One visit can differ from the next by
    // ±200 ms on a shared 2-core machine: 11 repeat visits for a steadier median.
    const times = await measureWeeklyReview(scratchCopy(scale, 'browser'), 12);
    entry.weeklyReviewMs = {
      firstVisit: Math.round(times[0] ?? Number.NaN),
      repeatVisits: summarize(times.slice(1)),
    };
    console.log(`  Weekly review on screen: ${JSON.stringify(entry.weeklyReviewMs)}`);
  }
  results[scale] = entry;
}

if (!values['skip-import']) {
  console.log('\n== import (100k rows) ==');
  // And into the province's ledger when it is measured: an import into a large ledger.
  const into = scales.includes('province') ? ['--into', scratchCopy('province', 'import')] : [];
  results.import = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench-import.ts', '--rows', '100000', ...into],
    { encoding: 'utf8' },
  );
  console.log(results.import);
}

fs.mkdirSync('bench', { recursive: true });
fs.writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

console.log(
  '\nEndpoint latency in process (ms): cold p50 / warm p50 / next minute p50 / floor p50 / cold ÷ floor',
);
for (const scale of scales) {
  const entry = results[scale] as {
    inProcess: {
      endpoint: string;
      cold: { p50: number };
      warm: { p50: number };
      nextMinute: { p50: number };
      floor: { p50: number };
      coldToFloor: number;
    }[];
    http: {
      path: string;
      alone: object;
      withWriter: object;
      peakRssMb: number;
      peakOwnMemoryMb: number;
    }[];
  };
  console.table(
    Object.fromEntries(
      entry.inProcess.map((r) => [
        `${scale}: ${r.endpoint}`,
        {
          cold: r.cold.p50,
          warm: r.warm.p50,
          nextMinute: r.nextMinute.p50,
          floor: r.floor.p50,
          ratio: r.coldToFloor,
        },
      ]),
    ),
  );
  for (const h of entry.http)
    console.log(
      `${scale} HTTP ${h.path}: alone ${JSON.stringify(h.alone)}; with writer ${JSON.stringify(h.withWriter)}; peak RSS ${h.peakRssMb} MB (of which the process's own ${h.peakOwnMemoryMb} MB)`,
    );
}
console.log('\nWrote bench/results.json');
