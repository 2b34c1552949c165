/**
 * Group commit for the event log: one fdatasync of the WAL file at the end of the event loop's
 * turn, shared by every command committed during that turn.
 *
 * With synchronous=FULL, SQLite syncs the WAL inside each COMMIT: twenty kiosks whose requests
 * arrive together pay twenty syncs one after another. In deferred mode (QueueStore) a command
 * commits with synchronous=NORMAL (its frames are written to the WAL, in order, not yet synced)
 * and the server acknowledges nothing of it until `sync()` resolves: one fdatasync of the WAL, run
 * in the turn's check phase (setImmediate) after every request that was ready in that turn has
 * been handled, so all of their commits share it. A lone request pays what FULL costs (one sync on
 * the main thread, no hand-off to another thread); a burst pays one sync for all of it.
 * fdatasync, as SQLite itself syncs its WAL on Linux: the data and the size, not the times.
 *
 * Why this is as durable as FULL for everything acknowledged: SQLite appends WAL frames in commit
 * order and recovery keeps every frame up to the last valid commit record; a sync of the file
 * (through any descriptor of it) puts all frames written before it on disk. A power cut can lose
 * only commits whose sync had not run, and nothing of those was answered, shown or published.
 * SQLite syncs the WAL itself before each checkpoint in NORMAL mode, so a checkpoint never copies
 * frames that are not durable into the database file.
 *
 * Contract: one WalSync per open database; the WAL file exists while the database is open in WAL
 * mode (SQLite keeps it until the last connection closes); `close` before the database closes.
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export class WalSync {
  readonly #walPath: string;
  #fd: number | null = null;
  /** The sync scheduled for the end of this turn, or null. */
  #scheduled: Promise<void> | null = null;
  #syncs = 0;

  readonly #onSync: (seconds: number) => void;

  /** `dbPath`: the database file (its WAL is `<dbPath>-wal`); `onSync`: how long each sync took. */
  constructor(dbPath: string, onSync: (seconds: number) => void = () => undefined) {
    this.#walPath = `${dbPath}-wal`;
    this.#onSync = onSync;
  }

  /** Syncs completed so far (fewer than the commits they covered under load). */
  get syncs(): number {
    return this.#syncs;
  }

  /**
   * Resolves once every WAL frame written before this call is on disk (at the end of this turn of
   * the event loop); rejects, with the path, if the WAL cannot be opened or synced.
   */
  sync(): Promise<void> {
    this.#scheduled ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.#scheduled = null;
        try {
          const started = performance.now();
          fdatasyncSync(this.#open());
          this.#onSync((performance.now() - started) / 1000);
          this.#syncs += 1;
          resolve();
        } catch (error) {
          reject(new Error(`cannot sync the event log's WAL (${this.#walPath}): ${error instanceof Error ? error.message : String(error)}`));
        }
      });
    });
    return this.#scheduled;
  }

  /** The sync a caller must wait for to see everything written so far durable, or null when none is pending. */
  get pending(): Promise<void> | null {
    return this.#scheduled;
  }

  /**
   * Syncs the WAL on libuv's thread pool with nobody waiting (after writes that need no
   * acknowledgement, so their pages are not left for the next command's sync). Errors are left to
   * that next sync, which meets them again and reports them.
   */
  syncInBackground(): void {
    try {
      fdatasync(this.#open(), () => undefined);
    } catch {
      // The next command's sync opens the WAL again and reports what is wrong.
    }
  }

  async close(): Promise<void> {
    await this.#scheduled?.catch(() => undefined);
    if (this.#fd === null) return;
    closeSync(this.#fd);
    this.#fd = null;
  }

  #open(): number {
    this.#fd ??= openSync(this.#walPath, 'r');
    return this.#fd;
  }
}
