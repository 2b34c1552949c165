/**
 * Ingest of a hall's event log. One delivery is one transaction: the hall's row is locked (one
 * delivery of a hall at a time, across every hub process), the chain is checked from the hub's
 * head, new events are stored, the ticket projection and the daily rollups of the days they touch
 * are updated, the head moves, and a NOTIFY tells every hub process (live.ts). Events the hub
 * already has are skipped when their hash is the one stored (a retry), and refused as a rewrite
 * otherwise: storage is idempotent by (hall, seq).
 *
 * A refusal other than a gap raises an alert (its own transaction, after the rollback) and stops
 * nothing else: other halls keep delivering. A gap is how a hall learns where to resume (it was
 * ahead of the hub, e.g. after a hub restore): no alert.
 */
import type { IngestBatch, IngestResult, PublicEventWire } from '../common/province-wire.ts';
import { checkNewEvents, isConsecutive, personalDataIn, type ChainProblem } from './chain-check.ts';
import { inTransaction, type Pool, type PoolClient } from './database.ts';
import { copyEvents } from './event-copy.ts';
import { LIVE_CHANNEL, type LiveNotice } from './live-channel.ts';
import type { Partitions } from './partitions.ts';
import { applyEvent, TICKET_COLUMNS, ticketIdsOf, type TicketRow } from './ticket-projection.ts';

export class IngestRefused extends Error {
  constructor(
    readonly problem: ChainProblem,
    readonly headSeq: number,
  ) {
    super(problem.message);
    this.name = 'IngestRefused';
  }
}

export class IngestBadRequest extends Error {}

const TICKET_TYPES: Readonly<Record<(typeof TICKET_COLUMNS)[number], string>> = {
  id: 'text',
  business_date: 'date',
  number: 'text',
  issued_at: 'bigint',
  slot_start: 'bigint',
  priority: 'text',
  service_id: 'text',
  procedure_id: 'text',
  counter_id: 'text',
  officer_id: 'text',
  status: 'text',
  first_called_at: 'bigint',
  started_at: 'bigint',
  finished_at: 'bigint',
  outcome: 'text',
  rating: 'text',
};

