/**
 * `npm start` ends with the server's own process (`exec node …`): npm passes a stop signal (SIGTERM
 * from a process manager) to its script's process, which without exec was a shell that left the node
 * server running as an orphan (checked by hand: SIGTERM to npm, then the server still answered). The
 * script is read rather than run: running it builds dist/, which other test files serve from.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it("runs the server as its script's own process, so stopping npm stops the server", () => {
    const { scripts } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    const last = scripts.start!.split('&&').at(-1)!.trim();
    expect(last).toMatch(/^exec node .*dist\/server\/main\.js$/);
  });
});
