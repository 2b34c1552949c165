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
import { after, before, describe, it } from 'node:test';
import type { DeviceHost } from '../../../../devices/terminal/device-host.ts';
import { hashPin } from '../../../../electron/server/secrets.ts';
import { AccessStore } from '../../../../electron/store/access-store.ts';
import { ownHallTls, wantedNames, type HallTls } from '../../../../electron/server/hall-tls.ts';
import { HallCertificateRefusedError, hallConnection } from '../../../../devices/terminal/hall-connection.ts';
import { startTestHall, tempDir, type TestHall } from '../../../support/hall-server.ts';
import { collectingLogger, openRatingWindow, serveToFinish, startKeypadHost, until, type Credentials } from '../../../support/keypad-rating-steps.ts';

const NAMES = wantedNames([], [], 'hall-test');

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
  async function call(method: string, path: string, as: Credentials, body?: unknown): Promise<{ status: number; json: any }> {
    const c = hallConnection({ origin: hall.url, caFingerprint: tls.caFingerprint });
    const headers: Record<string, string> = { authorization: `Bearer ${as.token}`, 'content-type': 'application/json' };
    if (as.session) headers['x-staff-session'] = as.session;
    try {
      const res = await c.fetch(`${hall.url}${path}`, {
        method,
        headers,
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
    host = await startKeypadHost({
      counterId: 'quay-1',
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
    const login = await call('POST', '/api/v1/sessions', { token: officer }, { username, pin: '123456' });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    const session = login.json.sessionToken as string;
    const ticketId = await serveToFinish({
      call,
      counterId: 'quay-1',
      officer: { token: officer, session },
      kiosk: hall.device('kiosk'),
      advance: (ms) => (now += ms),
    });
    const page = await openRatingWindow(host);
    try {
      host.manager.simulators.keypad?.press('satisfied');
      await until(() => hall.server.hall.ticket(ticketId)?.rating === 'satisfied', 'the rating to arrive', 8000);
    } finally {
      await page.close();
    }
    // The hall stores the rating before its answer reaches the sender, which logs it on the answer.
    await until(() => lines.some((l) => l.msg === 'keypad rating sent to the hall server'), 'the sender to log the rating as sent', 8000);
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
      host = await startKeypadHost({
        counterId: 'quay-1',
        hallUrl: mitmUrl,
        hallCaFingerprint: tls.caFingerprint,
        ratingToken: hall.device('rating', 'quay-1'),
        logger: collectingLogger(lines),
      });
      // The level check at start asks the "hall" at once: refused.
      await until(() => lines.some((l) => typeof l.detail === 'string' && l.detail.includes('refused the certificate')), 'the refusal in the log', 8000);
      const page = await openRatingWindow(host);
      try {
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
