/**
 * Keeps the main connection's writes apart from an import committing on its own connection (a worker
 * thread, import/importer.ts). SQLite lets one connection write at a time and makes another wait for
 * the lock synchronously: a request writing on the main connection during a commit of seconds would
 * stop the event loop for as long, or fail after the busy timeout.
 *
 * So every request that may write holds the gate (shared) while it runs, and a commit runs exclusively:
 * it waits until the requests holding the gate are done, and requests arriving meanwhile wait, without
 * blocking, until it is. A write a request makes outside a hold (a GET sliding its session's expiry)
 * asks `busy` first and leaves it for a later request.
 */
export class WriteGate {
  private holders = 0;
  private drained: (() => void) | null = null;
  private exclusives = 0;
  private tail: Promise<void> = Promise.resolve();

  /** True while a commit waits to run or runs. */
  get busy(): boolean {
    return this.exclusives > 0;
  }

  /** Waits until no commit waits or runs, then holds the gate until the returned release is called. */
  async hold(): Promise<() => void> {
    while (this.exclusives > 0) await this.tail;
    this.holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      if (this.holders === 0) this.drained?.();
    };
  }

  /** Runs `write` once no request holds the gate, after the commits asked for before it. */
  exclusive<T>(write: () => Promise<T>): Promise<T> {
    this.exclusives++;
    const run = this.tail.then(async () => {
      if (this.holders > 0)
        await new Promise<void>((resolve) => {
          this.drained = resolve;
        });
      this.drained = null;
      return write();
    });
    this.tail = run.then(
      () => {
        this.exclusives--;
      },
      () => {
        this.exclusives--;
      },
    );
    return run;
  }
}
