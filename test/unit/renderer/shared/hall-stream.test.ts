/**
 * The renderer's stream client against a real hall server (temp SQLite, port 0) over real
 * WebSockets (the `ws` package stands in for the browser's WebSocket).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { AlertMessage, HallSnapshot, KpisUpdatedMessage, StreamEvent } from '../../../../electron/common/wire.ts';
import { HallApi, HallApiError } from '../../../../renderer/shared/hall-api.ts';
import { HallStream, type SocketLike, type StreamStatus } from '../../../../renderer/shared/hall-stream.ts';
import { startTestHall, type TestHall } from '../../../support/hall-server.ts';

const KPI_THROTTLE_MS = 200;
const createSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (predicate()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error('condition not met in time'));
      }
    }, 5);
  });
}

describe('HallStream and HallApi against a real hall server', () => {
  let hall: TestHall;
  let kiosk: HallApi;

  before(async () => {
    // KPI pushes at most every 200 ms instead of the hall's 5 s: the tests are about what is pushed.
    hall = await startTestHall({ live: { throttleMs: KPI_THROTTLE_MS } });
    kiosk = new HallApi({ baseUrl: hall.url, token: hall.device('kiosk') });
  });
  after(() => hall.close());

  it('gets a snapshot, then live events in sequence', async (t) => {
    const snapshots: HallSnapshot[] = [];
    const events: StreamEvent[] = [];
    const stream = new HallStream({
      url: kiosk.streamUrl,
      token: hall.device('display'),
      createSocket,
      handlers: { onSnapshot: (s) => snapshots.push(s), onEvent: (e) => events.push(e) },
    });
    stream.start();
    t.after(() => stream.stop()); // a failed wait must not leave the socket retrying
    await until(() => snapshots.length === 1);
    const { ticket } = await kiosk.issueTicket({ serviceId: 'ho-tich' });
    await until(() => events.length === 1);
    assert.equal(events[0]?.type, 'ticket.issued');
    assert.equal(events[0]?.ticketId, ticket.id);
    assert.equal(stream.lastSeq, events[0]?.seq);
    stream.stop();
    assert.equal(stream.status, 'offline');
  });

  it("hands a display today's KPIs as the hall pushes them, the same row as the report of today", async (t) => {
    const pushed: KpisUpdatedMessage[] = [];
    const displayToken = hall.device('display');
    const stream = new HallStream({
      url: kiosk.streamUrl,
      token: displayToken,
      createSocket,
      handlers: { onSnapshot: () => undefined, onEvent: () => undefined, onKpis: (m) => pushed.push(m) },
    });
    stream.start();
    t.after(() => stream.stop());
    await until(() => stream.status === 'live');
    const before = (await new HallApi({ baseUrl: hall.url, token: displayToken }).kpis()).rows[0]?.tickets ?? 0;
    await kiosk.issueTicket({ serviceId: 'chung-thuc' });
    // The hall pushes KPIs at most every KPI_THROTTLE_MS (live-kpis.ts throttleMs, trailing): the
    // previous test's push can hold this one back by that much.
    await until(() => pushed.some((m) => m.hall.tickets === before + 1));
    const latest = pushed.at(-1);
    const report = await new HallApi({ baseUrl: hall.url, token: displayToken }).kpis({ from: latest?.businessDate, to: latest?.businessDate });
    assert.deepEqual(latest?.hall, report.rows[0]);
    stream.stop();
  });

  it('hands a counter the alerts of a kiosk’s call for help, raised and cleared, outside the event sequence', async (t) => {
    const alerts: AlertMessage[] = [];
    const events: StreamEvent[] = [];
    let snapshots = 0;
    const counterToken = hall.device('counter', 'quay-1');
    const stream = new HallStream({
      url: kiosk.streamUrl,
      token: counterToken,
      createSocket,
      handlers: { onSnapshot: () => (snapshots += 1), onEvent: (e) => events.push(e), onAlert: (m) => alerts.push(m) },
    });
    stream.start();
    t.after(() => stream.stop());
    await until(() => snapshots === 1);
    const before = stream.lastSeq;
    const { alertId } = await kiosk.requestHelp();
    await until(() => alerts.length === 1);
    await new HallApi({ baseUrl: hall.url, token: counterToken }).resolveHelp(alertId);
    await until(() => alerts.length === 2);
    assert.deepEqual(
      alerts.map((m) => [m.state, m.alert.id]),
      [
        ['raised', alertId],
        ['cleared', alertId],
      ],
    );
    assert.equal(stream.lastSeq, before, 'alerts are not logged events');
    assert.deepEqual(events, []);
    stream.stop();
  });

  it('resumes after a dropped connection from its last sequence, without duplicates or gaps', async (t) => {
    const events: StreamEvent[] = [];
    const statuses: StreamStatus[] = [];
    let snapshots = 0;
    const sockets: WebSocket[] = [];
    const stream = new HallStream({
      url: kiosk.streamUrl,
      token: hall.device('display'),
      retryMs: { min: 20, max: 100 },
      createSocket: (url) => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        return ws as unknown as SocketLike;
      },
      handlers: { onSnapshot: () => snapshots++, onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) },
    });
    stream.start();
    t.after(() => stream.stop());
    await until(() => snapshots === 1 && stream.status === 'live');
    sockets[0]?.terminate();
    await until(() => stream.status === 'offline');
    await kiosk.issueTicket({ serviceId: 'ho-tich' });
    await kiosk.issueTicket({ serviceId: 'chung-thuc' });
    await until(() => events.length === 2);
    assert.equal(snapshots, 1, 'resumed by replay, not by a fresh snapshot');
    assert.equal(events[1]!.seq, events[0]!.seq + 1);
    assert.ok(sockets.length >= 2);
    assert.deepEqual(statuses.slice(0, 4), ['connecting', 'live', 'offline', 'connecting']);
    stream.stop();
  });

  it('stops and reports unauthorized when the token is refused', async (t) => {
    const statuses: StreamStatus[] = [];
    const stream = new HallStream({
      url: kiosk.streamUrl,
      token: 'dev_not-a-token',
      createSocket,
      handlers: { onSnapshot: () => {}, onEvent: () => {}, onStatus: (s) => statuses.push(s) },
    });
    stream.start();
    t.after(() => stream.stop());
    await until(() => stream.status === 'unauthorized');
    assert.equal(statuses.includes('live'), false);
  });

  it('API errors carry the server code; an unreachable server is NETWORK', async () => {
    await assert.rejects(
      kiosk.issueTicket({ serviceId: 'no-such-service' }),
      (e: unknown) => e instanceof HallApiError && e.code === 'UNKNOWN_SERVICE' && e.status === 404,
    );
    const offline = new HallApi({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    await assert.rejects(offline.snapshot(), (e: unknown) => e instanceof HallApiError && e.code === 'NETWORK');
  });
});
