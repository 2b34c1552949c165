/**
 * The records of idempotency keys (migration 0010, core/idempotency.ts); statements prepared once.
 * A kept answer may hold a secret the hall otherwise keeps only hashed (a staff session from
 * staffLogin), so with a sealer it is stored sealed under the hall
 * data key (AES-256-GCM, the record's scope and key as associated data), never in clear. Records
 * written before sealing read as they are.
 */
import type { IdempotencyRecord } from '../core/idempotency.ts';
import type { DataSealer } from './dossier-store.ts';
import type { HallDatabase } from './open-database.ts';

const SEALED = 'sealed1:';
const aadOf = (scope: string, key: string): string => `idempotency:${scope}:${key}`;

export class IdempotencyStore {
  readonly #s;

  readonly #write: (write: () => void) => void;

  /**
   * `write`: how a kept answer is written; by default at once with the connection's durability,
   * in the hall server beside the event log's group commit (QueueStore.writeBesideLog), so an
   * issue with a key costs one sync, not two.
   */
  readonly #sealer: DataSealer | null;

  constructor(db: HallDatabase, write: (write: () => void) => void = (w) => w(), sealer: DataSealer | null = null) {
    this.#write = write;
    this.#sealer = sealer;
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
    const r = this.#s.find.get(scope, key) as Record<string, unknown> | undefined;
    if (!r) return null;
    const stored = r.body as string | null;
    return {
      scope: r.scope as string,
      key: r.key as string,
      fingerprint: r.fingerprint as string,
      createdAt: r.created_at as number,
      status: r.status as number | null,
      body: stored === null || !stored.startsWith(SEALED) ? stored : this.#open(stored, scope, key),
    };
  }

  /** Keeps the first answer of a key (replacing a record past its retention). */
  keep(record: IdempotencyRecord): void {
    const body = record.body === null || this.#sealer === null ? record.body : this.#seal(record.body, record.scope, record.key);
    this.#write(() => this.#s.keep.run({ ...record, body }));
  }

  #seal(body: string, scope: string, key: string): string {
    return SEALED + (this.#sealer as DataSealer).seal(Buffer.from(body, 'utf8'), aadOf(scope, key)).toString('base64');
  }

  #open(stored: string, scope: string, key: string): string {
    if (this.#sealer === null) throw new Error('a kept answer is sealed, and this store was opened without the hall data key');
    return this.#sealer.open(Buffer.from(stored.slice(SEALED.length), 'base64'), aadOf(scope, key)).toString('utf8');
  }

  /** Deletes records created before `before`; returns how many. */
  purgeBefore(before: number): number {
    return this.#s.purge.run(before).changes;
  }
}
