/**
 * The application service of the hall: owns the live engine state and runs every command as
 *   decide (pure engine) → fold (evolve) → commit (one transaction) → swap state → publish once durable,
 * then writes the projection rows of recent commands in an idle moment (QueueStore contract). With
 * a store in deferred mode (group commit, store/wal-sync.ts) "durable" comes at the end of the
 * event loop's turn: the next command already sees the new state, while the stream, snapshots and
 * every HTTP answer (whenDurable) wait for the sync.
 * better-sqlite3 is synchronous, so commands never interleave; if the commit throws, the live
 * state is untouched and nothing is published.
 */
import type { Ticket, WaitEstimate } from '../common/domain.ts';
import { toPublicTicket } from '../common/domain.ts';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DomainEvent, EventActor, StoredEvent } from '../common/events.ts';
import type { HallConfig } from '../common/hall-config.ts';
import type { HallSnapshot, RecentCall, StreamEvent } from '../common/wire.ts';
import { foldEvents, type HallState } from '../core/hall-state.ts';
import { closeDayIfDue, type EngineContext } from '../core/queue-engine.ts';
import { ratingWindowView } from '../core/rating.ts';
import { estimateWait } from '../core/wait-estimate.ts';
import type { InTransaction, QueueStore } from '../store/queue-store.ts';

export type Decision = (config: HallConfig, state: HallState, ctx: EngineContext) => DomainEvent[];
export type EventListener = (events: readonly StreamEvent[]) => void;

const RECENT_CALLS = 10;
/**
 * Projection rows are written in the server's idle moments (`flushWhenIdle`, server/idle-work.ts),
 * so that no request waits behind the write of fifty rows. Without an idle moment they are written
 * once PROJECTION_FLUSH_ROWS are pending, right after the turn that reached it, and at the latest
 * PROJECTION_FLUSH_MS after a commit (QueueStore contract: rows follow their events shortly).
 */
export const PROJECTION_FLUSH_MS = 1_000;
export const PROJECTION_FLUSH_ROWS = 200;
const FLUSH_RETRY_MS = 1_000;

export type BackgroundTask = 'event listener' | 'projection flush';

export class HallService {
  readonly config: HallConfig;
  readonly #store: QueueStore;
  readonly #clock: () => number;
  readonly #newId: () => string;
  readonly #listeners = new Set<EventListener>();
  /** The device and staff member of the request being handled (actingAs). */
  readonly #acting = new AsyncLocalStorage<EventActor>();
  readonly #onBackgroundError: (error: unknown, task: BackgroundTask) => void;
  readonly #onCommit: (seconds: number) => void;
  readonly #inCommit: InTransaction | null;
  #state: HallState;
  #recentCalls: RecentCall[] = [];
  #flushSoon = false;
  #flushTimer: NodeJS.Timeout | null = null;
  /** The state and sequence number as of the last published (durable) command: what snapshots show. */
  #published: { readonly state: HallState; readonly seq: number };
  readonly #onDurabilityFailure: (error: unknown) => void;

