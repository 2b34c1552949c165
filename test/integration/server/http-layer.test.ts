/**
 * The HTTP layer around the routes, driven with fastify.inject() (no socket needed): static files
 * with their cache rules, CORS only for configured origins, Server-Timing, per-route body limits, and path
 * traversal refused.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PAPER_BYTES } from '../../../electron/common/dossier-wire.ts';
import { MAX_BODY_BYTES } from '../../../electron/common/wire.ts';
import { createHallServer, type HallServer } from '../../../electron/server/hall-server.ts';
import { createRootLogger } from '../../../electron/server/logger.ts';
import { openDemoHall, tempDir } from '../../support/hall-server.ts';

describe('HTTP layer (inject)', () => {
  const tmp = tempDir('hall-http-');
  let server: HallServer;
  let kiosk = '';

  before(async () => {
    const site = join(tmp.dir, 'site');
    mkdirSync(join(site, 'kiosk', 'assets'), { recursive: true });
    writeFileSync(join(site, 'kiosk', 'index.html'), '<!doctype html><title>Ki-ốt</title>');
    writeFileSync(join(site, 'kiosk', 'assets', 'index-3f9a1c.js'), 'console.log(1);');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'not for the LAN');
    server = createHallServer({
      dbPath: join(tmp.dir, 'hall.db'),
      config: openDemoHall(),
      staticDir: site,
      log: createRootLogger('silent'),
      provincial: { env: {} },
    });
    await server.app.ready();
    kiosk = server.access.createEnrolledDevice({ id: 'kiosk-http', role: 'kiosk', name: 'kiosk', counterId: null, validDays: 1 });
  });
  after(async () => {
    await server.close();
    tmp.cleanup();
  });

  test('hashed assets are immutable for a year; index.html is revalidated every time', async () => {
    const asset = await server.app.inject({ method: 'GET', url: '/kiosk/assets/index-3f9a1c.js' });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(asset.headers['content-type']), /javascript/);
    assert.equal(asset.headers['x-content-type-options'], 'nosniff');
    for (const url of ['/kiosk/', '/kiosk/index.html']) {
      const page = await server.app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 200, url);
      assert.equal(page.headers['cache-control'], 'no-cache', url);
      assert.match(page.body, /Ki-ốt/);
    }
  });

  test('a path leaving the static folder is not served', async () => {
    for (const url of ['/../secret.txt', '/kiosk/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const res = await server.app.inject({ method: 'GET', url });
      assert.notEqual(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /not for the LAN/, url);
    }
    const missing = await server.app.inject({ method: 'GET', url: '/kiosk/no-such.js' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'NOT_FOUND');
  });

  test('API answers carry Server-Timing and no-store; no other web page may call the API (no CORS by default)', async () => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/v1/hall/config',
      headers: { authorization: `Bearer ${kiosk}`, origin: 'http://evil.lan' },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['server-timing']), /^app;dur=\d+\.\d{3}$/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['access-control-allow-origin'], undefined, 'the browser withholds the answer from the other page');
    // The attack of the earlier version: a page anywhere on the LAN guessing pairing codes through the browser.
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/devices/pair',
      headers: { origin: 'http://evil.lan', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    assert.equal(preflight.statusCode, 404, 'with no allowed origin there is no CORS handling: a preflight names nothing');
  });

  test('an origin the hall configures (hall.allowedOrigins) is allowed, with the headers terminals send; others are not', async () => {
    const config = openDemoHall();
    const allowing = createHallServer({
      dbPath: join(tmp.dir, 'cors.db'),
      config: { ...config, hall: { ...config.hall, allowedOrigins: ['https://portal.hall.lan'] } },
      log: createRootLogger('silent'),
      provincial: { env: {} },
    });
    try {
      const ask = (origin: string) =>
        allowing.app.inject({
          method: 'OPTIONS',
          url: '/api/v1/tickets',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
        });
      const allowed = await ask('https://portal.hall.lan');
      assert.equal(allowed.statusCode, 204);
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://portal.hall.lan');
      assert.match(String(allowed.headers['access-control-allow-headers']), /x-staff-session/);
      assert.match(String(allowed.headers['access-control-allow-headers']), /x-paper-sha256/);
      assert.equal((await ask('http://evil.lan')).headers['access-control-allow-origin'], undefined);
    } finally {
      await allowing.close();
    }
  });

  test('body limits are per route: JSON routes 16 KiB, the paper upload 25 MiB', async () => {
    const json = server.routes.find((r) => r.operationId === 'issueTicket');
    const upload = server.routes.find((r) => r.operationId === 'uploadPaper');
    assert.equal(server.app.hasRoute({ method: 'POST', url: '/api/v1/tickets' }), true);
    assert.equal(json?.rawBody, undefined);
    assert.equal(upload?.rawBody?.limit, MAX_PAPER_BYTES);
    const big = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ serviceId: 'ho-tich', pad: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.details.limitBytes, MAX_BODY_BYTES);
    // A body above the JSON limit but within the upload's reaches the upload's own checks.
    const dossier = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/dossiers/no-such/papers/GCS',
      headers: {
        authorization: `Bearer ${kiosk}`,
        'content-type': 'application/pdf',
        'x-paper-sha256': 'a'.repeat(64),
        'x-paper-pages': '1',
        'x-paper-dpi': '300',
      },
      payload: Buffer.alloc(MAX_BODY_BYTES * 4, 0x25),
    });
    assert.equal(dossier.statusCode, 404);
    assert.equal(dossier.json().error.code, 'UNKNOWN_DOSSIER');
  });
});
