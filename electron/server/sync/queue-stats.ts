/**
 * Queue statistics for the provincial system: one `queue.stats` outbox item per finished
 * business day, built from the KPI queries (the figures of getKpis: the hall row and one row per
 * service; aggregates only, no person). Idempotency key `<hall id>:queue.stats:<date>`: the day
 * is reported once, whoever asks first (the daily timer or a supervisor on demand).
 *
 * The daily job enqueues every finished day after the last one it enqueued (kept in hall_meta as
 * `queue_stats_through`), at most MAX_CATCH_UP_DAYS back; the first run starts at yesterday.
 */
import type { HallConfig } from '../../common/hall-config.ts';
import { addDays, businessDateOf } from '../../core/business-time.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';
import type { HallDatabase } from '../../store/open-database.ts';
import { enqueueOutbox, type EnqueueResult } from '../../store/outbox-store.ts';

export const QUEUE_STATS_TOPIC = 'queue.stats';
const THROUGH_KEY = 'queue_stats_through';
const MAX_CATCH_UP_DAYS = 31;

export function queueStatsKey(hallId: string, date: string): string {
  return `${hallId}:${QUEUE_STATS_TOPIC}:${date}`;
}

/** The message of one business day. */
export function queueStatsPayload(config: HallConfig, kpis: KpiQueries, date: string, generatedAt: number): unknown {
  const [totals] = kpis.kpiRows(date, date, 'none', config.targets);
  const serviceName = new Map(config.services.map((s) => [s.id, s.name.vi]));
  return {
    schema: 'one-stop-hall/queue-stats/1',
    agencyCode: config.hall.agencyCode,
    hallId: config.hall.id,
    businessDate: date,
    timeZone: config.schedule.timeZone,
    generatedAt: new Date(generatedAt).toISOString(),
    targets: config.targets,
    totals,
    byService: kpis.kpiRows(date, date, 'service', config.targets).map((r) => ({ ...r, serviceName: serviceName.get(r.key) ?? null })),
  };
}

export class QueueStatsJob {
  readonly #db: HallDatabase;
  readonly #config: HallConfig;
  readonly #kpis: KpiQueries;
  readonly #clock: () => number;
  readonly #getThrough;
  readonly #setThrough;

  constructor(db: HallDatabase, config: HallConfig, kpis: KpiQueries, clock: () => number) {
    this.#db = db;
    this.#config = config;
    this.#kpis = kpis;
    this.#clock = clock;
    this.#getThrough = db.prepare(`SELECT value FROM hall_meta WHERE key = '${THROUGH_KEY}'`).pluck();
    this.#setThrough = db.prepare(`INSERT INTO hall_meta (key, value) VALUES ('${THROUGH_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }

  #today(): string {
    return businessDateOf(this.#clock(), this.#config.schedule.timeZone);
  }

  /** Whether `date` (YYYY-MM-DD) is a business day that has ended. */
  isFinished(date: string): boolean {
    return date < this.#today();
  }

  /** Enqueues one finished day (on demand); an already enqueued day answers its item unchanged. */
  enqueueDay(date: string): EnqueueResult {
    if (!this.isFinished(date)) throw new Error(`business day ${date} has not ended yet`);
    const now = this.#clock();
    // KPI reads flush projections first: done before the transaction opens.
    const payload = queueStatsPayload(this.#config, this.#kpis, date, now);
    return this.#db.transaction(() => this.#enqueue(date, payload, now)).immediate();
  }

  /** Queues one day's statistics (inside the caller's transaction). */
  #enqueue(date: string, payload: ReturnType<typeof queueStatsPayload>, now: number): EnqueueResult {
    return enqueueOutbox(this.#db, {
      topic: QUEUE_STATS_TOPIC,
      aggregateId: `${this.#config.hall.id}:${QUEUE_STATS_TOPIC}`,
      idempotencyKey: queueStatsKey(this.#config.hall.id, date),
      payload,
      now,
    });
  }

  /** The daily job: every finished day not enqueued yet; returns the dates enqueued. */
  enqueueDue(): string[] {
    const yesterday = addDays(this.#today(), -1);
    const through = (this.#getThrough.get() as string | undefined) ?? addDays(yesterday, -1);
    if (through >= yesterday) return [];
    const dates: string[] = [];
    for (let d = addDays(through, 1); d <= yesterday; d = addDays(d, 1)) dates.push(d);
    const now = this.#clock();
    const todo = dates.slice(-MAX_CATCH_UP_DAYS).map((date) => ({ date, payload: queueStatsPayload(this.#config, this.#kpis, date, now) }));
    this.#db
      .transaction(() => {
        for (const { date, payload } of todo) this.#enqueue(date, payload, now);
        this.#setThrough.run(yesterday);
      })
      .immediate();
    return todo.map((t) => t.date);
  }
}
