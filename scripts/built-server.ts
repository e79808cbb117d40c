/**
 * How the built server (scripts/build-server.ts) is started: as `npm start` and docs/operations.md
 * start it, with the young heap capped at 4 MB a half (docs/performance.md). The bench and the tests
 * that start a server start it so.
 */
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';

/** The built server's folder and main module, relative to the repository. */
export const BUILT_DIR = 'dist/server';
export const START_ARGS = ['--max-semi-space-size=4', `${BUILT_DIR}/main.js`];

/** The built server as a child process, with `env` over this process's environment. */
export function spawnServer(env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, START_ARGS, { env: { ...process.env, ...env }, stdio });
}