  constructor(options: {
    config: HallConfig;
    store: QueueStore;
    clock: () => number;
    newId: () => string;
    /**
     * Failures after a command was committed: a listener that throws, or a projection flush that
     * failed (retried). Neither turns a committed command into an error; they are reported here.
     */
    onBackgroundError?: (error: unknown, task: BackgroundTask) => void;
    /** Seconds each durable commit of events took (for /metrics). */
    onCommit?: (seconds: number) => void;
    /**
     * With a store in deferred mode (QueueStore `deferredSync`): the WAL's fsync failed, so commits
     * made since cannot be known durable. Nothing of them was published; the server must stop.
     */
    onDurabilityFailure?: (error: unknown) => void;
    /**
     * Extra writes of every command, inside its commit's transaction (the public links of the
     * tickets it issued); when it throws, the command commits nothing.
     */
    inCommit?: InTransaction;
  }) {
    this.#inCommit = options.inCommit ?? null;
    this.#onCommit = options.onCommit ?? (() => undefined);
    this.#onBackgroundError = options.onBackgroundError ?? (() => undefined);
    this.config = options.config;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#newId = options.newId;
    this.#onDurabilityFailure = options.onDurabilityFailure ?? (() => undefined);
    this.#state = this.#store.loadState(this.config);
    this.#published = { state: this.#state, seq: this.#store.lastSeq };
    // The display's "last calls" survive a restart: rebuilt from the newest events.
    const from = Math.max(0, this.#store.lastSeq - 2000);
    this.#rememberCalls(this.#store.eventsAfter(from, 2000).map(toStreamEvent));
  }

  get state(): HallState {
    return this.#state;
  }

  get lastSeq(): number {
    return this.#store.lastSeq;
  }

  /**
   * The sequence number of the last published event: with group commit, events above it are in
   * the log but not yet durable, so the stream neither replays nor shows them until they are
   * published (equal to lastSeq otherwise).
   */
  get publishedSeq(): number {
    return this.#published.seq;
  }

  now(): number {
    return this.#clock();
  }

  onEvents(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs one command; returns the stored events (empty when the decision produced none).
   * `also` runs inside the command's commit (QueueStore.commit); when it throws, nothing is
   * committed, the state stays and the error propagates.
   */
  execute(decide: Decision, also?: InTransaction): StoredEvent[] {
    const ctx: EngineContext = { now: this.#clock(), newId: this.#newId };
    const events = this.#stamp(decide(this.config, this.#state, ctx));
    if (events.length === 0) return [];
    const fold = foldEvents(this.config, this.#state, events);
    const committing = performance.now();
    const inCommit = this.#inCommit;
    const extra: InTransaction | undefined =
      inCommit === null
        ? also
        : (stored) => {
            inCommit(stored);
            also?.(stored);
          };
    const stored = this.#store.commit(events, { tickets: fold.tickets, counters: fold.counters }, extra);
    this.#onCommit((performance.now() - committing) / 1000);
    this.#state = fold.state;
    this.#scheduleFlush();
    this.#publishWhenDurable(stored, fold.state);
    return stored;
  }

  /**
   * Resolves when every command committed so far is durable (null when none waits: always so
   * unless the store is in deferred mode). The HTTP layer sends no answer before it.
   */
  whenDurable(): Promise<void> | null {
    return this.#store.pendingDurable;
  }

  /**
   * Publishes the stored events once they are durable: at once, or after the WAL's sync (deferred
   * mode). After the sync the publication waits one more microtask, so that the answers waiting
   * for the same sync (registered on it after this command) are written first: the caller's answer
   * does not wait for the stream's fan-out and the live KPIs.
   */
  #publishWhenDurable(stored: readonly StoredEvent[], state: HallState): void {
    const durable = this.#store.durable();
    const publish = (): void => {
      this.#published = { state, seq: stored[stored.length - 1]?.seq ?? this.#published.seq };
      this.#publish(stored);
    };
    if (durable === null) publish();
    else
      durable.then(
        () => queueMicrotask(publish),
        (error: unknown) => this.#onDurabilityFailure(error),
      );
  }

  /**
   * Records a change outside the queue (a dossier's step): `write` changes its rows and returns
   * the events that describe it; both commit in one durable transaction (QueueStore.record), then
   * the events are published like a command's. The queue state stays as it is. When `write`
   * throws, nothing is written and the error propagates.
   */
  record(write: () => readonly DomainEvent[]): StoredEvent[] {
    const committing = performance.now();
    const stored = this.#store.record(() => this.#stamp(write()));
    if (stored.length === 0) return stored;
    this.#onCommit((performance.now() - committing) / 1000);
    this.#scheduleFlush(); // rows derived from the events (QueueStore projectEvents)
    this.#publishWhenDurable(stored, this.#state);
    return stored;
  }

  /**
   * Runs `work` on behalf of a device and staff member: every event it causes records them as
   * `data.actor` (AsyncLocalStorage, so it holds across the awaits of a request).
   */
  actingAs<T>(actor: EventActor, work: () => T): T {
    return this.#acting.run(actor, work);
  }

  /** The actor of the request being handled, if any. */
  get actor(): EventActor | null {
    return this.#acting.getStore() ?? null;
  }

  #stamp<E extends DomainEvent>(events: readonly E[]): E[] {
    const actor = this.#acting.getStore();
    if (!actor) return [...events];
    return events.map((e) => (e.data.actor ? e : ({ ...e, data: { ...e.data, actor } } as E)));
  }

  #publish(stored: readonly StoredEvent[]): void {
    const published = stored.map(toStreamEvent);
    this.#rememberCalls(published);
    for (const listener of this.#listeners) {
      try {
        listener(published);
      } catch (error) {
        this.#onBackgroundError(error, 'event listener');
      }
    }
  }

  /** Waits until every commit is durable and closes the log's sync (deferred mode); then the database may close. */
  async close(): Promise<void> {
    await this.#store.close();
  }

  /** Writes the pending projection rows now (before shutdown, or when a reader needs them). */
  flushProjections(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    try {
      this.#store.flushProjections();
    } catch (error) {
      this.#scheduleFlush(FLUSH_RETRY_MS); // the rows stay pending: keep trying in the background
      throw error;
    }
  }

  /** The idle job: writes the pending projection rows, if any (errors are reported, the rows kept). */
  flushWhenIdle(): void {
    if (this.#store.hasPendingProjections) this.#flushPending();
  }

  #scheduleFlush(delayMs = PROJECTION_FLUSH_MS): void {
    if (!this.#store.hasPendingProjections) return;
    if (this.#store.pendingProjectionRows >= PROJECTION_FLUSH_ROWS && !this.#flushSoon) {
      // Load without idle moments: write them after this turn's requests, not inside one.
      this.#flushSoon = true;
      setImmediate(() => {
        this.#flushSoon = false;
        this.#flushPending();
      });
    }
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null;
      this.#flushPending();
    }, delayMs);
    this.#flushTimer.unref();
  }

