/**
 * WAL checkpoints in the server's idle moments (server/idle-work.ts) instead of inside a request.
 *
 * SQLite checkpoints by itself inside the commit that takes the WAL past `wal_autocheckpoint`
 * pages (1,000 by default): that commit copies every page changed since the last checkpoint into
 * the database file and syncs both files. In the hall server that was 2–3 ms on the request
 * thread once every ~160 issues, the slowest percent of the issue latency (docs/performance.md).
 * Running the same checkpoint on another thread does not help: its syncs flush the disk's cache
 * under the requests' own syncs, which then take as long. So the checkpoint waits for an idle
 * moment, once `commits` commands were committed since the last one, and runs PASSIVE (it copies
 * what it can and never waits for a reader). The automatic checkpoint stays as the bound for
 * continuous load without an idle moment, at `busyPages`.
 *
 * When the checkpoint copied the whole WAL, one small write follows at once (the time of the
 * checkpoint, in hall_meta): the first commit after a checkpoint starts the WAL again from its
 * beginning and syncs its new header, and that sync is better paid in the idle moment too than by
 * the next request.
 *
 * Durability is unchanged: a checkpoint syncs the WAL before it copies frames and the database
 * file before the WAL may be reused (as the automatic one does).
 */
import type { HallDatabase } from './open-database.ts';

export interface IdleCheckpointOptions {
  /** Commands committed since the last checkpoint before an idle moment runs the next one. */
  readonly commits: number;
  /** SQLite's automatic checkpoint threshold (WAL pages), for load without idle moments. */
  readonly busyPages: number;
}

export const IDLE_CHECKPOINT_DEFAULTS: IdleCheckpointOptions = { commits: 30, busyPages: 4000 };

export interface CheckpointResult {
  /** Frames in the WAL. */
  readonly frames: number;
  /** Frames now copied into the database file. */
  readonly copied: number;
  readonly seconds: number;
}

export class IdleCheckpoints {
  readonly #db: HallDatabase;
  readonly #commitsBefore: number;
  /** False for a database without a WAL file (in memory). */
  readonly #active: boolean;
  readonly #restartWal: { run(at: string): unknown } | null;
  #commits = 0;

  constructor(db: HallDatabase, options: Partial<IdleCheckpointOptions> = {}) {
    const { commits, busyPages } = { ...IDLE_CHECKPOINT_DEFAULTS, ...options };
    this.#db = db;
    this.#commitsBefore = commits;
    this.#active = !db.memory && String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    if (this.#active) db.pragma(`wal_autocheckpoint = ${busyPages}`);
    this.#restartWal = this.#active
      ? db.prepare("INSERT INTO hall_meta (key, value) VALUES ('wal_checkpointed_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      : null;
  }

  /** One command committed. */
  noteCommit(): void {
    this.#commits += 1;
  }

  /** The idle job: a PASSIVE checkpoint when enough commands were committed since the last one; null when none was due. */
  runIfDue(): CheckpointResult | null {
    if (!this.#active || this.#commits < this.#commitsBefore || !this.#db.open) return null;
    this.#commits = 0;
    const started = performance.now();
    const [result] = this.#db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    const frames = result?.log ?? 0;
    const copied = result?.checkpointed ?? 0;
    if (frames > 0 && copied === frames) this.#restartWal?.run(String(Date.now()));
    return { frames, copied, seconds: (performance.now() - started) / 1000 };
  }
}
