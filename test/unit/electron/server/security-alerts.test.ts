/**
 * The hall's answer to refused logins, pairings and flooding devices, on a manual clock with a
 * recording dashboard: one log line per held flooding alert, its hold extended by each refusal
 * within it and forgotten once it ended, a lockout raised until its end with the policy's failure
 * count, and a log that carries ids, counts and reasons only (names go to the dashboard's alert).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Alert } from '../../../../electron/common/wire.ts';
import { DEFAULT_LOGIN_LIMITS, type SecurityEvent } from '../../../../electron/server/access.ts';
import { FLOODING_ALERT_MS } from '../../../../electron/server/device-flooding.ts';
import { SecurityAlerts } from '../../../../electron/server/security-alerts.ts';
import { capturedLog } from '../../../support/captured-log.ts';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 23, 2, 0);
const DEVICE_NAMES: Record<string, string> = { 'kiosk-1': 'Ki-ốt sảnh chính', 'counter-3': 'Quầy số 3' };
const STAFF_NAME = 'Nguyễn Thị Lan';

function setup() {
  let now = START;
  const logged = capturedLog();
  const raised: { alert: Alert; until: number }[] = [];
  const lookups: string[] = [];
  const alerts = new SecurityAlerts({
    log: logged.log,
    clock: () => now,
    raiseUntil: (alert, until) => raised.push({ alert, until }),
    deviceName: (deviceId) => {
      lookups.push(deviceId);
      return DEVICE_NAMES[deviceId] ?? null;
    },
    login: DEFAULT_LOGIN_LIMITS,
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  return {
    alerts,
    raised,
    lookups,
    logged,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

const floodLines = (s: ReturnType<typeof setup>) => s.logged.lines().filter((l) => l.msg === 'device refused over a flooding limit');

describe('SecurityAlerts.onFlooding', () => {
  test('the first refusal raises the alert for FLOODING_ALERT_MS and logs one line with ids and numbers', () => {
    const s = setup();
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'kiosk-1', limit: 5 });
    assert.equal(s.raised.length, 1);
    const [first] = s.raised;
    assert.equal(first?.alert.id, 'device_flooding:kiosk-1:issue_rate');
    assert.equal(first?.alert.at, START);
    assert.equal(first?.until, START + FLOODING_ALERT_MS);
    assert.match(first?.alert.messageEn ?? '', /Ki-ốt sảnh chính/, 'the dashboard names the device');
    const lines = floodLines(s);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.deviceId, 'kiosk-1');
    assert.equal(lines[0]?.limit, 'issue_rate');
    assert.equal(lines[0]?.value, 5);
  });

  test('refusals within the hold extend it with the same alert and log nothing more', () => {
    const s = setup();
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'kiosk-1', limit: 5 });
    s.advance(10 * MINUTE);
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'kiosk-1', limit: 5 });
    s.advance(14 * MINUTE); // 24 minutes after the first: past its first hold, within the extended one
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'kiosk-1', limit: 5 });
    assert.deepEqual(
      s.raised.map((r) => r.until),
      [START, START + 10 * MINUTE, START + 24 * MINUTE].map((t) => t + FLOODING_ALERT_MS),
    );
    assert.ok(
      s.raised.every((r) => r.alert === s.raised[0]?.alert),
      'one alert, raised again: its time stays that of the first refusal',
    );
    assert.equal(floodLines(s).length, 1);
    assert.deepEqual(s.lookups, ['kiosk-1'], 'the device is looked up once per alert');
  });

  test('each device and each limit holds an alert of its own, with its own line', () => {
    const s = setup();
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'kiosk-1', limit: 5 });
    s.alerts.onFlooding({ kind: 'open_drafts', deviceId: 'kiosk-1', limit: 3 });
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'counter-3', limit: 5 });
    s.alerts.onFlooding({ kind: 'open_drafts', deviceId: 'kiosk-1', limit: 3 });
    assert.deepEqual(
      [...new Set(s.raised.map((r) => r.alert.id))],
      ['device_flooding:kiosk-1:issue_rate', 'device_flooding:kiosk-1:open_drafts', 'device_flooding:counter-3:issue_rate'],
    );
    assert.equal(floodLines(s).length, 3);
  });

  test('a hold that ended is forgotten: the next refusal is a new alert, logged again', () => {
    const s = setup();
    s.alerts.onFlooding({ kind: 'draft_bytes', deviceId: 'kiosk-1', limit: 100 });
    s.advance(FLOODING_ALERT_MS); // the hold ends at exactly this instant
    s.alerts.onFlooding({ kind: 'draft_bytes', deviceId: 'kiosk-1', limit: 100 });
    assert.equal(floodLines(s).length, 2);
    assert.notEqual(s.raised[1]?.alert, s.raised[0]?.alert);
    assert.equal(s.raised[1]?.alert.at, START + FLOODING_ALERT_MS, 'the new alert is dated by its own first refusal');
    assert.equal(s.raised[1]?.until, START + 2 * FLOODING_ALERT_MS);
    assert.deepEqual(s.lookups, ['kiosk-1', 'kiosk-1']);
  });

  test('an unknown device is shown by its id', () => {
    const s = setup();
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'dev-gone', limit: 5 });
    assert.match(s.raised[0]?.alert.messageEn ?? '', /^dev-gone /);
  });
});

describe('SecurityAlerts.onSecurityEvent', () => {
  const device = { id: 'counter-3', name: DEVICE_NAMES['counter-3'] ?? '' };

  test("an account lockout is raised until its end with the account policy's failures, and logged by ids", () => {
    const s = setup();
    const until = START + 15 * MINUTE;
    s.alerts.onSecurityEvent({ kind: 'login_locked', subject: 'account', until, device, staff: { id: 'staff-7', displayName: STAFF_NAME } });
    assert.equal(s.raised.length, 1);
    const [lock] = s.raised;
    assert.equal(lock?.until, until);
    assert.equal(lock?.alert.id, 'login_locked:account:staff-7');
    assert.equal(lock?.alert.at, START);
    assert.equal(lock?.alert.value, DEFAULT_LOGIN_LIMITS.account.maxFailures);
    assert.match(lock?.alert.messageEn ?? '', new RegExp(STAFF_NAME), 'the dashboard names the officer');
    assert.match(lock?.alert.messageEn ?? '', /until 09:15/, 'its end in the hall time zone');
    const [line] = s.logged.lines();
    assert.equal(line?.msg, 'staff logins locked after repeated wrong PINs');
    assert.equal(line?.staffId, 'staff-7');
    assert.equal(line?.deviceId, 'counter-3');
    assert.equal(line?.until, until);
  });

  test("a device lockout carries the device policy's failures", () => {
    const s = setup();
    const until = START + 15 * MINUTE;
    s.alerts.onSecurityEvent({ kind: 'login_locked', subject: 'device', until, device, staff: null });
    assert.equal(s.raised[0]?.alert.id, 'login_locked:device:counter-3');
    assert.equal(s.raised[0]?.alert.value, DEFAULT_LOGIN_LIMITS.device.maxFailures);
    assert.equal(s.raised[0]?.until, until);
    assert.equal(s.logged.lines()[0]?.staffId, null);
  });

  test('failures and refusals are logged without alerting the dashboard', () => {
    const s = setup();
    s.alerts.onSecurityEvent({ kind: 'login_failed', deviceId: 'counter-3', staffId: 'staff-7', failures: 2 });
    s.alerts.onSecurityEvent({ kind: 'login_refused', deviceId: 'counter-3', staffId: null, reason: 'backoff' });
    s.alerts.onSecurityEvent({ kind: 'pairing_failed', reason: 'unknown', failures: 4 });
    s.alerts.onSecurityEvent({ kind: 'pairing_refused', reason: 'locked', retryAt: START + 60 * MINUTE });
    assert.equal(s.raised.length, 0);
    assert.deepEqual(
      s.logged.lines().map((l) => [l.level, l.msg]),
      [
        [40, 'staff login failed'],
        [40, 'staff login refused before the PIN was checked'],
        [40, 'device pairing failed'],
        [40, 'device pairing refused before the code was checked'],
      ],
    );
  });

  test('the log carries ids, counts, reasons and times only: no PIN, code, username or name', () => {
    const s = setup();
    const events: SecurityEvent[] = [
      { kind: 'login_failed', deviceId: 'counter-3', staffId: 'staff-7', failures: 3 },
      { kind: 'login_refused', deviceId: 'counter-3', staffId: 'staff-7', reason: 'locked' },
      { kind: 'login_locked', subject: 'account', until: START + MINUTE, device, staff: { id: 'staff-7', displayName: STAFF_NAME } },
      { kind: 'login_locked', subject: 'device', until: START + MINUTE, device, staff: null },
      { kind: 'pairing_failed', reason: 'expired', failures: 1 },
      { kind: 'pairing_refused', reason: 'backoff', retryAt: START + MINUTE },
    ];
    for (const e of events) s.alerts.onSecurityEvent(e);
    s.alerts.onFlooding({ kind: 'issue_rate', deviceId: 'kiosk-1', limit: 5 });
    const allowed = new Set(['subject', 'deviceId', 'staffId', 'until', 'failures', 'reason', 'retryAt', 'limit', 'value']);
    const pino = new Set(['level', 'time', 'app', 'msg']);
    const lines = s.logged.lines();
    assert.equal(lines.length, events.length + 1);
    for (const line of lines) {
      const fields = Object.keys(line).filter((k) => !pino.has(k));
      assert.deepEqual(
        fields.filter((k) => !allowed.has(k)),
        [],
        `${String(line.msg)} logs only ids, counts, reasons and times`,
      );
    }
    const text = s.logged.text();
    for (const name of [STAFF_NAME, ...Object.values(DEVICE_NAMES)]) assert.ok(!text.includes(name), `${name} is not in the log`);
  });
});