const UPSERT_TICKETS = `
  INSERT INTO tickets (hall_id, ${TICKET_COLUMNS.join(', ')})
  SELECT $1, * FROM unnest(${TICKET_COLUMNS.map((c, i) => `$${i + 2}::${TICKET_TYPES[c]}[]`).join(', ')})
  ON CONFLICT (hall_id, id) DO UPDATE SET ${TICKET_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

/**
 * The statements of every delivery run as named prepared statements: each connection parses and
 * plans them once instead of once per delivery (planning was about a tenth of PostgreSQL's
 * ingest CPU, more than the execution of the smaller ones).
 */
/**
 * Generic plans for the delivery's statements: left to itself PostgreSQL re-planned the
 * `= ANY($n::date[])` rollup statements for every delivery, while one plan (the hall-and-day
 * index) serves every hall and day.
 */
const INGEST_SETTINGS = { plan_cache_mode: 'force_generic_plan' } as const;

const named = (name: string, text: string, values: unknown[]): { name: string; text: string; values: unknown[] } => ({ name: `ingest-${name}`, text, values });

const LOCK_HEAD = `
  UPDATE halls SET name = $2, district = $3, level = $4, time_zone = $5, wait_target_min = $6, service_target_min = $7,
                   satisfaction_target_pct = $8, last_batch_at = now()
   WHERE id = $1 AND revoked_at IS NULL
   RETURNING head_seq, head_hash, wait_target_min, service_target_min`;

const KNOWN_EVENTS = 'SELECT seq, hash FROM events WHERE hall_id = $1 AND seq = ANY($2::bigint[])';
const READ_TICKETS = `SELECT ${TICKET_COLUMNS.join(', ')} FROM tickets WHERE hall_id = $1 AND id = ANY($2::text[])`;
const DELETE_ROLLUPS = 'DELETE FROM daily_rollups WHERE hall_id = $1 AND business_date = ANY($2::date[])';

/** Rollup rows of the given days of a hall, from its tickets: the same wait and service definitions as core/kpi.ts. */
const REBUILD_ROLLUPS = `
  WITH f AS (
    SELECT business_date, service_id, COALESCE(counter_id, '(none)') AS counter_id, COALESCE(officer_id, '(none)') AS officer_id,
           status, rating, outcome,
           CASE WHEN first_called_at IS NULL THEN NULL
                ELSE GREATEST(0, first_called_at - CASE WHEN slot_start IS NOT NULL AND issued_at < slot_start THEN slot_start ELSE issued_at END) END AS w,
           CASE WHEN started_at IS NULL OR finished_at IS NULL THEN NULL ELSE GREATEST(0, finished_at - started_at) END AS s
      FROM tickets WHERE hall_id = $1 AND business_date = ANY($2::date[])
  )
  INSERT INTO daily_rollups
  SELECT $1, business_date, service_id, counter_id, officer_id,
         count(*), count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'no_show'),
         count(w), COALESCE(sum(w), 0), count(*) FILTER (WHERE w <= $3),
         count(s), COALESCE(sum(s), 0), count(*) FILTER (WHERE s <= $4),
         count(rating), count(*) FILTER (WHERE rating IN ('very_satisfied', 'satisfied')),
         count(*) FILTER (WHERE outcome = 'received_dossier'),
         count(*) FILTER (WHERE outcome = 'received_dossier' AND rating IN ('dissatisfied', 'very_dissatisfied'))
    FROM f GROUP BY business_date, service_id, counter_id, officer_id`;

/** The head moves and every hub process is told, in one round trip (the NOTIFY is delivered at COMMIT). */
const MOVE_HEAD_AND_NOTIFY = `
  WITH moved AS (UPDATE halls SET head_seq = $2, head_hash = $3, last_event_at = $4 WHERE id = $1 RETURNING id)
  SELECT pg_notify($5, $6) FROM moved`;

interface HallHead {
  head_seq: number;
  head_hash: string;
  wait_target_min: number;
  service_target_min: number;
}

export interface IngestDeps {
  readonly pool: Pool;
  readonly partitions: Partitions;
}

/** Stores a delivery of hall `hallId` (already authenticated). Throws IngestRefused or IngestBadRequest. */
export async function ingestBatch(deps: IngestDeps, hallId: string, batch: IngestBatch): Promise<IngestResult> {
  if (batch.hall.id !== hallId) throw new IngestBadRequest(`the credential belongs to hall ${hallId}, not ${batch.hall.id}`);
  const events = batch.events;
  if (!isConsecutive(events)) throw new IngestBadRequest('the events of a delivery must be consecutive, oldest first');
  const personal = personalDataIn(events);
  if (personal) {
    await raiseAlert(deps.pool, hallId, personal);
    throw new IngestRefused(personal, -1);
  }
  await deps.partitions.ensureFor(events.map((e) => e.at));
  try {
    return await inTransaction(deps.pool, (client) => ingestIn(client, hallId, batch), INGEST_SETTINGS);
  } catch (error) {
    if (error instanceof IngestRefused && error.problem.code !== 'CHAIN_GAP') await raiseAlert(deps.pool, hallId, error.problem);
    throw error;
  }
}

async function ingestIn(client: PoolClient, hallId: string, batch: IngestBatch): Promise<IngestResult> {
  const { rows } = await client.query<HallHead>(
    named('lock-head', LOCK_HEAD, [
      hallId,
      batch.hall.name,
      batch.hall.district,
      batch.hall.level,
      batch.hall.timeZone,
      batch.hall.targets.waitMinutes,
      batch.hall.targets.serviceMinutes,
      batch.hall.targets.satisfactionPct,
    ]),
  );
  const head = rows[0];
  if (!head) throw new IngestBadRequest(`hall ${hallId} is not enrolled or was revoked`);
  const events = batch.events;
  const verdict = checkNewEvents({ seq: head.head_seq, hash: head.head_hash }, events);
  if (verdict.problem) throw new IngestRefused(verdict.problem, head.head_seq);

  const known = events.filter((e) => e.seq <= head.head_seq);
  if (known.length > 0) {
    const stored = await client.query<{ seq: number; hash: string }>(named('known-events', KNOWN_EVENTS, [hallId, known.map((e) => e.seq)]));
    const byseq = new Map(stored.rows.map((r) => [r.seq, r.hash]));
    for (const e of known) {
      if (byseq.get(e.seq) !== e.hash) {
        throw new IngestRefused(
          { code: 'CHAIN_REWRITE', seq: e.seq, message: `event ${e.seq} differs from the one the hub already holds: the hall's log was rewritten or replaced` },
          head.head_seq,
        );
      }
    }
  }
  const fresh = events.filter((e) => e.seq > head.head_seq);
  const last = fresh[fresh.length - 1];
  if (!last) return { accepted: 0, duplicates: known.length, headSeq: head.head_seq, headHash: head.head_hash };

  await copyEvents(client, hallId, fresh, verdict.dataJson);
  const days = await project(client, hallId, fresh, head);
  await client.query(
    named('move-head', MOVE_HEAD_AND_NOTIFY, [hallId, last.seq, last.hash, last.at, LIVE_CHANNEL, JSON.stringify(noticeOf(hallId, fresh, days))]),
  );
  return { accepted: fresh.length, duplicates: known.length, headSeq: last.seq, headHash: last.hash };
}

