/** The records of idempotency keys (migration 0010, core/idempotency.ts); statements prepared once. */
import type { IdempotencyRecord } from '../core/idempotency.ts';
import type { HallDatabase } from './open-database.ts';

const toRecord = (r: Record<string, unknown>): IdempotencyRecord => ({
  scope: r.scope as string,
  key: r.key as string,
  fingerprint: r.fingerprint as string,
  createdAt: r.created_at as number,
  status: r.status as number | null,
  body: r.body as string | null,
});

export class IdempotencyStore {
  readonly #s;

  readonly #write: (write: () => void) => void;

  /**
   * `write`: how a kept answer is written; by default at once with the connection's durability,
   * in the hall server beside the event log's group commit (QueueStore.writeBesideLog), so an
   * issue with a key costs one sync, not two.
   */
  constructor(db: HallDatabase, write: (write: () => void) => void = (w) => w()) {
    this.#write = write;
    this.#s = {
      find: db.prepare('SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?'),
      keep: db.prepare(
        `INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, status, body) VALUES (@scope, @key, @fingerprint, @createdAt, @status, @body)
         ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at, status = excluded.status, body = excluded.body`,
      ),
      purge: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
    };
  }

  find(scope: string, key: string): IdempotencyRecord | null {
    const row = this.#s.find.get(scope, key) as Record<string, unknown> | undefined;
    return row ? toRecord(row) : null;
  }

  /** Keeps the first answer of a key (replacing a record past its retention). */
  keep(record: IdempotencyRecord): void {
    this.#write(() => this.#s.keep.run(record));
  }

  /** Deletes records created before `before`; returns how many. */
  purgeBefore(before: number): number {
    return this.#s.purge.run(before).changes;
  }
}
