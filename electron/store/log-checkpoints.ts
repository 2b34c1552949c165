/**
 * Keyed checkpoints anchoring the event log (migration 0015; docs/security.md, "Anchored event
 * log"). The chain (event-log.ts) is unkeyed: anyone who can write the database can delete or
 * change events and recompute every later hash, and the chain alone would say intact. So at every
 * day close the hall writes a checkpoint of the log's head,
 *
 *   mac = HMAC-SHA256( key(log-checkpoint/v1), "log-checkpoint/v1\n" ‖ seq ‖ "\n" ‖ headHash ‖ "\n" ‖ at ‖ "\n" ‖ businessDate )
 *
 * with the key derived from the hall data key (server/hall-keys.ts), which is kept outside the
 * database, in the same transaction as the events it anchors, and queues a copy in the outbox to
 * the provincial system (topic log.checkpoint) in that transaction too. `verifyCheckpoints` then
 * checks the log against every checkpoint: each MAC (with the key), that the log still reaches
 * each checkpoint's sequence (else it was truncated), and that the event there still has the
 * anchored hash (else the log was rewritten at or before it). The provincial copy anchors the
 * checkpoints themselves: one deleted from the hall's table is still listed there
 * (`verify-log --checkpoints FILE`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HallDatabase } from './open-database.ts';

const LABEL = 'log-checkpoint/v1';

export interface LogCheckpoint {
  /** The sequence number of the log's head when it was written. */
  readonly seq: number;
  /** That event's hash. */
  readonly headHash: string;
  /** Epoch ms it was written (the day close's time). */
  readonly at: number;
  /** The business day it closes, YYYY-MM-DD. */
  readonly businessDate: string;
  /** HMAC-SHA256 of the fields above, hex. */
  readonly mac: string;
}

export type CheckpointFields = Omit<LogCheckpoint, 'mac'>;

/** The text the MAC is computed over. */
export function checkpointMessage(c: CheckpointFields): string {
  return `${LABEL}\n${c.seq}\n${c.headHash}\n${c.at}\n${c.businessDate}`;
}

/** Computes and checks checkpoint MACs with the hall's log-checkpoint key. */
export class CheckpointSigner {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength < 32) throw new Error('the log checkpoint key must have at least 32 bytes');
    this.#key = Buffer.from(key);
  }

  sign(c: CheckpointFields): LogCheckpoint {
    return { ...c, mac: this.#mac(c) };
  }

  verify(c: LogCheckpoint): boolean {
    const expected = Buffer.from(this.#mac(c), 'hex');
    const given = /^[0-9a-f]{64}$/.test(c.mac) ? Buffer.from(c.mac, 'hex') : Buffer.alloc(0);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #mac(c: CheckpointFields): string {
    return createHmac('sha256', this.#key).update(checkpointMessage(c)).digest('hex');
  }
}

interface CheckpointRow {
  seq: number;
  head_hash: string;
  at: number;
  business_date: string;
  mac: string;
}

const fromRow = (r: CheckpointRow): LogCheckpoint => ({ seq: r.seq, headHash: r.head_hash, at: r.at, businessDate: r.business_date, mac: r.mac });

/** Writes a checkpoint in the caller's transaction; a second one at the same sequence is ignored (false). */
export function writeCheckpoint(db: HallDatabase, c: LogCheckpoint): boolean {
  if (!db.inTransaction) throw new Error('a log checkpoint is written in the transaction of the events it anchors');
  const info = db
    .prepare('INSERT INTO log_checkpoints (seq, head_hash, at, business_date, mac) VALUES (?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING')
    .run(c.seq, c.headHash, c.at, c.businessDate, c.mac);
  return info.changes > 0;
}

/** Every checkpoint of the database, by sequence. */
export function listCheckpoints(db: HallDatabase): LogCheckpoint[] {
  return (db.prepare('SELECT seq, head_hash, at, business_date, mac FROM log_checkpoints ORDER BY seq').all() as CheckpointRow[]).map(fromRow);
}

export type CheckpointProblemKind = 'forged' | 'truncated' | 'rewritten' | 'missing';

export interface CheckpointProblem {
  readonly kind: CheckpointProblemKind;
  /** The checkpoint's sequence number. */
  readonly seq: number;
  readonly businessDate: string;
  /** The first sequence number the problem may start at (the last checkpoint that still holds, plus one). */
  readonly fromSeq: number;
  readonly reason: string;
}

export interface CheckpointVerification {
  readonly ok: boolean;
  /** Checkpoints compared with the log. */
  readonly checked: number;
  /** Whether their MACs were checked (the key was at hand). */
  readonly macsChecked: boolean;
  /** The newest checkpoint that holds, or 0. */
  readonly anchoredSeq: number;
  readonly problems: readonly CheckpointProblem[];
}

/**
 * Checks the log against its checkpoints and against `external` ones (the provincial system's
 * copy): with `signer`, each MAC; then that the log reaches each sequence and has the anchored
 * hash there. An external checkpoint absent from the table is reported as `missing` (and checked
 * like the others, once its MAC holds).
 */
export function verifyCheckpoints(db: HallDatabase, signer: CheckpointSigner | null, external: readonly LogCheckpoint[] = []): CheckpointVerification {
  const local = listCheckpoints(db);
  const bySeq = new Map(local.map((c) => [c.seq, c]));
  const problems: CheckpointProblem[] = [];
  const all = [...local];
  for (const c of external) {
    const mine = bySeq.get(c.seq);
    if (mine && mine.headHash === c.headHash && mine.mac === c.mac) continue;
    if (!mine) {
      problems.push({
        kind: 'missing',
        seq: c.seq,
        businessDate: c.businessDate,
        fromSeq: c.seq,
        reason: `the checkpoint of seq ${c.seq} (day close ${c.businessDate}) that the provincial system holds is not in the hall's table: it was deleted`,
      });
    }
    all.push(c);
  }
  all.sort((a, b) => a.seq - b.seq);
  const lastSeq = (db.prepare('SELECT MAX(seq) FROM events').pluck().get() as number | null) ?? 0;
  const hashAt = db.prepare('SELECT hash FROM events WHERE seq = ?').pluck();
  let anchored = 0;
  for (const c of all) {
    const base = { seq: c.seq, businessDate: c.businessDate, fromSeq: anchored + 1 };
    if (signer && !signer.verify(c)) {
      problems.push({
        ...base,
        kind: 'forged',
        reason: `the checkpoint of seq ${c.seq} (day close ${c.businessDate}) does not carry the hall's MAC: it was forged or altered`,
      });
      continue;
    }
    if (c.seq > lastSeq) {
      problems.push({
        ...base,
        kind: 'truncated',
        reason: `the log ends at seq ${lastSeq}, but the day close of ${c.businessDate} anchored seq ${c.seq}: events ${lastSeq + 1}–${c.seq} are missing (truncated)`,
      });
      continue;
    }
    const hash = hashAt.get(c.seq) as string | undefined;
    if (hash !== c.headHash) {
      problems.push({
        ...base,
        kind: 'rewritten',
        reason: `event ${c.seq} is not the one the day close of ${c.businessDate} anchored: the log was rewritten between seq ${anchored + 1} and ${c.seq}`,
      });
      continue;
    }
    anchored = Math.max(anchored, c.seq);
  }
  return { ok: problems.length === 0, checked: all.length, macsChecked: signer !== null, anchoredSeq: anchored, problems };
}
