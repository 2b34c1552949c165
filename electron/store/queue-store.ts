/**
 * Queue persistence: the durable event log and the projections (tickets, counters) derived from it.
 *
 * Contract:
 * - `commit` appends one command's events in one IMMEDIATE transaction with synchronous=FULL: when
 *   it returns they are on disk. This is the acknowledgement the hall gives a kiosk.
 *   With `deferredSync` (the hall server), the transaction runs with synchronous=NORMAL instead and
 *   the events are durable once the promise of `durable()` resolves (one fdatasync of the WAL at
 *   the end of the event loop's turn, shared by the commits of that turn: wal-sync.ts); the
 *   caller acknowledges, shows and publishes nothing before that.
 * - The projection rows the events produced are written shortly after, several commands at once,
 *   by `flushProjections` (the hall service runs it in its idle moments), in one transaction that
 *   also records `projected_seq`, the last event they reflect. Every read of a projection from
 *   this class flushes first, so readers of the store see their own writes.
 * - Other rows derived from the events (`projectEvents`: the ticket links) are written in the same
 *   transaction as the projection rows, from the events committed since the last flush.
 * - After a crash, `loadState` re-folds the events after `projected_seq` and writes the rows they
 *   produce: the event log is the truth, the projections never lose anything.
 * Why: writing the ticket row and its index in the acknowledged commit tripled the WAL pages each
 * issue had to fsync (docs/decisions.md, "Projections are written behind the event log").
 */
import type { CounterState, Ticket } from '../common/domain.ts';
import type { DomainEvent, StoredEvent } from '../common/events.ts';
import type { HallConfig } from '../common/hall-config.ts';
import { foldEvents, initialState, waitingByService, type HallState, type RatingWindow } from '../core/hall-state.ts';
import { PersistentMap } from '../core/persistent-map.ts';
import { EventAppender, rowToEvent, type ChainSealer } from './event-log.ts';
import { ROLLUP_SOURCE_COLUMNS, rollupTicketOfRow, type KpiRollups, type RollupSourceRow } from './kpi-rollups.ts';
import type { RollupTicket } from '../core/kpi-rollup.ts';
import type { HallDatabase } from './open-database.ts';
import { WalSync } from './wal-sync.ts';

interface TicketRow {
  id: string;
  business_date: string;
  issued_service_id: string;
  service_id: string;
  seq: number;
  number: string;
  priority: string;
  priority_basis: string;
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
  dossier_count: number;
}

const TICKET_COLUMNS = [
  'id',
  'business_date',
  'issued_service_id',
  'service_id',
  'seq',
  'number',
  'priority',
  'status',
  'channel',
  'issued_at',
  'queued_at',
  'slot_start',
  'target_counter_id',
  'counter_id',
  'officer_id',
  'first_called_at',
  'last_called_at',
  'call_count',
  'started_at',
  'finished_at',
  'outcome',
  'closed_at',
  'person_hash',
  'procedure_id',
  'device_id',
  'rating',
  'rated_at',
  'dossier_count',
  'priority_basis',
] as const;

export function rowToTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    businessDate: r.business_date,
    issuedServiceId: r.issued_service_id,
    serviceId: r.service_id,
    seq: r.seq,
    number: r.number,
    priority: r.priority as Ticket['priority'],
    status: r.status as Ticket['status'],
    channel: r.channel as Ticket['channel'],
    issuedAt: r.issued_at,
    queuedAt: r.queued_at,
    slotStart: r.slot_start,
    targetCounterId: r.target_counter_id,
    counterId: r.counter_id,
    officerId: r.officer_id,
    firstCalledAt: r.first_called_at,
    lastCalledAt: r.last_called_at,
    callCount: r.call_count,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome as Ticket['outcome'],
    closedAt: r.closed_at,
    personHash: r.person_hash,
    procedureId: r.procedure_id,
    deviceId: r.device_id,
    rating: r.rating as Ticket['rating'],
    ratedAt: r.rated_at,
    dossierCount: r.dossier_count,
    priorityBasis: r.priority_basis as Ticket['priorityBasis'],
  };
}

