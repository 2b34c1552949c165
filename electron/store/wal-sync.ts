/**
 * Group commit for the event log: the WAL file made durable by an fdatasync on libuv's thread pool,
 * shared by every commit written before it started.
 *
 * With synchronous=FULL, SQLite fsyncs the WAL inside each COMMIT, on the calling (main) thread:
 * the server can do nothing else meanwhile, and twenty kiosks issuing at once pay twenty fsyncs
 * one after another. In deferred mode (QueueStore) a command commits with synchronous=NORMAL (its
 * frames are written to the WAL, in order, not yet synced) and the server acknowledges nothing of
 * it until `sync()` resolves: an fdatasync of the WAL file started after that commit has completed
 * (fdatasync, as SQLite itself syncs its WAL on Linux: the data and the size, not the times).
 * Every commit made while one fsync runs is covered by the next one, so one fsync serves many
 * commits, and the main thread keeps working while the disk syncs.
 *
 * Why this is as durable as FULL for everything acknowledged: SQLite appends WAL frames in commit
 * order and recovery keeps every frame up to the last valid commit record; an fsync of the file
 * (through any descriptor of it) puts all frames written before it on disk. A power cut can lose
 * only commits whose sync had not completed, and nothing of those was answered, shown or published.
 * SQLite syncs the WAL itself before each checkpoint in NORMAL mode, so a checkpoint never copies
 * frames that are not durable into the database file.
 *
 * Contract: one WalSync per open database; the WAL file exists while the database is open in WAL
 * mode (SQLite keeps it until the last connection closes); `close` before the database closes.
 */
import { close, fdatasync, openSync } from 'node:fs';

export class WalSync {
  readonly #walPath: string;
  #fd: number | null = null;
  /** The fsync now running, or null. */
  #running: Promise<void> | null = null;
  /** The fsync that starts when the running one ends: it covers commits made while that one ran. */
  #next: Promise<void> | null = null;
  #syncs = 0;

  /** `dbPath`: the database file (its WAL is `<dbPath>-wal`). */
  constructor(dbPath: string) {
    this.#walPath = `${dbPath}-wal`;
  }

  /** Syncs completed so far (fewer than the commits they covered under load). */
  get syncs(): number {
    return this.#syncs;
  }

  /** Resolves once every WAL frame written before this call is on disk; rejects if the fsync failed. */
  sync(): Promise<void> {
    if (this.#running === null) return this.#start();
    // The running fsync may have started before this caller's frames were written: the next one covers them.
    this.#next ??= this.#running.then(
      () => this.#startNext(),
      () => this.#startNext(),
    );
    return this.#next;
  }

  /** The sync a caller must wait for to see everything written so far durable, or null when none is pending. */
  get pending(): Promise<void> | null {
    return this.#next ?? this.#running;
  }

  async close(): Promise<void> {
    await this.pending?.catch(() => undefined);
    if (this.#fd === null) return;
    const fd = this.#fd;
    this.#fd = null;
    await new Promise<void>((resolve) => close(fd, () => resolve()));
  }

  #startNext(): Promise<void> {
    this.#next = null;
    return this.#start();
  }

  #start(): Promise<void> {
    const running = new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        this.#fd ??= openSync(this.#walPath, 'r');
        fd = this.#fd;
      } catch (error) {
        queueMicrotask(() => {
          if (this.#running === running) this.#running = null;
        });
        reject(new Error(`cannot open the event log's WAL (${this.#walPath}) to sync it: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      fdatasync(fd, (error) => {
        if (this.#running === running) this.#running = null;
        if (error) {
          reject(new Error(`fdatasync of the event log's WAL (${this.#walPath}) failed: ${error.message}`));
          return;
        }
        this.#syncs += 1;
        resolve();
      });
    });
    this.#running = running;
    return running;
  }
}
