/**
 * Finding 10 of the hardening review: the dashboard kept its device token in localStorage, where
 * any script in the page could read it. Pairing a dashboard now sets the token as an HttpOnly,
 * SameSite=Strict cookie and leaves it out of the body; the cookie is accepted from the hall's own
 * pages only. The attacks refused here: reading the token from the pairing answer, a request from
 * another origin riding on the cookie (SameSite does not stop a page on another port of the same
 * host), a state change without the CSRF header, another role's token smuggled in the cookie, and
 * a stream opened by another origin's page with the cookie.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

describe("the dashboard's device cookie", () => {
  let hall: TestHall;
  let cookie: string;
  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${hall.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
  };
  const pair = (role: 'dashboard' | 'kiosk') => {
    const code = hall.server.access.createPairing({ id: randomUUID(), role, name: `${role} mới`, counterId: null, validMinutes: 15 });
    return call('POST', '/api/v1/devices/pair', {}, { code });
  };

  before(async () => {
    hall = await startTestHall();
    new AccessStore(hall.server.db).addStaff({
      id: randomUUID(),
      username: 'hoa.tt',
      displayName: 'Trần Thị Hoa',
      role: 'supervisor',
      pinHash: hashPin('418263'),
      counterIds: [],
      now: Date.now(),
    });
  });
  after(() => hall.close());

  test('pairing a dashboard answers the token only as an HttpOnly, SameSite=Strict cookie', async () => {
    const paired = await pair('dashboard');
    assert.equal(paired.status, 200);
    assert.equal(paired.json.token, null, 'no token in the body page script reads');
    const setCookie = paired.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^hall_device=dev_[\w-]+; Max-Age=15552000; Path=\/; HttpOnly; SameSite=Strict$/);
    assert.ok(!/Secure/.test(setCookie), 'plain HTTP on the hall LAN: not Secure (it is over HTTPS)');
    cookie = setCookie.split(';')[0] ?? '';
    assert.equal((await call('GET', '/api/v1/hall/config', { cookie })).status, 200, 'the cookie alone is the credential');
  });

  test('a kiosk still gets its bearer token, and a kiosk token is refused in the cookie', async () => {
    const paired = await pair('kiosk');
    assert.match(paired.json.token, /^dev_/);
    assert.equal(paired.headers.get('set-cookie'), null);
    const smuggled = await call('GET', '/api/v1/hall/config', { cookie: `hall_device=${paired.json.token}` });
    assert.deepEqual([smuggled.status, smuggled.json.error.code], [401, 'UNAUTHENTICATED']);
  });

  test('another origin cannot use the cookie, and a state change needs the CSRF header', async () => {
    const foreign = await call('GET', '/api/v1/hall/config', { cookie, origin: 'http://127.0.0.1:1' });
    assert.deepEqual([foreign.status, foreign.json.error.code], [403, 'FORBIDDEN']);
    assert.equal((await call('GET', '/api/v1/hall/config', { cookie, origin: hall.url })).status, 200, 'its own pages may');
    // A no-cors GET from a page on another port of the same host carries no Origin, only fetch metadata.
    assert.equal((await call('GET', '/api/v1/hall/config', { cookie, 'sec-fetch-site': 'same-site' })).status, 403);
    assert.equal((await call('GET', '/api/v1/hall/config', { cookie, 'sec-fetch-site': 'same-origin' })).status, 200);

    const login = { username: 'hoa.tt', pin: '418263' };
    const forged = await call('POST', '/api/v1/sessions', { cookie }, login);
    assert.deepEqual([forged.status, forged.json.error.code], [403, 'FORBIDDEN']);
    assert.match(forged.json.error.details.reason, /x-hall-request/);
    const crossSite = await call('POST', '/api/v1/sessions', { cookie, 'x-hall-request': '1', origin: 'http://127.0.0.1:1' }, login);
    assert.equal(crossSite.status, 403);
    const own = await call('POST', '/api/v1/sessions', { cookie, 'x-hall-request': '1', origin: hall.url }, login);
    assert.equal(own.status, 201, JSON.stringify(own.json));
  });

  test("the stream takes the cookie from the hall's own page only", async () => {
    const hello = { raw: JSON.stringify({ type: 'hello', protocol: 1 }) };
    const own = await StreamClient.connect(hall.url, hello, { cookie, origin: hall.url });
    assert.equal((await own.waitFor((m) => m.type === 'welcome')).type, 'welcome');
    own.terminate();
    const foreign = await StreamClient.connect(hall.url, hello, { cookie, origin: 'http://127.0.0.1:1' });
    assert.equal((await foreign.closed).code, 4401);
    const noOrigin = await StreamClient.connect(hall.url, hello, { cookie });
    assert.equal((await noOrigin.closed).code, 4401, 'a client that is not a browser page sends its token in the hello');
  });
});
