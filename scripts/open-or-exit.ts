import { type Db, openDatabase } from '../db/open.ts';
import { DatabaseRefusedError } from '../db/open-checks.ts';

/**
 * Opens the database for a command-line script, or stops it (exit code 1) with the refusal's message
 * instead of a stack trace: a newer, damaged or foreign file is left as it was, as by the server.
 */
export function openOrExit(file: string, command: string, options: { quickCheck: boolean }): Db {
  try {
    return openDatabase(file, options);
  } catch (error) {
    if (!(error instanceof DatabaseRefusedError)) throw error;
    console.error(`${command}: ${error.message}`);
    process.exit(1);
  }
}
