/**
 * Queue persistence: loading the engine state at start, and committing one command's events with
 * the projection rows they produced, in one durable transaction.
 */
import type { CounterState, Ticket } from '../common/domain.ts';
import type { DomainEvent, StoredEvent } from '../common/events.ts';
import type { HallConfig } from '../common/hall-config.ts';
import { initialState, type HallState, type RatingWindow } from '../core/hall-state.ts';
import { EventAppender, rowToEvent } from './event-log.ts';
import type { HallDatabase } from './open-database.ts';

interface TicketRow {
  id: string;
  business_date: string;
  issued_service_id: string;
  service_id: string;
  seq: number;
  number: string;
  priority: string;
  status: string;
  channel: string;
  issued_at: number;
  queued_at: number;
  slot_start: number | null;
  target_counter_id: string | null;
  counter_id: string | null;
  officer_id: string | null;
  first_called_at: number | null;
  last_called_at: number | null;
  call_count: number;
  started_at: number | null;
  finished_at: number | null;
  outcome: string | null;
  closed_at: number | null;
  person_hash: string | null;
  procedure_id: string | null;
  device_id: string | null;
  rating: string | null;
  rated_at: number | null;
}

const TICKET_COLUMNS = [
  'id', 'business_date', 'issued_service_id', 'service_id', 'seq', 'number', 'priority', 'status', 'channel',
  'issued_at', 'queued_at', 'slot_start', 'target_counter_id', 'counter_id', 'officer_id', 'first_called_at',
  'last_called_at', 'call_count', 'started_at', 'finished_at', 'outcome', 'closed_at', 'person_hash', 'procedure_id', 'device_id',
  'rating', 'rated_at',
] as const;

export function rowToTicket(r: TicketRow): Ticket {
  return {
    id: r.id, businessDate: r.business_date, issuedServiceId: r.issued_service_id, serviceId: r.service_id, seq: r.seq,
    number: r.number, priority: r.priority as Ticket['priority'], status: r.status as Ticket['status'],
    channel: r.channel as Ticket['channel'], issuedAt: r.issued_at, queuedAt: r.queued_at, slotStart: r.slot_start,
    targetCounterId: r.target_counter_id, counterId: r.counter_id, officerId: r.officer_id,
    firstCalledAt: r.first_called_at, lastCalledAt: r.last_called_at, callCount: r.call_count, startedAt: r.started_at,
    finishedAt: r.finished_at, outcome: r.outcome as Ticket['outcome'], closedAt: r.closed_at, personHash: r.person_hash,
    procedureId: r.procedure_id, deviceId: r.device_id, rating: r.rating as Ticket['rating'], ratedAt: r.rated_at,
  };
}

function ticketToRow(t: Ticket): TicketRow {
  return {
    id: t.id, business_date: t.businessDate, issued_service_id: t.issuedServiceId, service_id: t.serviceId, seq: t.seq,
    number: t.number, priority: t.priority, status: t.status, channel: t.channel, issued_at: t.issuedAt,
    queued_at: t.queuedAt, slot_start: t.slotStart, target_counter_id: t.targetCounterId, counter_id: t.counterId,
    officer_id: t.officerId, first_called_at: t.firstCalledAt, last_called_at: t.lastCalledAt, call_count: t.callCount,
    started_at: t.startedAt, finished_at: t.finishedAt, outcome: t.outcome, closed_at: t.closedAt,
    person_hash: t.personHash, procedure_id: t.procedureId, device_id: t.deviceId, rating: t.rating, rated_at: t.ratedAt,
  };
}

export interface ProjectionChanges {
  readonly tickets: readonly Ticket[];
  readonly counters: readonly CounterState[];
}

export class QueueStore {
  readonly #db: HallDatabase;
  readonly #appender: EventAppender;
  readonly #upsertTicket;
  readonly #upsertCounter;
  readonly #eventsAfter;
  readonly #ticketById;
  readonly #ticketByNumber;
  readonly #commit;

