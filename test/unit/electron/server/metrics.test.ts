import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metrics } from '../../../../electron/server/metrics.ts';
import type { HallService } from '../../../../electron/server/hall-service.ts';

/** The few members render() reads. */
const emptyHall = { snapshot: () => ({ services: [], counters: [], seq: 7 }) } as unknown as HallService;
const source = (streamClients: number) => ({ hall: emptyHall, streamClients: () => streamClients });

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  assert.ok(line, `series ${series} in\n${text}`);
  return Number(line.slice(series.length + 1));
}

test('durable commits land in cumulative sub-millisecond buckets', async () => {
  const m = new Metrics(source(0), { defaultMetrics: false });
  for (const s of [0.00015, 0.0004, 0.0004, 0.0018, 0.2]) m.observeCommit(s);
  const text = await m.render();
  assert.match(text, /^# TYPE hall_event_commit_seconds histogram$/m);
  assert.equal(value(text, 'hall_event_commit_seconds_bucket{le="0.0001"}'), 0);
  assert.equal(value(text, 'hall_event_commit_seconds_bucket{le="0.0002"}'), 1);
  assert.equal(value(text, 'hall_event_commit_seconds_bucket{le="0.0005"}'), 3);
  assert.equal(value(text, 'hall_event_commit_seconds_bucket{le="0.002"}'), 4);
  assert.equal(value(text, 'hall_event_commit_seconds_bucket{le="0.1"}'), 4);
  assert.equal(value(text, 'hall_event_commit_seconds_bucket{le="1"}'), 5);
  assert.equal(value(text, 'hall_event_commit_seconds_bucket{le="+Inf"}'), 5);
  assert.equal(value(text, 'hall_event_commit_seconds_count'), 5);
  assert.ok(Math.abs(value(text, 'hall_event_commit_seconds_sum') - 0.20275) < 1e-12);
});

test('group-commit syncs of the event log have their own histogram, apart from the commits', async () => {
  const m = new Metrics(source(0), { defaultMetrics: false });
  m.observeCommit(0.0001);
  for (const s of [0.0003, 0.004]) m.observeSync(s);
  const text = await m.render();
  assert.match(text, /^# TYPE hall_event_log_sync_seconds histogram$/m);
  assert.equal(value(text, 'hall_event_log_sync_seconds_bucket{le="0.0005"}'), 1);
  assert.equal(value(text, 'hall_event_log_sync_seconds_bucket{le="+Inf"}'), 2);
  assert.equal(value(text, 'hall_event_commit_seconds_count'), 1);
});

test('WAL checkpoints have their own histogram', async () => {
  const m = new Metrics(source(0), { defaultMetrics: false });
  for (const s of [0.0008, 0.003, 0.02]) m.observeCheckpoint(s);
  const text = await m.render();
  assert.match(text, /^# TYPE hall_wal_checkpoint_seconds histogram$/m);
  assert.equal(value(text, 'hall_wal_checkpoint_seconds_bucket{le="0.001"}'), 1);
  assert.equal(value(text, 'hall_wal_checkpoint_seconds_bucket{le="0.005"}'), 2);
  assert.equal(value(text, 'hall_wal_checkpoint_seconds_count'), 3);
});

test('request durations are kept per operation, each with its own count', async () => {
  const m = new Metrics(source(2), { defaultMetrics: false });
  m.observe('issueTicket', 201, 0.0008);
  m.observe('issueTicket', 400, 0.003);
  m.observe('callNext', 200, 0.02);
  const text = await m.render();
  assert.equal(value(text, 'hall_http_requests_total{operation="issueTicket",status="201"}'), 1);
  assert.equal(value(text, 'hall_http_requests_total{operation="issueTicket",status="400"}'), 1);
  assert.equal(value(text, 'hall_http_request_duration_seconds_bucket{le="0.001",operation="issueTicket"}'), 1);
  assert.equal(value(text, 'hall_http_request_duration_seconds_bucket{le="0.005",operation="issueTicket"}'), 2);
  assert.equal(value(text, 'hall_http_request_duration_seconds_count{operation="issueTicket"}'), 2);
  assert.equal(value(text, 'hall_http_request_duration_seconds_bucket{le="0.01",operation="callNext"}'), 0);
  assert.equal(value(text, 'hall_http_request_duration_seconds_count{operation="callNext"}'), 1);
  assert.equal(value(text, 'hall_event_commit_seconds_count'), 0);
  assert.equal(value(text, 'hall_stream_clients'), 2);
  assert.equal(value(text, 'hall_event_log_seq'), 7);
});

test('the default process metrics are exported beside the hall series', async () => {
  const text = await new Metrics(source(0)).render();
  assert.match(text, /^# TYPE process_cpu_user_seconds_total counter$/m);
  assert.match(text, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  assert.match(text, /^hall_event_log_seq 7$/m);
});
