/**
 * Prometheus metrics of the hall server (prom-client): requests by operation and status, their
 * handling time, the durable commit of each command, queue gauges read at scrape time, and the
 * default process metrics (CPU, memory, event-loop lag, handles). One registry per server, so two
 * servers in one process (tests) never share counters.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HallService } from './hall-service.ts';

const BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** A durable commit is one fsync: sub-millisecond steps, so a slow disk shows before requests do. */
const COMMIT_BUCKETS_S = [0.0001, 0.0002, 0.0003, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.01, 0.025, 0.1, 1];

/** What the gauges read when scraped. */
export interface MetricsSource {
  readonly hall: Pick<HallService, 'snapshot'>;
  readonly streamClients: () => number;
}

export class Metrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({
    name: 'hall_http_requests_total',
    help: 'HTTP requests by operation and status.',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });

  readonly #durations = new Histogram({
    name: 'hall_http_request_duration_seconds',
    help: 'Request handling time.',
    labelNames: ['operation'] as const,
    buckets: BUCKETS_S,
    registers: [this.registry],
  });

  readonly #commits = new Histogram({
    name: 'hall_event_commit_seconds',
    help: "Commit of a command's events (with group commit, the WAL's sync is apart: hall_event_log_sync_seconds).",
    buckets: COMMIT_BUCKETS_S,
    registers: [this.registry],
  });

  readonly #syncs = new Histogram({
    name: 'hall_event_log_sync_seconds',
    help: 'One group-commit sync (fdatasync) of the event log, covering the commands of one event-loop turn.',
    buckets: COMMIT_BUCKETS_S,
    registers: [this.registry],
  });

  readonly #checkpoints = new Histogram({
    name: 'hall_wal_checkpoint_seconds',
    help: 'One checkpoint of the WAL into the database file, run in an idle moment of the server.',
    buckets: BUCKETS_S,
    registers: [this.registry],
  });

  /** `defaultMetrics`: the process metrics (off in unit tests that count series). */
  constructor(source: MetricsSource | null, options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    if (source === null) return;
    new Gauge({
      name: 'hall_queue_waiting',
      help: 'Tickets waiting per service.',
      labelNames: ['service'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const s of source.hall.snapshot().services) this.set({ service: s.id }, s.waiting);
      },
    });
    new Gauge({
      name: 'hall_counters_open',
      help: 'Counters open now.',
      registers: [this.registry],
      collect() {
        this.set(source.hall.snapshot().counters.filter((c) => c.state === 'open').length);
      },
    });
    new Gauge({
      name: 'hall_event_log_seq',
      help: 'Sequence number of the newest event.',
      registers: [this.registry],
      collect() {
        this.set(source.hall.snapshot().seq);
      },
    });
    new Gauge({
      name: 'hall_stream_clients',
      help: 'Connected WebSocket stream clients.',
      registers: [this.registry],
      collect() {
        this.set(source.streamClients());
      },
    });
  }

  observe(operationId: string, status: number, seconds: number): void {
    this.#requests.inc({ operation: operationId, status: String(status) });
    this.#durations.observe({ operation: operationId }, seconds);
  }

  /** One commit of a command's events (with FULL, its fsync included). */
  observeCommit(seconds: number): void {
    this.#commits.observe(seconds);
  }

  /** One group-commit sync of the event log's WAL (the wait every command of its turn shares). */
  observeSync(seconds: number): void {
    this.#syncs.observe(seconds);
  }

  /** One WAL checkpoint (idle-checkpoints.ts). */
  observeCheckpoint(seconds: number): void {
    this.#checkpoints.observe(seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