/** The ticket's values in TICKET_COLUMNS order: positional binding is cheaper than named on every commit. */
function ticketValues(t: Ticket): unknown[] {
  return [
    t.id,
    t.businessDate,
    t.issuedServiceId,
    t.serviceId,
    t.seq,
    t.number,
    t.priority,
    t.status,
    t.channel,
    t.issuedAt,
    t.queuedAt,
    t.slotStart,
    t.targetCounterId,
    t.counterId,
    t.officerId,
    t.firstCalledAt,
    t.lastCalledAt,
    t.callCount,
    t.startedAt,
    t.finishedAt,
    t.outcome,
    t.closedAt,
    t.personHash,
    t.procedureId,
    t.deviceId,
    t.rating,
    t.ratedAt,
    t.dossierCount,
    t.priorityBasis,
  ];
}

/** A ticket as the rollups count it: a received dossier makes it a dossier ticket (live tickets carry no imported code). */
function rollupTicketOf(t: Ticket): RollupTicket {
  return {
    ticketId: t.id,
    businessDate: t.businessDate,
    issuedAt: t.issuedAt,
    slotStart: t.slotStart,
    priority: t.priority,
    serviceId: t.serviceId,
    procedureId: t.procedureId,
    counterId: t.counterId,
    officerId: t.officerId,
    status: t.status,
    firstCalledAt: t.firstCalledAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    outcome: t.outcome,
    rating: t.rating,
    dossiers: t.outcome === 'received_dossier' ? t.dossierCount : 0,
  };
}

