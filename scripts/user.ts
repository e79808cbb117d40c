/** npm run user -- add|set-password|list ...: see scripts/user/command.ts. */
import { DatabaseRefusedError } from '../db/open-checks.ts';
import { runUserCommand, USAGE, UsageError } from './user/command.ts';

try {
  process.exitCode = await runUserCommand(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    now: () => new Date(),
  });
} catch (error) {
  if (error instanceof DatabaseRefusedError) {
    console.error(`npm run user: ${error.message}`);
    process.exit(1);
  }
  if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
  // parseArgs reports unknown options as TypeError (ERR_PARSE_ARGS_*).
  console.error(`npm run user: ${error.message}\n\n${USAGE}`);
  process.exitCode = 2;
}
