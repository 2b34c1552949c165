/**
 * Enrolling a terminal and adding a staff account on the dashboard (enrolDevice, createStaff),
 * against the real hall server: the pairing code pairs a terminal once and its token works; a new
 * officer's PIN signs in at their counter; malformed requests, a taken username, a supervisor
 * enrolling a dashboard or adding a supervisor, and callers that are not a supervisor on a
 * dashboard are refused with nothing created; the event log names the device or account and the
 * acting supervisor, and neither it nor the database keeps the code or the PIN in clear.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { pinProblem } from '../../../electron/core/pin-policy.ts';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { DEFAULT_PAIRING_MINUTES } from '../../../electron/server/access.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { testFetch } from '../../support/test-tls.ts';

const PIN = '418263';

interface As {
  readonly token?: string;
  readonly session?: string;
}

describe('enrolling terminals and adding accounts on the dashboard', () => {
  let hall: TestHall;
  let store: AccessStore;
  let supervisor: As;
  let supervisorId: string;
  let dashboardId: string;
  let administrator: As;

  const signIn = async (role: 'supervisor' | 'admin'): Promise<{ as: As; staffId: string }> => {
    const token = hall.device('dashboard');
    const username = `${role}-${randomUUID().slice(0, 8)}`;
    const staffId = randomUUID();
    store.addStaff({ id: staffId, username, displayName: `Người thử ${role}`, role, pinHash: hashPin(PIN), counterIds: [], now: Date.now() });
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username, pin: PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    return { as: { token, session: login.json.sessionToken }, staffId };
  };
  const post = (path: string, body: unknown, as: As = supervisor) => api(hall.url, 'POST', `/api/v1/admin${path}`, { ...as, body });
  const eventsOf = (type: string) =>
    (hall.server.db.prepare('SELECT data FROM events WHERE type = ? ORDER BY seq').all(type) as { data: string }[]).map((r) => JSON.parse(r.data));
  /** Devices, accounts and events: what a refused request must leave as it was. */
  const counts = () => ['devices', 'staff', 'events'].map((table) => hall.server.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number);

  before(async () => {
    hall = await startTestHall();
    store = new AccessStore(hall.server.db);
    const signedIn = await signIn('supervisor');
    supervisor = signedIn.as;
    supervisorId = signedIn.staffId;
    dashboardId = hall.server.access.deviceForToken(supervisor.token ?? '').id;
    administrator = (await signIn('admin')).as;
  });
  after(() => hall.close());

  test('a supervisor enrols a kiosk; its code pairs the terminal once, and the token works', async () => {
    const before = Date.now();
    const enrolled = await post('/devices', { role: 'kiosk', name: '  Kiosk sảnh B  ' });
    const afterEnrol = Date.now();
    assert.equal(enrolled.status, 201, JSON.stringify(enrolled.json));
    const { device, pairingCode, pairingExpiresAt, validMinutes } = enrolled.json;
    assert.match(pairingCode, /^\d{4}-\d{4}$/);
    assert.equal(validMinutes, DEFAULT_PAIRING_MINUTES);
    assert.ok(pairingExpiresAt >= before + validMinutes * 60_000 && pairingExpiresAt <= afterEnrol + validMinutes * 60_000, String(pairingExpiresAt));
    assert.deepEqual([device.role, device.name, device.counterId, device.state], ['kiosk', 'Kiosk sảnh B', null, 'awaiting_pairing']);
    const listed = (await api(hall.url, 'GET', '/api/v1/admin/devices', supervisor)).json.devices.find((d: { id: string }) => d.id === device.id);
    assert.equal(listed.state, 'awaiting_pairing');

    const paired = await api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code: pairingCode } });
    assert.equal(paired.status, 200, JSON.stringify(paired.json));
    assert.equal(paired.json.device.id, device.id);
    assert.match(paired.json.token, /^dev_/);
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/config', { token: paired.json.token })).status, 200);
    const again = await api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code: pairingCode } });
    assert.deepEqual([again.status, again.json.error.code], [401, 'INVALID_PAIRING_CODE'], 'the code works once');
    assert.deepEqual(eventsOf('device.enrolled'), [{ deviceId: device.id, role: 'kiosk', actor: { deviceId: dashboardId, staffId: supervisorId } }]);
  });

  test('a rating device is enrolled bound to the configured counter it names, one per counter', async () => {
    const enrolled = await post('/devices', { role: 'rating', name: 'Bàn phím đánh giá quầy 2', counterId: 'quay-2' });
    assert.equal(enrolled.status, 201, JSON.stringify(enrolled.json));
    const paired = await api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code: enrolled.json.pairingCode } });
    assert.deepEqual([paired.json.device.role, paired.json.device.counterId], ['rating', 'quay-2']);
    // One rating device per counter: a second keypad could rate before the citizen. The old one goes first.
    const devices = () => hall.server.db.prepare('SELECT COUNT(*) FROM devices').pluck().get() as number;
    const before = devices();
    const second = await post('/devices', { role: 'rating', name: 'Bàn phím thứ hai', counterId: 'quay-2' });
    assert.equal(second.status, 409, JSON.stringify(second.json));
    assert.equal(second.json.error.code, 'RATING_DEVICE_EXISTS');
    assert.equal(devices(), before, 'nothing created');
    assert.equal((await post(`/devices/${enrolled.json.device.id}/revoke`, {})).status, 200);
    assert.equal((await post('/devices', { role: 'rating', name: 'Bàn phím thay thế', counterId: 'quay-2' })).status, 201);
  });

  test('malformed requests are refused with 400 naming the field, and nothing is created', async () => {
    const refused: { body: unknown; path: string; field: string }[] = [
      { path: '/devices', body: { role: 'counter', name: 'Máy quầy 2' }, field: 'counterId' },
      { path: '/devices', body: { role: 'rating', name: 'Bàn phím', counterId: 'quay-99' }, field: 'counterId' },
      { path: '/devices', body: { role: 'display', name: 'Màn hình', counterId: 'quay-1' }, field: 'counterId' },
      { path: '/devices', body: { role: 'kiosk', name: 'K'.repeat(65) }, field: 'name' },
      { path: '/devices', body: { role: 'kiosk', name: '   ' }, field: 'name' },
      { path: '/devices', body: { role: 'printer', name: 'Máy in' }, field: 'role' },
      { path: '/staff', body: { username: 'a.b', displayName: 'A B', role: 'officer', counterIds: ['quay-99'] }, field: 'counterIds' },
      { path: '/staff', body: { username: 'a.b', displayName: 'A B', role: 'officer', birthDate: '31/02/1990' }, field: 'birthDate' },
      { path: '/staff', body: { username: 'u'.repeat(65), displayName: 'A B', role: 'officer' }, field: 'username' },
      { path: '/staff', body: { username: 'a.b', displayName: 'A B', role: 'officer', pin: '592746' }, field: '' },
    ];
    const before = counts();
    for (const r of refused) {
      const res = await post(r.path, r.body);
      assert.deepEqual([res.status, res.json.error.code], [400, 'VALIDATION_FAILED'], JSON.stringify(r.body));
      if (r.field) assert.ok(JSON.stringify(res.json.error.details).includes(r.field), `${JSON.stringify(res.json.error.details)} names ${r.field}`);
    }
    assert.deepEqual(counts(), before, 'no device, account or event');
  });

  test('a supervisor may not enrol a dashboard nor add a supervisor or an administrator; an administrator may', async () => {
    const before = counts();
    const dashboard = await post('/devices', { role: 'dashboard', name: 'Bảng điều hành phòng họp' });
    assert.deepEqual([dashboard.status, dashboard.json.error.code], [403, 'FORBIDDEN']);
    for (const role of ['supervisor', 'admin']) {
      const res = await post('/staff', { username: `pho.${role}`, displayName: 'Phó trưởng bộ phận', role });
      assert.deepEqual([res.status, res.json.error.code], [403, 'FORBIDDEN'], role);
    }
    assert.deepEqual(counts(), before, 'nothing created or logged');
    assert.equal(store.staffByUsername('pho.supervisor'), null);

    assert.equal((await post('/devices', { role: 'dashboard', name: 'Bảng điều hành phòng họp' }, administrator)).status, 201);
    const deputy = await post('/staff', { username: 'pho.supervisor', displayName: 'Phó trưởng bộ phận', role: 'supervisor' }, administrator);
    assert.equal(deputy.status, 201, JSON.stringify(deputy.json));
    assert.equal(deputy.json.staff.role, 'supervisor');
  });

  test('an officer, a supervisor at a counter terminal, a kiosk and a dashboard without a session may not enrol or add', async () => {
    const callers: { who: string; as: As; status: number }[] = [
      { who: 'an officer at a counter terminal', as: await hall.officerAt('quay-1'), status: 403 },
      { who: 'a supervisor at a counter terminal', as: await hall.officerAt('quay-5', 'supervisor'), status: 403 },
      { who: 'a kiosk', as: { token: hall.device('kiosk') }, status: 403 },
      { who: 'a dashboard nobody signed in on', as: { token: supervisor.token }, status: 401 },
      { who: 'no credentials', as: {}, status: 401 },
    ];
    const before = counts();
    for (const c of callers) {
      assert.equal((await post('/devices', { role: 'kiosk', name: 'Kiosk lạ' }, c.as)).status, c.status, `enrol from ${c.who}`);
      assert.equal((await post('/staff', { username: 'la.mat', displayName: 'Người lạ', role: 'officer' }, c.as)).status, c.status, `add from ${c.who}`);
    }
    assert.deepEqual(counts(), before);
    assert.equal(store.staffByUsername('la.mat'), null);
  });

  test("a new officer's PIN, answered once, signs in at their counter; a taken username is refused", async () => {
    const before = counts();
    const created = await post('/staff', {
      username: ' ngoc.lt ',
      displayName: 'Lê Thị Ngọc'.normalize('NFD'),
      role: 'officer',
      counterIds: ['quay-3'],
      birthDate: '02/09/1991',
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const { staff, pin } = created.json;
    assert.deepEqual([staff.username, staff.displayName, staff.role, staff.counterIds, staff.active], ['ngoc.lt', 'Lê Thị Ngọc', 'officer', ['quay-3'], true]);
    assert.equal(pinProblem(pin, { birthDate: '02/09/1991' }), null, pin);
    assert.equal(store.staffByUsername('ngoc.lt')?.birthDate, '02/09/1991');

    const atHerCounter = await api(hall.url, 'POST', '/api/v1/sessions', { token: hall.device('counter', 'quay-3'), body: { username: 'ngoc.lt', pin } });
    assert.equal(atHerCounter.status, 201, JSON.stringify(atHerCounter.json));
    const elsewhere = await api(hall.url, 'POST', '/api/v1/sessions', { token: hall.device('counter', 'quay-4'), body: { username: 'ngoc.lt', pin } });
    assert.equal(elsewhere.json.error.code, 'FORBIDDEN', 'her counters are kept');

    const taken = await post('/staff', { username: 'ngoc.lt', displayName: 'Nguyễn Thị Ngọc', role: 'officer' });
    assert.deepEqual([taken.status, taken.json.error.code], [409, 'USERNAME_TAKEN']);
    assert.equal(store.staffByUsername('ngoc.lt')?.displayName, 'Lê Thị Ngọc', 'the account is unchanged');
    const [devices, staffCount, events] = counts();
    assert.deepEqual([devices, staffCount, events], [(before[0] ?? 0) + 2, (before[1] ?? 0) + 1, (before[2] ?? 0) + 1], 'one account and its event');
    assert.deepEqual(
      eventsOf('staff.created').filter((e) => e.staffId === staff.id),
      [{ staffId: staff.id, role: 'officer', actor: { deviceId: dashboardId, staffId: supervisorId } }],
    );
  });

  test('neither the event log nor the database keeps a pairing code or a PIN in clear, even with an Idempotency-Key', async () => {
    // The dashboard's client sends an Idempotency-Key with every change; a kept answer would be the secret in the database.
    const withKey = async (path: string, body: unknown) => {
      const res = await testFetch(`${hall.url}/api/v1/admin${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${supervisor.token}`,
          'x-staff-session': supervisor.session ?? '',
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: JSON.parse(await res.text()) };
    };
    const enrolled = await withKey('/devices', { role: 'display', name: 'Màn hình tầng 2' });
    const created = await withKey('/staff', { username: 'khoa.dv', displayName: 'Đỗ Văn Khoa', role: 'officer' });
    assert.deepEqual([enrolled.status, created.status], [201, 201]);
    const reset = await withKey(`/staff/${created.json.staff.id}/reset-pin`, {});
    assert.equal(reset.status, 200);
    const secrets = [enrolled.json.pairingCode, enrolled.json.pairingCode.replace('-', ''), created.json.pin, reset.json.pin];

    const texts = (sql: string) => (hall.server.db.prepare(sql).pluck().all() as (string | null)[]).filter((t) => t !== null).join('\n');
    const eventLog = texts('SELECT data FROM events');
    for (const secret of secrets) assert.ok(!eventLog.includes(secret), `${secret} is not in the event log`);
    // The answers were not kept at all (kept answers are sealed, so a search of their text would prove nothing).
    assert.equal(hall.server.db.prepare('SELECT COUNT(*) FROM idempotency_keys WHERE scope = ?').pluck().get(dashboardId), 0, 'no answer kept for a secret');
    assert.deepEqual(eventsOf('device.enrolled').at(-1), {
      deviceId: enrolled.json.device.id,
      role: 'display',
      actor: { deviceId: dashboardId, staffId: supervisorId },
    });
  });
});