/** Extra writes of a command, run in its commit's transaction with the events just stored. */
export type InTransaction = (stored: readonly StoredEvent[]) => void;

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
  readonly #record;
  readonly #writeProjections;
  readonly #projectedSeq;
  /** Rows produced by committed events and not yet written: newest row per id. */
  readonly #pendingTickets = new Map<string, Ticket>();
  readonly #pendingCounters = new Map<string, CounterState>();
  readonly #rollups: KpiRollups | null;
  readonly #projectEvents: ((events: readonly StoredEvent[]) => void) | null;
  /** With `projectEvents`: the events committed since the last flush. */
  #pendingEvents: StoredEvent[] = [];
  /** Deferred mode: the WAL's group fsync, and the statements that switch a commit to NORMAL and back. */
  readonly #wal: { readonly sync: WalSync; readonly normal: { run(): unknown }; readonly full: { run(): unknown } } | null;

  /**
   * `chainSealer` keys the event log's digests of hall-only fields (event-log.ts); `rollups`: the
   * daily KPI rollups, kept in the transaction that writes the ticket rows (store/kpi-rollups.ts).
   * `deferredSync`: commits are made durable by `durable()` rather than inside the commit (see above).
   * `projectEvents`: writes rows derived from events (idempotently: it may see an event again after
   * a crash), inside the projection flush's transaction; it is given every event committed since
   * the last flush, or the events re-folded by `loadState`.
   */
  constructor(
    db: HallDatabase,
    chainSealer?: ChainSealer,
    rollups: KpiRollups | null = null,
    options: {
      readonly deferredSync?: boolean;
      readonly onSync?: (seconds: number) => void;
      readonly projectEvents?: (events: readonly StoredEvent[]) => void;
    } = {},
  ) {
    this.#db = db;
    this.#projectEvents = options.projectEvents ?? null;
    this.#rollups = rollups;
    this.#wal =
      options.deferredSync === true
        ? { sync: new WalSync(db.name, options.onSync), normal: db.prepare('PRAGMA synchronous = NORMAL'), full: db.prepare('PRAGMA synchronous = FULL') }
        : null;
    const storedRow = db.prepare(`SELECT ${ROLLUP_SOURCE_COLUMNS} FROM tickets WHERE id = ?`);
    this.#appender = new EventAppender(db, chainSealer);
    const placeholders = TICKET_COLUMNS.map(() => '?').join(', ');
    const updates = TICKET_COLUMNS.filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    this.#upsertTicket = db.prepare(`INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}) VALUES (${placeholders}) ON CONFLICT (id) DO UPDATE SET ${updates}`);
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
    this.#commit = db.transaction((events: readonly DomainEvent[], also?: InTransaction): StoredEvent[] => {
      const stored = this.#appender.append(events);
      also?.(stored);
      return stored;
    });
    this.#record = db.transaction((write: () => readonly DomainEvent[]): StoredEvent[] => this.#appender.append(write()));
    const setProjected = db.prepare("INSERT INTO hall_meta (key, value) VALUES ('projected_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    this.#projectedSeq = db.prepare("SELECT value FROM hall_meta WHERE key = 'projected_seq'").pluck();
    this.#writeProjections = db.transaction((tickets: Iterable<Ticket>, counters: Iterable<CounterState>, events: readonly StoredEvent[], seq: number) => {
      this.#projectEvents?.(events);
      for (const t of tickets) {
        if (rollups) {
          const before = storedRow.get(t.id) as RollupSourceRow | undefined;
          rollups.stage(before ? rollupTicketOfRow(before) : null, rollupTicketOf(t));
        }
        this.#upsertTicket.run(ticketValues(t));
      }
      rollups?.flush();
      for (const c of counters) this.#upsertCounter.run(c);
      setProjected.run(String(seq));
    });
    // A database written before projected_seq existed kept its projections in step with every
    // commit; a new one has no events. Either way, everything up to the head is projected now.
    if (this.#projectedSeq.get() === undefined) setProjected.run(String(this.#appender.lastSeq));
  }

  get lastSeq(): number {
    return this.#appender.lastSeq;
  }

  /**
   * Appends the events in one IMMEDIATE transaction; with synchronous=FULL they are on disk when
   * this returns. The projection rows are kept for the next flush. On failure nothing is written,
   * nothing is kept, and the error propagates (the caller must not apply the events).
   * `also` runs inside the same transaction after the events are appended (a row of another table
   * that belongs to this command, e.g. an appointment's check-in); if it throws, nothing commits.
   */
  commit(events: readonly DomainEvent[], changes: ProjectionChanges, also?: InTransaction): StoredEvent[] {
    if (events.length === 0) return [];
    let stored: StoredEvent[];
    try {
      stored = this.#durably(() => this.#commit.immediate(events, also));
    } catch (error) {
      this.#appender.reloadHead();
      throw error;
    }
    for (const t of changes.tickets) this.#pendingTickets.set(t.id, t);
    for (const c of changes.counters) this.#pendingCounters.set(c.id, c);
    this.#keepForProjection(stored);
    return stored;
  }

  /**
   * Runs `write` (changes to rows outside the queue, e.g. a dossier's) and appends the events it
   * returns, in one IMMEDIATE transaction with synchronous=FULL. When `write` throws, nothing is
   * written and the error propagates. Such events change no ticket or counter row.
   */
  record(write: () => readonly DomainEvent[]): StoredEvent[] {
    let stored: StoredEvent[];
    try {
      stored = this.#durably(() => this.#record.immediate(write));
    } catch (error) {
      this.#appender.reloadHead();
      throw error;
    }
    this.#keepForProjection(stored);
    return stored;
  }

  #keepForProjection(stored: readonly StoredEvent[]): void {
    if (this.#projectEvents !== null) for (const e of stored) this.#pendingEvents.push(e);
  }

  /** Whether commits are made durable by `durable()` (deferred mode) rather than inside the commit. */
  get deferredSync(): boolean {
    return this.#wal !== null;
  }

  /**
   * Deferred mode: resolves once every commit made so far is on disk (rejects if the WAL's fsync
   * failed); null otherwise (each commit was durable when it returned).
   */
  durable(): Promise<void> | null {
    return this.#wal?.sync.sync() ?? null;
  }

  /**
   * A write outside the event log (an Idempotency-Key's answer) made durable with the commands: in
   * deferred mode it runs with synchronous=NORMAL and a WAL sync is asked for, which every answer
   * waits for (`pendingDurable`); otherwise it runs as it is (synchronous=FULL). A failed sync is
   * reported through the commands' own sync (HallService), not here.
   */
  writeBesideLog(write: () => void): void {
    this.#durably(write);
    this.#wal?.sync.sync().catch(() => undefined);
  }

  /**
   * Deferred mode: syncs the WAL on the thread pool with nobody waiting, after the projection rows
   * were written in an idle moment, so that their pages go to disk then and not inside the next
   * command's sync (a sync writes out every unsynced page of the WAL). A failure is reported by
   * the next command's own sync.
   */
  syncInBackground(): void {
    this.#wal?.sync.syncInBackground();
  }

  /** Deferred mode: the WAL sync asked for and not yet completed, or null. */
  get pendingDurable(): Promise<void> | null {
    return this.#wal?.sync.pending ?? null;
  }

  /** Deferred mode: waits for the last WAL sync and closes its descriptor (before the database closes). */
  async close(): Promise<void> {
    await this.#wal?.sync.close();
  }

  /** Runs a commit: as it is with synchronous=FULL, or in deferred mode with NORMAL (durable() syncs it). */
  #durably<T>(transaction: () => T): T {
    const wal = this.#wal;
    if (wal === null) return transaction();
    wal.normal.run();
    try {
      return transaction();
    } finally {
      wal.full.run();
    }
  }

  /** Ticket and counter rows waiting for the flush. */
  get pendingProjectionRows(): number {
    return this.#pendingTickets.size + this.#pendingCounters.size;
  }

  get hasPendingProjections(): boolean {
    return this.#pendingTickets.size > 0 || this.#pendingCounters.size > 0 || this.#pendingEvents.length > 0;
  }

  /**
   * Writes the pending projection rows and projected_seq in one transaction. It runs with
   * synchronous=NORMAL: its pages reach the disk with the next durable commit or checkpoint, and
   * a power cut before that only loses rows that loadState rebuilds from the events.
   * On failure the rows stay pending and the error propagates.
   */
  flushProjections(): number {
    if (!this.hasPendingProjections) return 0;
    const count = this.#pendingTickets.size + this.#pendingCounters.size;
    this.#db.pragma('synchronous = NORMAL');
    try {
      this.#writeProjections.immediate(this.#pendingTickets.values(), this.#pendingCounters.values(), this.#pendingEvents, this.#appender.lastSeq);
    } catch (error) {
      this.#rollups?.discard();
      throw error;
    } finally {
      this.#db.pragma('synchronous = FULL');
    }
    this.#pendingTickets.clear();
    this.#pendingCounters.clear();
    this.#pendingEvents = [];
    return count;
  }

  eventsAfter(afterSeq: number, limit: number): StoredEvent[] {
    return (this.#eventsAfter.all(afterSeq, limit) as Parameters<typeof rowToEvent>[0][]).map(rowToEvent);
  }

  ticketById(id: string): Ticket | null {
    this.flushProjections();
    const row = this.#ticketById.get(id) as TicketRow | undefined;
    return row ? rowToTicket(row) : null;
  }

  ticketByNumber(businessDate: string, number: string): Ticket | null {
    this.flushProjections();
    const row = this.#ticketByNumber.get(businessDate, number) as TicketRow | undefined;
    return row ? rowToTicket(row) : null;
  }

  /**
   * The engine state at the head of the log (at start, or after a restart mid-day): the
   * projections, brought up to the head first by folding the events they do not reflect yet.
   */
  loadState(config: HallConfig): HallState {
    this.flushProjections();
    const projected = Number(this.#projectedSeq.get() ?? 0);
    const state = this.#loadProjectedState(config);
    if (projected >= this.#appender.lastSeq) return state;
    const events = this.eventsAfter(projected, Number.MAX_SAFE_INTEGER);
    const fold = foldEvents(config, state, events);
    try {
      this.#writeProjections.immediate(fold.tickets, fold.counters, events, this.#appender.lastSeq);
    } catch (error) {
      this.#rollups?.discard();
      throw error;
    }
    return fold.state;
  }

  #loadProjectedState(config: HallConfig): HallState {
    const base = initialState(config);
    const db = this.#db;
    const day = (db.prepare('SELECT MAX(business_date) AS d FROM tickets').get() as { d: string | null }).d;
    const tickets = new Map<string, Ticket>();
    const openRows = db.prepare("SELECT * FROM tickets WHERE business_date = ? AND status IN ('waiting', 'called', 'serving', 'held')").all(day) as TicketRow[];
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
        id,
        state: row.state as CounterState['state'],
        officerId: row.officer_id as string | null,
        pauseReason: row.pause_reason as string | null,
        currentTicketId: row.current_ticket_id as string | null,
        priorityStreak: row.priority_streak as number,
        updatedAt: row.updated_at as number,
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
    return {
      businessDate: day,
      tickets: PersistentMap.from(tickets),
      waiting: waitingByService(tickets.values()),
      counters,
      lastSeq,
      issuedCount,
      recentServiceMs,
      ratingWindows: loadRatingWindows(db, config, day),
    };
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
