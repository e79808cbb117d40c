import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Db, type OpenOptions, openDatabase } from '../db/open.ts';
import { DatabaseRefusedError } from '../db/open-checks.ts';
import { type Config, loadConfig } from '../server/config.ts';

/**
 * Opens the database for the server or a command-line script, or stops it (exit code 1) with a message
 * saying what is wrong and what to do, never a stack trace. `openDatabase` checks before its first
 * write, so a newer, damaged or another program's file is left exactly as it is.
 */
export function openOrExit(
  file: string,
  command: string,
  options: OpenOptions & { quickCheck: boolean },
): Db {
  try {
    return openDatabase(file, options);
  } catch (error) {
    console.error(
      error instanceof DatabaseRefusedError
        ? `${command}: ${error.message}`
        : `${command}: cannot open the database ${file}: ${(error as Error).message}`,
    );
    process.exit(1);
  }
}

/** The configuration from the environment, or a stop (exit code 1) naming the variable that is wrong. */
export function configOrExit(env: NodeJS.ProcessEnv, command: string): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    console.error(`${command}: ${(error as Error).message}`);
    process.exit(1);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { type: 'boolean', short: 'h' } as const;

/**
 * A command line's options, or a stop: its usage for --help (exit code 0), or the option that is
 * wrong and the usage (exit code 2), never a stack trace.
 */
export function argsOrExit<const O extends Options>(
  command: string,
  usage: string,
  options: O,
): ReturnType<typeof parseArgs<{ options: O }>>['values'] {
  let values: ReturnType<typeof parseArgs<{ options: O }>>['values'];
  try {
    values = parseArgs({ options: { ...options, help: HELP } as O }).values;
  } catch (error) {
    console.error(`${command}: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}