/** Updates the tickets the events touch and rebuilds the rollups of their days; returns the days. */
async function project(client: PoolClient, hallId: string, events: readonly PublicEventWire[], head: HallHead): Promise<string[]> {
  const ids = ticketIdsOf(events);
  const rows = new Map<string, TicketRow>();
  if (ids.length > 0) {
    const found = await client.query<TicketRow>(named('read-tickets', READ_TICKETS, [hallId, ids]));
    for (const r of found.rows) rows.set(r.id, r);
  }
  const changed = new Map<string, TicketRow>();
  for (const e of events) {
    const row = applyEvent(rows, e);
    if (row) changed.set(row.id, row);
  }
  if (changed.size === 0) return [];
  const list = [...changed.values()];
  await client.query(named('upsert-tickets', UPSERT_TICKETS, [hallId, ...TICKET_COLUMNS.map((c) => list.map((r) => r[c]))]));
  const days = [...new Set(list.map((r) => r.business_date))];
  await client.query(named('delete-rollups', DELETE_ROLLUPS, [hallId, days]));
  await client.query(named('rebuild-rollups', REBUILD_ROLLUPS, [hallId, days, head.wait_target_min * 60_000, head.service_target_min * 60_000]));
  return days;
}

/** What every hub process hears of a delivery (a NOTIFY payload stays far below its 8000-byte limit). */
function noticeOf(hallId: string, events: readonly PublicEventWire[], days: readonly string[]): LiveNotice {
  const calls: { number: string; counterId: string | null; at: number }[] = [];
  for (const e of events) {
    if (e.type === 'ticket.called' && typeof e.data.number === 'string') calls.push({ number: e.data.number, counterId: e.counterId, at: e.at });
  }
  const last = events[events.length - 1] as PublicEventWire;
  return { kind: 'events', hallId, headSeq: last.seq, lastEventAt: last.at, days: days.slice(0, 4), calls: calls.slice(-5) };
}

/** Records a refused delivery as an open alert (once per hall, kind and sequence) and tells every process. */
export async function raiseAlert(pool: Pool, hallId: string, problem: ChainProblem): Promise<void> {
  const { rowCount } = await pool.query(
    `INSERT INTO alerts (hall_id, kind, seq, detail)
     SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM halls WHERE id = $1)
       AND NOT EXISTS (SELECT 1 FROM alerts WHERE hall_id = $1 AND kind = $2 AND seq IS NOT DISTINCT FROM $3 AND cleared_at IS NULL)`,
    [hallId, problem.code, problem.seq, problem.message],
  );
  if (rowCount)
    await pool.query('SELECT pg_notify($1, $2)', [
      LIVE_CHANNEL,
      JSON.stringify({ kind: 'alert', hallId, code: problem.code, seq: problem.seq } satisfies LiveNotice),
    ]);
}
