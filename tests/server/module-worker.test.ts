/**
 * Worker threads run from source (TypeScript, through tsx) and from the built server (JavaScript, as
 * it is): server/threads/module-worker.ts picks the module beside its caller and the way to run it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { besideModule, moduleWorker } from '../../server/threads/module-worker.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-module-worker-'));
// ES modules, as the repository's are.
fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The first message of a worker, then it is ended. */
async function firstMessage(worker: Worker): Promise<unknown> {
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('besideModule', () => {
  it('names the TypeScript module beside a TypeScript caller', () => {
    expect(besideModule('figures-worker', 'file:///repo/server/figures/worker-pool.ts').href).toBe(
      'file:///repo/server/figures/figures-worker.ts',
    );
  });

  it('names the JavaScript module beside a built caller', () => {
    expect(besideModule('figures-worker', 'file:///repo/dist/server/chunk-AB12.js').href).toBe(
      'file:///repo/dist/server/figures-worker.js',
    );
  });
});

describe('moduleWorker', () => {
  it('runs a JavaScript module as it is, with its data', async () => {
    const file = path.join(dir, 'echo.js');
    fs.writeFileSync(
      file,
      "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage(workerData);\n",
    );
    expect(await firstMessage(moduleWorker(pathToFileURL(file), { file: 'x.db' }))).toEqual({ file: 'x.db' });
  });

  it("caps a worker's heap at 1 GB, run either way", async () => {
    const code =
      "import v8 from 'node:v8';\nimport { parentPort } from 'node:worker_threads';\nparentPort.postMessage(v8.getHeapStatistics().heap_size_limit / 2 ** 20);\n";
    for (const name of ['limit.js', 'limit.ts']) {
      fs.writeFileSync(
        path.join(dir, name),
        name.endsWith('.ts') ? code.replace('parentPort.', 'parentPort!.') : code,
      );
      const limitMb = (await firstMessage(moduleWorker(pathToFileURL(path.join(dir, name)), {}))) as number;
      // The old generation's 1,024 MB and the young one's few (without a cap: ≈ 4 GB on this machine).
      expect(limitMb, name).toBeGreaterThanOrEqual(1024);
      expect(limitMb, name).toBeLessThan(1200);
    }
  });

  it('runs a TypeScript module through tsx, with its data', async () => {
    const file = path.join(dir, 'echo.ts');
    // An enum: TypeScript that Node's own type stripping (Node 22.18+) does not run, only a compiler.
    fs.writeFileSync(
      file,
      "import { parentPort, workerData } from 'node:worker_threads';\nenum Kind { Echo = 'echo' }\nconst data: { file: string } = workerData;\nparentPort!.postMessage(Kind.Echo + ' ' + data.file);\n",
    );
    expect(await firstMessage(moduleWorker(pathToFileURL(file), { file: 'y.db' }))).toBe('echo y.db');
  });
});
