/**
 * The device host speaks to an https hall only through the hall CA pinned at pairing
 * (hall-connection.ts): a counter's keypad rating reaches the real hall over TLS, while a man in
 * the middle holding another CA's certificate for the same names is refused: it never receives a
 * request, so never the counter's rating token.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { startDeviceHost, type DeviceHost } from '../../../../devices/terminal/device-host.ts';
import { hashPin } from '../../../../electron/server/secrets.ts';
import { AccessStore } from '../../../../electron/store/access-store.ts';
import { ownHallTls, wantedNames, type HallTls } from '../../../../electron/server/hall-tls.ts';
import { HallCertificateRefusedError, hallConnection } from '../../../../devices/terminal/hall-connection.ts';
import { connectDeviceHost } from '../../../support/device-host-client.ts';
import { startTestHall, tempDir, type TestHall } from '../../../support/hall-server.ts';

const NAMES = wantedNames([], [], 'hall-test');

function collectingLogger(lines: Record<string, unknown>[]) {
  return pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
}

async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('device host to an https hall, pinned to its CA', () => {
  let tmp: ReturnType<typeof tempDir>;
  let tls: HallTls;
  let other: HallTls;
  let hall: TestHall;
  let host: DeviceHost | null = null;
  let now = Date.parse('2026-03-02T01:00:00Z'); // 08:00 in Hanoi, a Monday

  before(async () => {
    tmp = tempDir('device-host-tls-');
    tls = await ownHallTls({ dir: join(tmp.dir, 'tls'), names: NAMES, hallName: 'Test hall' });
    other = await ownHallTls({ dir: join(tmp.dir, 'mitm'), names: NAMES, hallName: 'Test hall' });
    hall = await startTestHall({ clock: () => now, dbPath: join(tmp.dir, 'hall.db'), server: { tls } });
  });
  after(async () => {
    await host?.close();
    await hall.close();
    tmp.cleanup();
  });

  /** Hall calls of the test itself go through the same pinned client. */
  async function call(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: any }> {
    const c = hallConnection({ origin: hall.url, caFingerprint: tls.caFingerprint });
    try {
      const res = await c.fetch(`${hall.url}${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
      return { status: res.status, json: JSON.parse(await res.text()) };
    } finally {
      c.close();
    }
  }

  it('a keypad rating reaches the hall over TLS', async () => {
    const lines: Record<string, unknown>[] = [];
    host = await startDeviceHost({
      role: 'counter',
      counterId: 'quay-1',
      devices: [{ id: 'keypad', kind: 'keypad', uri: 'sim:keypad' }],
      hallUrl: hall.url,
      hallCaFingerprint: tls.caFingerprint,
      ratingToken: hall.device('rating', 'quay-1'),
      logger: collectingLogger(lines),
    });
    const officer = hall.device('counter', 'quay-1');
    const username = `officer-${randomUUID().slice(0, 8)}`;
    new AccessStore(hall.server.db).addStaff({
      id: randomUUID(),
      username,
      displayName: 'Cán bộ',
      role: 'officer',
      pinHash: hashPin('123456'),
      counterIds: ['quay-1'],
      now: Date.now(),
    });
    const login = await call('POST', '/api/v1/sessions', { authorization: `Bearer ${officer}` }, { username, pin: '123456' });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    const auth = { authorization: `Bearer ${officer}`, 'x-staff-session': login.json.sessionToken as string };
    const op = async (action: string, body?: unknown) => assert.equal((await call('POST', `/api/v1/counters/quay-1/${action}`, auth, body)).status, 200);
    await op('open');
    const issued = await call('POST', '/api/v1/tickets', { authorization: `Bearer ${hall.device('kiosk')}` }, { serviceId: 'ho-tich' });
    assert.equal(issued.status, 201);
    await op('call-next');
    await op('start');
    now += 60_000;
    await op('finish', { outcome: 'received_dossier' });
    now += 3_000;
    const page = await connectDeviceHost(host.url);
    try {
      await page.hello('counter');
      await page.call('openRatingWindow', 30);
      host.manager.simulators.keypad?.press('satisfied');
      await until(() => hall.server.hall.ticket(issued.json.ticket.id as string)?.rating === 'satisfied', 'the rating to arrive');
    } finally {
      await page.close();
    }
    assert.ok(lines.some((l) => l.msg === 'keypad rating sent to the hall server'));
  });

  it('a man in the middle with another CA’s certificate gets no request: no rating token leaves the terminal', async () => {
    await host?.close();
    const received: string[] = [];
    const mitm: Server = createServer({ key: other.key, cert: other.cert }, (req, res) => {
      received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ticketId":"t"}');
    });
    await new Promise<void>((resolve) => mitm.listen(0, '127.0.0.1', resolve));
    const mitmUrl = `https://127.0.0.1:${(mitm.address() as AddressInfo).port}`;
    const lines: Record<string, unknown>[] = [];
    try {
      host = await startDeviceHost({
        role: 'counter',
        counterId: 'quay-1',
        devices: [{ id: 'keypad', kind: 'keypad', uri: 'sim:keypad' }],
        hallUrl: mitmUrl,
        hallCaFingerprint: tls.caFingerprint,
        ratingToken: hall.device('rating', 'quay-1'),
        logger: collectingLogger(lines),
      });
      // The level check at start asks the "hall" at once: refused.
      await until(() => lines.some((l) => typeof l.detail === 'string' && l.detail.includes('refused the certificate')), 'the refusal in the log');
      const page = await connectDeviceHost(host.url);
      try {
        await page.hello('counter');
        await page.call('openRatingWindow', 30);
        host.manager.simulators.keypad?.press('satisfied');
        await new Promise((r) => setTimeout(r, 1500)); // a few retries of the sender
      } finally {
        await page.close();
      }
      assert.deepEqual(received, [], 'the impostor received nothing');
      const direct = hallConnection({ origin: mitmUrl, caFingerprint: tls.caFingerprint });
      await assert.rejects(direct.fetch(`${mitmUrl}/api/v1/hall/config`, { signal: AbortSignal.timeout(5000) }), HallCertificateRefusedError);
      direct.close();
    } finally {
      await host?.close();
      host = null;
      await new Promise<void>((resolve) => mitm.close(() => resolve()));
    }
  });
});
