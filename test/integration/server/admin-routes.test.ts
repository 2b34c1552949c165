/**
 * Finding 8 of the hardening review, on the dashboard: device and staff administration through
 * the server (adminRoutes). The attacks: a revoked device keeps working while the server remembers
 * its token (the lookup cache), and keeps its open stream; a disabled officer keeps their session;
 * a counter terminal or an officer administers accounts; a supervisor shuts out an administrator
 * or themselves. Each is refused here, and each change is in the event log with the supervisor
 * and their device as its actor.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { pinProblem } from '../../../electron/core/pin-policy.ts';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { DAY_MS } from '../../../electron/server/access.ts';
import { DEFAULT_HALL_LIMITS } from '../../../electron/server/hall-limits.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

const PIN = '418263';

describe('administration on the dashboard', () => {
  let hall: TestHall;
  let store: AccessStore;
  let dashboard: string;
  let session: string;
  let supervisorId: string;
  const addStaff = (username: string, role: 'officer' | 'supervisor' | 'admin', counterIds: string[] = []): string => {
    const id = randomUUID();
    store.addStaff({ id, username, displayName: `Cán bộ ${username}`, role, pinHash: hashPin(PIN), counterIds, now: Date.now(), birthDate: '15/05/1990' });
    return id;
  };
  const admin = (method: 'GET' | 'POST', path: string, as: { token: string; session?: string } = { token: dashboard, session }) =>
    api(hall.url, method, `/api/v1/admin${path}`, {
      token: as.token,
      ...(as.session ? { session: as.session } : {}),
      ...(method === 'POST' ? { body: {} } : {}),
    });
  const eventsOf = (type: string) =>
    (hall.server.db.prepare('SELECT data FROM events WHERE type = ? ORDER BY seq').all(type) as { data: string }[]).map((r) => JSON.parse(r.data));

  before(async () => {
    hall = await startTestHall();
    store = new AccessStore(hall.server.db);
    dashboard = hall.device('dashboard');
    supervisorId = addStaff('giam.sat', 'supervisor');
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: dashboard, body: { username: 'giam.sat', pin: PIN } });
    assert.equal(login.status, 201);
    session = login.json.sessionToken;
  });
  after(() => hall.close());

  test('a revoked kiosk is refused at its very next request and its stream closes in the same call', async () => {
    const kiosk = hall.device('kiosk');
    const id = hall.server.access.deviceForToken(kiosk).id;
    const stream = await StreamClient.connect(hall.url, { token: kiosk });
    // The token's lookup is now remembered for DEVICE_CACHE_MS: before, a revocation waited it out.
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk })).status, 200);
    const listed = await admin('GET', '/devices');
    assert.equal(listed.json.devices.find((d: { id: string }) => d.id === id).state, 'active');
    assert.ok(!/dev_|token_hash|pairing/.test(JSON.stringify(listed.json)), 'no token or code in the list');

    const revoked = await admin('POST', `/devices/${id}/revoke`);
    assert.equal(revoked.status, 200, JSON.stringify(revoked.json));
    assert.deepEqual([revoked.json.device.state, revoked.json.closedStreams], ['revoked', 1]);
    const refused = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk });
    assert.deepEqual([refused.status, refused.json.error.code], [401, 'UNAUTHENTICATED']);
    assert.equal((await stream.closed).code, 4401);
    const again = await admin('POST', `/devices/${id}/revoke`);
    assert.deepEqual([again.status, again.json.closedStreams], [200, 0]);
    assert.deepEqual(eventsOf('device.revoked'), [
      { deviceId: id, role: 'kiosk', actor: { deviceId: hall.server.access.deviceForToken(dashboard).id, staffId: supervisorId } },
    ]);
  });

  test("a paired device's token lives the hall limit (hall-limits.ts), far under a year", async () => {
    const code = hall.server.access.createPairing({ id: randomUUID(), role: 'display', name: 'Màn hình sảnh', counterId: null, validMinutes: 15 });
    const before = Date.now();
    const paired = await api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code } });
    const afterPairing = Date.now();
    const listed = (await admin('GET', '/devices')).json.devices.find((d: { id: string }) => d.id === paired.json.device.id);
    const days = DEFAULT_HALL_LIMITS.deviceToken.validDays;
    assert.ok(days < 365);
    assert.ok(listed.tokenExpiresAt >= before + days * DAY_MS && listed.tokenExpiresAt <= afterPairing + days * DAY_MS, String(listed.tokenExpiresAt));
  });

  test('the device in use and unknown devices are refused', async () => {
    const own = hall.server.access.deviceForToken(dashboard).id;
    assert.equal((await admin('POST', `/devices/${own}/revoke`)).json.error.code, 'FORBIDDEN');
    assert.equal((await admin('POST', '/devices/khong-co/revoke')).json.error.code, 'UNKNOWN_DEVICE');
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: dashboard })).status, 200);
  });

  test('only a supervisor or administrator on a dashboard may administer', async () => {
    const officer = await hall.officerAt('quay-1');
    const kiosk = hall.device('kiosk');
    assert.equal((await admin('GET', '/staff', officer)).json.error.code, 'FORBIDDEN', 'a counter terminal');
    assert.equal((await admin('GET', '/staff', { token: kiosk })).json.error.code, 'FORBIDDEN', 'a kiosk');
    assert.equal((await admin('GET', '/staff', { token: dashboard })).json.error.code, 'UNAUTHENTICATED', 'a dashboard nobody signed in on');
    assert.equal((await admin('POST', `/devices/${hall.server.access.deviceForToken(kiosk).id}/revoke`, { token: dashboard })).status, 401);
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk })).status, 200, 'nothing was revoked');
  });

  test('every administration route refuses each caller that is not a supervisor or administrator on a dashboard', async () => {
    // The routes as published (tag admin), so that a route added later is held to the same rule.
    const doc = (await api(hall.url, 'GET', '/api/v1/openapi.json')).json as { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags.includes('admin'))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId })),
    );
    assert.deepEqual(operations.map((o) => o.operationId).sort(), [
      'createStaff',
      'disableStaff',
      'enableStaff',
      'enrolDevice',
      'listDevices',
      'listStaff',
      'resetStaffPin',
      'revokeDevice',
    ]);

    // Real targets, so that a refusal is the access rule's and not a 404.
    const kiosk = hall.device('kiosk');
    const targetId = addStaff('tuan.pv', 'officer', ['quay-4']);
    const target = { deviceId: hall.server.access.deviceForToken(kiosk).id, staffId: targetId };
    const officer = await hall.officerAt('quay-1');
    const supervisorAtCounter = await hall.officerAt('quay-5', 'supervisor');
    const callers: { who: string; as: { token?: string; session?: string }; status: number; code: string }[] = [
      { who: 'no credentials', as: {}, status: 401, code: 'UNAUTHENTICATED' },
      { who: 'a dashboard nobody signed in on', as: { token: dashboard }, status: 401, code: 'UNAUTHENTICATED' },
      { who: 'an officer at a counter terminal', as: officer, status: 403, code: 'FORBIDDEN' },
      { who: 'a supervisor signed in at a counter terminal', as: supervisorAtCounter, status: 403, code: 'FORBIDDEN' },
      { who: 'a kiosk', as: { token: kiosk }, status: 403, code: 'FORBIDDEN' },
      { who: 'a display', as: { token: hall.device('display') }, status: 403, code: 'FORBIDDEN' },
      { who: 'a rating device', as: { token: hall.device('rating', 'quay-1') }, status: 403, code: 'FORBIDDEN' },
    ];
    const adminEvents = () =>
      ['device.enrolled', 'device.revoked', 'staff.created', 'staff.disabled', 'staff.enabled', 'staff.pin_reset'].flatMap(eventsOf).length;
    const devicesAndStaff = () => hall.server.db.prepare('SELECT (SELECT COUNT(*) FROM devices) + (SELECT COUNT(*) FROM staff)').pluck().get();
    const createdBefore = devicesAndStaff();
    const eventsBefore = adminEvents();
    // Valid bodies, so that a refusal is the access rule's and not the validation's.
    const bodies: Record<string, unknown> = {
      enrolDevice: { role: 'kiosk', name: 'Kiosk lạ' },
      createStaff: { username: 'la.mat', displayName: 'Người lạ', role: 'officer' },
    };
    for (const op of operations) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: keyof typeof target) => target[name]);
      for (const c of callers) {
        const res = await api(hall.url, op.method, path, { ...c.as, ...(op.method === 'POST' ? { body: bodies[op.operationId] ?? {} } : {}) });
        assert.deepEqual([res.status, res.json?.error?.code], [c.status, c.code], `${op.operationId} from ${c.who}`);
      }
    }
    assert.equal(adminEvents(), eventsBefore, 'nothing was changed or logged');
    assert.equal(devicesAndStaff(), createdBefore, 'no device enrolled, no account created');
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk })).status, 200, 'the kiosk was not revoked');
    const counter = hall.device('counter', 'quay-4');
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'tuan.pv', pin: PIN } });
    assert.equal(login.status, 201, 'the account is still active, with its PIN');
  });

  test("disable ends the officer's session at once, enable lets them in again; both are logged", async () => {
    const staffId = addStaff('minh.tv', 'officer', ['quay-2']);
    const counter = hall.device('counter', 'quay-2');
    const officer = (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'minh.tv', pin: PIN } })).json.sessionToken;
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-2/open', { token: counter, session: officer, body: {} })).status, 200);

    const disabled = await admin('POST', `/staff/${staffId}/disable`);
    assert.equal(disabled.json.staff.active, false);
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-2/pause', { token: counter, session: officer, body: { reason: 'nghỉ' } })).status, 401);
    assert.equal(
      (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'minh.tv', pin: PIN } })).json.error.code,
      'ACCOUNT_DISABLED',
    );
    assert.equal((await admin('POST', `/staff/${staffId}/enable`)).json.staff.active, true);
    assert.equal((await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'minh.tv', pin: PIN } })).status, 201);
    const actor = { deviceId: hall.server.access.deviceForToken(dashboard).id, staffId: supervisorId };
    assert.deepEqual(
      [...eventsOf('staff.disabled'), ...eventsOf('staff.enabled')],
      [
        { staffId, actor },
        { staffId, actor },
      ],
    );
    const listed = (await admin('GET', '/staff')).json.staff.find((s: { id: string }) => s.id === staffId);
    assert.deepEqual([listed.username, listed.active], ['minh.tv', true]);
    assert.ok(!/scrypt|pin/i.test(JSON.stringify((await admin('GET', '/staff')).json)), 'no PIN hash in the list');
  });

  test('reset-pin answers a fresh PIN the policy accepts, once; the old PIN and sessions stop working', async () => {
    const staffId = addStaff('lan.nt', 'officer', ['quay-3']);
    const counter = hall.device('counter', 'quay-3');
    const old = (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'lan.nt', pin: PIN } })).json.sessionToken;
    const reset = await admin('POST', `/staff/${staffId}/reset-pin`);
    assert.equal(reset.status, 200);
    const pin = reset.json.pin as string;
    assert.equal(pinProblem(pin, { birthDate: '15/05/1990' }), null, pin);
    assert.notEqual(pin, PIN);
    assert.equal(
      (await api(hall.url, 'POST', '/api/v1/counters/quay-3/open', { token: counter, session: old, body: {} })).status,
      401,
      'the old session ended',
    );
    assert.equal(
      (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'lan.nt', pin: PIN } })).json.error.code,
      'INVALID_CREDENTIALS',
    );
    assert.equal((await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'lan.nt', pin } })).status, 201);
    const logged = eventsOf('staff.pin_reset');
    assert.deepEqual(
      logged.map((e) => e.staffId),
      [staffId],
    );
    assert.ok(!JSON.stringify(logged).includes(pin), 'the PIN is not in the event log');
  });

  test("nobody changes their own account, and a supervisor not an administrator's", async () => {
    const adminId = addStaff('quan.tri', 'admin');
    assert.equal((await admin('POST', `/staff/${adminId}/disable`)).json.error.code, 'FORBIDDEN');
    assert.equal((await admin('POST', `/staff/${adminId}/reset-pin`)).json.error.code, 'FORBIDDEN');
    assert.equal((await admin('POST', `/staff/${supervisorId}/disable`)).json.error.code, 'FORBIDDEN');
    assert.equal((await admin('POST', '/staff/khong-co/enable')).json.error.code, 'UNKNOWN_STAFF');
    assert.equal(store.staffById(adminId)?.active, true);
    // An administrator may change a supervisor's account.
    const adminDashboard = hall.device('dashboard');
    const adminSession = (await api(hall.url, 'POST', '/api/v1/sessions', { token: adminDashboard, body: { username: 'quan.tri', pin: PIN } })).json
      .sessionToken;
    const other = addStaff('pho.gs', 'supervisor');
    assert.equal((await admin('POST', `/staff/${other}/disable`, { token: adminDashboard, session: adminSession })).json.staff.active, false);
  });
});
