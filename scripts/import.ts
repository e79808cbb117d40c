/**
 * npm run import -- FILE [--dry-run] [--campaign CODE] [--mapping NAME] [--lang en|zh-CN] …
 * Imports a ledger file into CLOSEOUT_DB (see scripts/import/cli.ts and docs/import.md).
 */
import { fixedClock, systemClock } from '../server/domain/time.ts';
import { runImportCli } from './import/cli.ts';
import { configOrExit, openOrExit } from './open-or-exit.ts';

const config = configOrExit(process.env, 'npm run import');
const db = openOrExit(config.dbPath, 'npm run import', { quickCheck: config.startupCheck });
try {
  process.exitCode = await runImportCli(process.argv.slice(2), {
    db,
    clock: config.now ? fixedClock(config.now) : systemClock,
    tz: config.tz,
    env: process.env,
    io: { out: (line) => console.log(line), err: (line) => console.error(line) },
  });
} finally {
  db.close();
}
