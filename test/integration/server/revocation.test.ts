/**
 * Finding 8 of the hardening review: nothing revoked a device or disabled an officer. The
 * administration commands (cli-admin.ts) run here on a second connection to the database, as the
 * CLI does from another process: a revoked kiosk's token is refused and its open stream closes
 * within the device cache's lifetime; a disabled officer's session is refused at once and the
 * login says why; a PIN reset refuses trivial PINs, ends the sessions and clears a lockout.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { AdminUsageError, runAdminCommand, type AdminCommand } from '../../../electron/server/cli-admin.ts';
import { DEVICE_CACHE_MS } from '../../../electron/server/access.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

describe('revocation and staff administration', () => {
  let hall: TestHall;
  let adminDb: ReturnType<typeof openHallDatabase>;
  const admin = (command: AdminCommand, args: { id?: string; username?: string; pin?: string } = {}): string =>
    runAdminCommand(new AccessStore(adminDb), command, { ...args, json: false }, Date.now());

  before(async () => {
    hall = await startTestHall();
    adminDb = openHallDatabase(hall.dbPath);
  });
  after(async () => {
    adminDb.close();
    await hall.close();
  });

  test('a revoked kiosk is refused, and its open stream closes', { timeout: 30_000 }, async () => {
    const kiosk = hall.device('kiosk');
    const id = hall.server.access.deviceForToken(kiosk).id;
    const stream = await StreamClient.connect(hall.url, { token: kiosk });
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk })).status, 200);
    assert.match(admin('list-devices'), new RegExp(`${id}  kiosk .* active`));

    assert.equal(admin('revoke-device', { id }), `revoked device ${id}\n`);
    const started = Date.now();
    const closed = await stream.closed;
    assert.equal(closed.code, 4401);
    assert.ok(Date.now() - started <= 3 * DEVICE_CACHE_MS + 2_000, `the stream closed ${Date.now() - started} ms after the revocation`);
    const refused = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk });
    assert.deepEqual([refused.status, refused.json.error.code], [401, 'UNAUTHENTICATED']);
    assert.match(admin('list-devices'), new RegExp(`${id}  kiosk .* revoked`));
    assert.equal(admin('revoke-device', { id }), `device ${id} was already revoked\n`);
  });

  test("disable ends the officer's session at once; enable lets them in again", async () => {
    const officer = await hall.officerAt('quay-1');
    const username =
      new AccessStore(adminDb).staffById(hall.server.access.staffForSession(hall.server.access.deviceForToken(officer.token), officer.session).id)?.username ??
      '';
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { token: officer.token, session: officer.session, body: {} })).status, 200);
    assert.equal(admin('disable-staff', { username }), `disabled ${username}\n`);
    const cut = await api(hall.url, 'POST', '/api/v1/counters/quay-1/pause', { token: officer.token, session: officer.session, body: { reason: 'nghỉ' } });
    assert.equal(cut.status, 401);
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: officer.token, body: { username, pin: '123456' } });
    assert.deepEqual([login.status, login.json.error.code], [403, 'ACCOUNT_DISABLED']);
    admin('enable-staff', { username });
    assert.equal((await api(hall.url, 'POST', '/api/v1/sessions', { token: officer.token, body: { username, pin: '123456' } })).status, 201);
  });

  test('reset-pin refuses a trivial PIN, ends the sessions and clears a lockout', async () => {
    const counter = hall.device('counter', 'quay-2');
    new AccessStore(adminDb).addStaff({
      id: randomUUID(),
      username: 'tung.bt',
      displayName: 'Bùi Thanh Tùng',
      role: 'officer',
      pinHash: hashPin('418263'),
      counterIds: ['quay-2'],
      now: Date.now(),
      birthDate: '15/05/1990',
    });
    const session = (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'tung.bt', pin: '418263' } })).json
      .sessionToken as string;
    new AccessStore(adminDb).setLoginFailures(new AccessStore(adminDb).staffByUsername('tung.bt')?.id ?? '', {
      failures: 5,
      lastFailureAt: Date.now(),
      lockedUntil: Date.now() + 60_000,
    });
    for (const pin of ['123456', '150590', '1234']) assert.throws(() => admin('reset-pin', { username: 'tung.bt', pin }), AdminUsageError, pin);
    admin('reset-pin', { username: 'tung.bt', pin: '592746' });
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-2/open', { token: counter, session, body: {} })).status, 401, 'the old session ended');
    assert.equal(
      (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'tung.bt', pin: '418263' } })).json.error.code,
      'INVALID_CREDENTIALS',
    );
    assert.equal(
      (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username: 'tung.bt', pin: '592746' } })).status,
      201,
      'the new PIN works: the lockout was cleared',
    );
    assert.match(admin('list-staff'), /tung\.bt\s+officer\s+active/);
  });
});