  constructor(db: HallDatabase) {
    this.#db = db;
    this.#appender = new EventAppender(db);
    const named = TICKET_COLUMNS.map((c) => `@${c}`).join(', ');
    const updates = TICKET_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
    this.#upsertTicket = db.prepare(`INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}) VALUES (${named}) ON CONFLICT (id) DO UPDATE SET ${updates}`);
    this.#upsertCounter = db.prepare(
      `INSERT INTO counters (id, state, officer_id, pause_reason, current_ticket_id, priority_streak, updated_at)
       VALUES (@id, @state, @officerId, @pauseReason, @currentTicketId, @priorityStreak, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, officer_id = excluded.officer_id,
         pause_reason = excluded.pause_reason, current_ticket_id = excluded.current_ticket_id,
         priority_streak = excluded.priority_streak, updated_at = excluded.updated_at`,
    );
    this.#eventsAfter = db.prepare('SELECT seq, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.#ticketById = db.prepare('SELECT * FROM tickets WHERE id = ?');
    this.#ticketByNumber = db.prepare('SELECT * FROM tickets WHERE business_date = ? AND number = ?');
    this.#commit = db.transaction((events: readonly DomainEvent[], changes: ProjectionChanges): StoredEvent[] => {
      const stored = this.#appender.append(events);
      for (const t of changes.tickets) this.#upsertTicket.run(ticketToRow(t));
      for (const c of changes.counters) this.#upsertCounter.run(c);
      return stored;
    });
  }

  get lastSeq(): number {
    return this.#appender.lastSeq;
  }

  /**
   * Appends the events and writes the projection rows in one IMMEDIATE transaction; with
   * synchronous=FULL it is on disk when this returns. On failure nothing is written and the error
   * propagates (the caller must not apply the events to its live state).
   */
  commit(events: readonly DomainEvent[], changes: ProjectionChanges): StoredEvent[] {
    if (events.length === 0) return [];
    try {
      return this.#commit.immediate(events, changes);
    } catch (error) {
      this.#appender.reloadHead();
      throw error;
    }
  }

  eventsAfter(afterSeq: number, limit: number): StoredEvent[] {
    return (this.#eventsAfter.all(afterSeq, limit) as Parameters<typeof rowToEvent>[0][]).map(rowToEvent);
  }

  ticketById(id: string): Ticket | null {
    const row = this.#ticketById.get(id) as TicketRow | undefined;
    return row ? rowToTicket(row) : null;
  }

  ticketByNumber(businessDate: string, number: string): Ticket | null {
    const row = this.#ticketByNumber.get(businessDate, number) as TicketRow | undefined;
    return row ? rowToTicket(row) : null;
  }

  /** Rebuilds the engine state from the projections (at start, or after a restart mid-day). */
  loadState(config: HallConfig): HallState {
    const base = initialState(config);
    const db = this.#db;
    const day = (db.prepare('SELECT MAX(business_date) AS d FROM tickets').get() as { d: string | null }).d;
    const tickets = new Map<string, Ticket>();
    const openRows = db
      .prepare("SELECT * FROM tickets WHERE business_date = ? AND status IN ('waiting', 'called', 'serving', 'held')")
      .all(day) as TicketRow[];
    for (const row of openRows) tickets.set(row.id, rowToTicket(row));
    const lastSeq = new Map<string, number>();
    const issuedCount = new Map<string, number>();
    if (day !== null) {
      const rows = db
        .prepare('SELECT issued_service_id AS s, MAX(seq) AS m, COUNT(*) AS n FROM tickets WHERE business_date = ? GROUP BY issued_service_id')
        .all(day) as { s: string; m: number; n: number }[];
      for (const r of rows) {
        lastSeq.set(r.s, r.m);
        issuedCount.set(r.s, r.n);
      }
    }
    const counters = new Map(base.counters);
    for (const row of db.prepare('SELECT * FROM counters').all() as Record<string, unknown>[]) {
      const id = row.id as string;
      if (!counters.has(id)) continue; // a counter removed from the configuration
      counters.set(id, {
        id, state: row.state as CounterState['state'], officerId: row.officer_id as string | null,
        pauseReason: row.pause_reason as string | null, currentTicketId: row.current_ticket_id as string | null,
        priorityStreak: row.priority_streak as number, updatedAt: row.updated_at as number,
      });
    }
    const recentServiceMs = new Map<string, number[]>();
    const sample = config.policy.recentServiceSample;
    const recentStmt = db.prepare(
      'SELECT finished_at - started_at AS ms FROM tickets WHERE service_id = ? AND finished_at IS NOT NULL AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?',
    );
    for (const s of config.services) {
      const list = (recentStmt.all(s.id, sample) as { ms: number }[]).map((r) => r.ms).reverse();
      if (list.length > 0) recentServiceMs.set(s.id, list);
    }
    return { businessDate: day, tickets, counters, lastSeq, issuedCount, recentServiceMs, ratingWindows: loadRatingWindows(db, config, day) };
  }
}

/** Each counter's last finished ticket of the newest day, with its rating window (open or not). */
function loadRatingWindows(db: HallDatabase, config: HallConfig, day: string | null): Map<string, RatingWindow> {
  const windows = new Map<string, RatingWindow>();
  if (day === null) return windows;
  const rows = db
    .prepare('SELECT * FROM tickets WHERE business_date = ? AND finished_at IS NOT NULL AND counter_id IS NOT NULL ORDER BY finished_at')
    .all(day) as TicketRow[];
  for (const row of rows) {
    windows.set(row.counter_id ?? '', { ticket: rowToTicket(row), closesAt: (row.finished_at ?? 0) + config.policy.ratingWindowSeconds * 1000 });
  }
  return windows;
}
