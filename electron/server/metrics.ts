/** Prometheus text exposition (format 0.0.4) of the hall server's own counters and gauges. */
import type { HallService } from './hall-service.ts';

const BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** A durable commit is one fsync: sub-millisecond steps, so a slow disk shows before requests do. */
const COMMIT_BUCKETS_S = [0.0001, 0.0002, 0.0003, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.01, 0.025, 0.1, 1];

class Histogram {
  readonly buckets: number[];
  sum = 0;
  count = 0;
  constructor(readonly edges: readonly number[]) {
    this.buckets = edges.map(() => 0);
  }

  observe(seconds: number): void {
    for (let i = 0; i < this.edges.length; i++) if (seconds <= (this.edges[i] ?? 0)) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.sum += seconds;
    this.count += 1;
  }

  /** The _bucket, _sum and _count lines; `labels` is the label list without braces ('' for none). */
  lines(name: string, labels: string): string[] {
    const withLe = (le: string): string => `{${labels ? `${labels},` : ''}le="${le}"}`;
    const plain = labels ? `{${labels}}` : '';
    return [
      ...this.edges.map((b, i) => `${name}_bucket${withLe(String(b))} ${this.buckets[i]}`),
      `${name}_bucket${withLe('+Inf')} ${this.count}`,
      `${name}_sum${plain} ${this.sum}`,
      `${name}_count${plain} ${this.count}`,
    ];
  }
}

export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #durations = new Map<string, Histogram>();
  readonly #commits = new Histogram(COMMIT_BUCKETS_S);

  observe(operationId: string, status: number, seconds: number): void {
    const key = `${operationId}\u0000${status}`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    let h = this.#durations.get(operationId);
    if (!h) {
      h = new Histogram(BUCKETS_S);
      this.#durations.set(operationId, h);
    }
    h.observe(seconds);
  }

  /** One durable commit of a command's events (the fsync an acknowledged command waited for). */
  observeCommit(seconds: number): void {
    this.#commits.observe(seconds);
  }

  render(hall: HallService, streamClients: number): string {
    const lines: string[] = [];
    const label = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    lines.push('# HELP hall_http_requests_total HTTP requests by operation and status.', '# TYPE hall_http_requests_total counter');
    for (const [key, n] of this.#requests) {
      const [op, status] = key.split('\u0000');
      lines.push(`hall_http_requests_total{operation="${label(op ?? '')}",status="${status}"} ${n}`);
    }
    lines.push('# HELP hall_http_request_duration_seconds Request handling time.', '# TYPE hall_http_request_duration_seconds histogram');
    for (const [op, h] of this.#durations) lines.push(...h.lines('hall_http_request_duration_seconds', `operation="${label(op)}"`));
    lines.push(
      '# HELP hall_event_commit_seconds Durable commit of a command\'s events (WAL fsync included).',
      '# TYPE hall_event_commit_seconds histogram',
      ...this.#commits.lines('hall_event_commit_seconds', ''),
    );
    const snapshot = hall.snapshot();
    lines.push('# HELP hall_queue_waiting Tickets waiting per service.', '# TYPE hall_queue_waiting gauge');
    for (const s of snapshot.services) lines.push(`hall_queue_waiting{service="${label(s.id)}"} ${s.waiting}`);
    lines.push('# HELP hall_counters_open Counters open now.', '# TYPE hall_counters_open gauge');
    lines.push(`hall_counters_open ${snapshot.counters.filter((c) => c.state === 'open').length}`);
    lines.push('# HELP hall_event_log_seq Sequence number of the newest event.', '# TYPE hall_event_log_seq gauge');
    lines.push(`hall_event_log_seq ${snapshot.seq}`);
    lines.push('# HELP hall_stream_clients Connected WebSocket stream clients.', '# TYPE hall_stream_clients gauge');
    lines.push(`hall_stream_clients ${streamClients}`);
    return `${lines.join('\n')}\n`;
  }
}