  #flushPending(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    try {
      if (this.#store.flushProjections() > 0) this.#store.syncInBackground();
    } catch (error) {
      // The rows stay pending and the events are durable: report, and try again a second later.
      this.#onBackgroundError(error, 'projection flush');
      this.#scheduleFlush(FLUSH_RETRY_MS);
    }
  }

  /** Closes the business day when due (the end-of-day job, scheduled-jobs.ts, at start and every 30 s). */
  closeDayIfDue(): number {
    return this.execute(closeDayIfDue).length;
  }

  eventsAfter(seq: number, limit: number): StreamEvent[] {
    return this.#store.eventsAfter(seq, limit).map(toStreamEvent);
  }

  ticket(id: string): Ticket | null {
    return this.#state.tickets.get(id) ?? this.#store.ticketById(id);
  }

  /**
   * What a new normal ticket of each service would wait, as of the last published command: the
   * kiosk shows it before a ticket is taken. Each estimate counts from the service's waiting
   * tallies, not a walk of the tickets (core/wait-estimate.ts).
   */
  serviceWaits(): { seq: number; services: WaitEstimate[] } {
    const { state, seq } = this.#published;
    return { seq, services: this.config.services.map((s) => estimateWait(this.config, state, s.id)) };
  }

  /** What a display is shown: the state as of the last published command, never one not yet durable. */
  snapshot(): HallSnapshot {
    const { state, seq } = this.#published;
    const open = [...state.tickets.values()];
    return {
      seq,
      now: this.#clock(),
      businessDate: state.businessDate,
      hall: { id: this.config.hall.id, name: this.config.hall.name },
      services: this.config.services.map((s) => ({
        id: s.id,
        prefix: s.prefix,
        name: s.name,
        waiting: open.filter((t) => t.status === 'waiting' && t.serviceId === s.id).length,
        estimate: estimateWait(this.config, state, s.id),
      })),
      counters: this.config.counters.map((c) => {
        const cs = state.counters.get(c.id);
        const current = cs?.currentTicketId ? state.tickets.get(cs.currentTicketId) : undefined;
        return {
          id: c.id,
          number: c.number,
          name: c.name,
          state: cs?.state ?? 'closed',
          pauseReason: cs?.pauseReason ?? null,
          serviceIds: c.services.map((s) => s.serviceId),
          current: current ? toPublicTicket(current) : null,
          ratingWindow: ratingWindowView(state, c.id, this.#clock()),
        };
      }),
      queue: open.filter((t) => t.status === 'waiting' || t.status === 'held').map(toPublicTicket),
      recentCalls: [...this.#recentCalls],
    };
  }

  #rememberCalls(events: readonly StreamEvent[]): void {
    for (const e of events) {
      if ((e.type !== 'ticket.called' && e.type !== 'ticket.recalled') || e.counterId === null) continue;
      const data = e.data as { number: string; callCount: number };
      const counterNumber = this.config.counters.find((c) => c.id === e.counterId)?.number ?? 0;
      this.#recentCalls = [
        { seq: e.seq, number: data.number, counterId: e.counterId, counterNumber, at: e.at, callCount: data.callCount },
        ...this.#recentCalls,
      ].slice(0, RECENT_CALLS);
    }
  }
}

/** Strips what the hall may not see: person hash, device id, chain hashes. */
/** The stream's copy: no person hash, no issuing device, no actor (those stay in the log). */
export function toStreamEvent(e: StoredEvent): StreamEvent {
  const { actor: _actor, ...rest } = e.data as { actor?: unknown } & Record<string, unknown>;
  const data = e.type === 'ticket.issued' ? { ticket: toPublicTicket(e.data.ticket) } : rest;
  return { seq: e.seq, type: e.type, at: e.at, ticketId: e.ticketId, counterId: e.counterId, data };
}
