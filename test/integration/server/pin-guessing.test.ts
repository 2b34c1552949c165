/**
 * Finding 3 of the hardening review, performed against the real server: a counter token guessing
 * an officer's PIN (17.7 guesses/s before, no lockout). Each loop is bounded in attempts and in
 * wall time. With the clock held, the server checks at most the free failures plus one PIN and
 * refuses the rest unchecked (TOO_MANY_ATTEMPTS); letting each wait pass, the fifth wrong PIN locks
 * the account (LOGIN_LOCKED, even for the right PIN), the dashboard gets a login_locked alert, and
 * the log names ids and counts only. Guessing names from one device locks that device. Requests
 * sent all at once gain nothing. scrypt runs off the request thread.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { DEFAULT_LOGIN_LIMITS } from '../../../electron/server/access.ts';
import { hashPin, verifyPin } from '../../../electron/server/secrets.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { capturedLog } from '../../support/captured-log.ts';

const PIN = '418263';
const T0 = Date.parse('2026-11-23T02:00:00Z');
const MAX_ATTEMPTS = 200;
const MAX_WALL_MS = 20_000;

describe('PIN guessing', () => {
  let hall: TestHall;
  let now = T0;
  const captured = capturedLog();
  let counter: string;
  let dashboard: string;
  let supervisorSession: string;

  const addStaff = (username: string, role: 'officer' | 'supervisor' = 'officer', counterIds = ['quay-1']): string => {
    const id = randomUUID();
    new AccessStore(hall.server.db).addStaff({ id, username, displayName: `Cán bộ ${username}`, role, pinHash: hashPin(PIN), counterIds, now });
    return id;
  };
  const login = (token: string, username: string, pin: string) => api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username, pin } });

  /** Guesses until `stop` says so, at most MAX_ATTEMPTS times and MAX_WALL_MS; returns the codes seen. */
  async function guess(token: string, username: (i: number) => string, onAnswer: (status: number, json: any) => 'go' | 'stop'): Promise<string[]> {
    const codes: string[] = [];
    const started = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS && Date.now() - started < MAX_WALL_MS; i++) {
      const res = await login(token, username(i), String(100_000 + i * 7919).slice(0, 6));
      codes.push(res.status === 201 ? 'OK' : res.json.error.code);
      if (onAnswer(res.status, res.json) === 'stop') break;
    }
    return codes;
  }

  before(async () => {
    hall = await startTestHall({ clock: () => now, server: { log: captured.log } });
    counter = hall.device('counter', 'quay-1');
    dashboard = hall.device('dashboard');
    addStaff('giam.sat', 'supervisor', []);
    const s = await login(dashboard, 'giam.sat', PIN);
    assert.equal(s.status, 201, JSON.stringify(s.json));
    supervisorSession = s.json.sessionToken;
  });
  after(() => hall.close());

  test('with the clock held, only the free failures and one more PIN are checked', async () => {
    addStaff('lan.nt');
    const codes = await guess(
      counter,
      () => 'lan.nt',
      () => 'go',
    );
    const checked = codes.filter((c) => c === 'INVALID_CREDENTIALS').length;
    assert.equal(checked, DEFAULT_LOGIN_LIMITS.account.freeFailures + 1);
    assert.ok(
      codes.slice(checked).every((c) => c === 'TOO_MANY_ATTEMPTS'),
      codes.join(','),
    );
    assert.equal(codes.length, MAX_ATTEMPTS, 'the loop was not cut short by time: the refusals are cheap');
  });

  test('waiting out each backoff, the fifth wrong PIN locks the account; the right PIN is then refused; an alert reaches the dashboard', async () => {
    now += 60 * 60_000;
    const staffId = addStaff('minh.tv');
    const counter2 = hall.device('counter', 'quay-1');
    const codes = await guess(
      counter2,
      () => 'minh.tv',
      (_status, json) => {
        if (json?.error?.code === 'LOGIN_LOCKED') return 'stop';
        now += json?.error?.details?.retryAfterMs ?? 0;
        return 'go';
      },
    );
    assert.equal(codes.filter((c) => c === 'INVALID_CREDENTIALS').length, DEFAULT_LOGIN_LIMITS.account.maxFailures);
    assert.equal(codes.at(-1), 'LOGIN_LOCKED');
    const right = await login(counter2, 'minh.tv', PIN);
    assert.deepEqual([right.status, right.json.error.code], [423, 'LOGIN_LOCKED']);

    const alerts = await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard, session: supervisorSession });
    const alert = alerts.json.alerts.find((a: { id: string }) => a.id === `login_locked:account:${staffId}`);
    assert.ok(alert, JSON.stringify(alerts.json));
    assert.match(alert.messageVi, /bị khóa đăng nhập đến \d\d:\d\d sau 5 lần nhập sai mã PIN/);

    now += DEFAULT_LOGIN_LIMITS.account.lockoutMs;
    assert.equal((await login(counter2, 'minh.tv', PIN)).status, 201, 'the lockout ends by itself');
    const after = await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard, session: supervisorSession });
    assert.ok(!after.json.alerts.some((a: { id: string }) => a.id === `login_locked:account:${staffId}`), 'and its alert lapses');

    const logged = captured.lines().filter((l) => l.module === 'access');
    assert.ok(logged.some((l) => l.msg === 'staff login failed' && l.staffId === staffId && typeof l.deviceId === 'string'));
    assert.ok(logged.some((l) => l.msg === 'staff logins locked after repeated wrong PINs' && l.subject === 'account'));
    assert.ok(!/minh\.tv|lan\.nt|"pin"/.test(captured.text()), 'no username or PIN in the log');
  });

  test('guessing names from one device locks the device', async () => {
    now += 60 * 60_000;
    const counter3 = hall.device('counter', 'quay-1');
    const codes = await guess(
      counter3,
      (i) => `khong-co-${i}`,
      (_status, json) => {
        if (json?.error?.code === 'LOGIN_LOCKED') return 'stop';
        now += json?.error?.details?.retryAfterMs ?? 0;
        return 'go';
      },
    );
    assert.equal(codes.filter((c) => c === 'INVALID_CREDENTIALS').length, DEFAULT_LOGIN_LIMITS.device.maxFailures);
    assert.equal(codes.at(-1), 'LOGIN_LOCKED');
    addStaff('ha.pt');
    assert.equal((await login(counter3, 'ha.pt', PIN)).json.error.code, 'LOGIN_LOCKED', 'every login from the device waits out the lockout');
    assert.equal((await login(hall.device('counter', 'quay-1'), 'ha.pt', PIN)).status, 201, 'another device is not affected');
  });

  test('fifty guesses sent at once: no more PINs checked than one at a time', async () => {
    now += 60 * 60_000;
    addStaff('mai.vt');
    const counter4 = hall.device('counter', 'quay-1');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login(counter4, 'mai.vt', String(200_000 + i))));
    const checked = answers.filter((a) => a.json?.error?.code === 'INVALID_CREDENTIALS').length;
    assert.equal(checked, DEFAULT_LOGIN_LIMITS.account.freeFailures + 1);
  });

  test('an officer cannot log in on the dashboard device', async () => {
    addStaff('quang.lv');
    const res = await login(dashboard, 'quang.lv', PIN);
    assert.deepEqual([res.status, res.json.error.code], [403, 'FORBIDDEN']);
  });
});

test('scrypt runs off the calling thread: the event loop turns while a PIN is verified', async () => {
  const stored = hashPin('418263');
  let turned = false;
  setImmediate(() => (turned = true));
  const verdict = verifyPin('418263', stored);
  assert.equal(turned, false);
  assert.equal(await verdict, true);
  assert.equal(turned, true, 'the immediate ran before the verification finished');
});
