/**
 * Flooding from one enrolled device (issue 15, finding 7): a kiosk token issued 999 tickets in
 * 6.6 s and used up a service's numbers for the day; drafts took 8 × 24 MiB of papers in 12.6 s.
 * Each attack runs here as a loop bounded in attempts and wall time, first against a hall with
 * the test harness's raised issue limit (the attack works, as it did before the limit), then with
 * the real defaults (hall-limits.ts): the device gets its burst, then 429 ISSUE_RATE_LIMITED
 * with retryAfterMs, whichever way it issues (kiosk, counter, dossier submit); its open drafts and
 * their papers stop at the quota, an oversized upload before its body is read; the dashboard gets
 * one device_flooding alert per device and limit, the log one line.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { PAPER_HEADERS } from '../../../electron/common/dossier-wire.ts';
import { ERROR_CODES } from '../../../electron/common/errors.ts';
import { DEFAULT_DRAFT_LIMITS, DEFAULT_ISSUE_LIMITS } from '../../../electron/server/device-flooding.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { capturedLog } from '../../support/captured-log.ts';
import { birthDossierRequest } from '../../support/dossier-fixture.ts';
import { scanSizedPdf, sha256 } from '../../support/pdf-fixture.ts';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const MAX_ATTEMPTS = 300;
const MAX_WALL_MS = 20_000;
const MIB = 1024 * 1024;
const PIN = '418263';

/** Issues tickets from `token` until MAX_ATTEMPTS or MAX_WALL_MS; returns the answers' codes. */
async function issueLoop(url: string, token: string, session?: string, attempts = MAX_ATTEMPTS): Promise<{ codes: string[]; lastRefusal: any }> {
  const codes: string[] = [];
  let lastRefusal: any = null;
  const started = Date.now();
  for (let i = 0; i < attempts && Date.now() - started < MAX_WALL_MS; i++) {
    const res = await api(url, 'POST', '/api/v1/tickets', { token, ...(session ? { session } : {}), body: { serviceId: 'ho-tich' } });
    codes.push(res.status === 201 ? 'OK' : res.json.error.code);
    if (res.status !== 201) lastRefusal = res;
  }
  return { codes, lastRefusal };
}

function tally(codes: readonly string[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const c of codes) t[c] = (t[c] ?? 0) + 1;
  return t;
}

/** PUTs a paper with its Content-Length, writing the body only while the server reads; reports the answer and the bytes written. */
function putPaper(url: string, token: string, dossierId: string, docTypeCode: string, pdf: Buffer): Promise<{ status: number; json: any; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    const req = request(`${url}/api/v1/dossiers/${dossierId}/papers/${docTypeCode}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/pdf',
        'content-length': String(pdf.length),
        [PAPER_HEADERS.sha256]: sha256(pdf),
        [PAPER_HEADERS.pages]: '1',
        [PAPER_HEADERS.dpi]: '300',
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), written });
      });
    });
    req.on('error', (error) => (written < pdf.length ? undefined : reject(error)));
    const chunk = 256 * 1024;
    const write = (): void => {
      while (written < pdf.length) {
        const part = pdf.subarray(written, written + chunk);
        written += part.length;
        if (!req.write(part)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

describe('flooding from one device', () => {
  let hall: TestHall;
  let now = T0;
  const captured = capturedLog();
  let dashboard: string;
  let supervisor: string;

  const alerts = async (): Promise<any[]> => (await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard, session: supervisor })).json.alerts;
  const issued = (): number => [...hall.server.hall.state.tickets.values()].length;
  const deviceIdOf = (name: string): string => {
    const d = hall.server.access.devices().find((x) => x.name === name);
    if (!d) throw new Error(`no device ${name}`);
    return d.id;
  };
  const namedDevice = (role: 'kiosk' | 'counter', name: string, counterId: string | null = null): string =>
    hall.server.access.createEnrolledDevice({ id: randomUUID(), role, name, counterId, validDays: 30 });

  before(async () => {
    // The real limits, passed explicitly over the harness's raised issue limit.
    hall = await startTestHall({ clock: () => now, server: { log: captured.log, limits: { issue: DEFAULT_ISSUE_LIMITS, drafts: DEFAULT_DRAFT_LIMITS } } });
    dashboard = hall.device('dashboard');
    new AccessStore(hall.server.db).addStaff({
      id: randomUUID(),
      username: 'giam.sat',
      displayName: 'Giám sát',
      role: 'supervisor',
      pinHash: hashPin(PIN),
      counterIds: [],
      now,
    });
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: dashboard, body: { username: 'giam.sat', pin: PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    supervisor = login.json.sessionToken;
  });
  after(() => hall.close());

  test('before the limit: a kiosk token issues as fast as it can send', async () => {
    const open = await startTestHall();
    try {
      const kiosk = open.device('kiosk');
      const started = Date.now();
      const { codes } = await issueLoop(open.url, kiosk, undefined, 100);
      assert.deepEqual(tally(codes), { OK: 100 }, 'with the harness limit every ticket of the loop is issued');
      assert.ok(Date.now() - started < MAX_WALL_MS);
    } finally {
      await open.close();
    }
  });

  test('a kiosk token in an issue loop gets its burst, then 429 with retryAfterMs; one more per refill', async () => {
    const kiosk = namedDevice('kiosk', 'Kiosk sảnh A');
    const before = issued();
    const started = Date.now();
    const { codes, lastRefusal } = await issueLoop(hall.url, kiosk);
    const wallMs = Date.now() - started;
    assert.deepEqual(tally(codes), { OK: DEFAULT_ISSUE_LIMITS.burst, ISSUE_RATE_LIMITED: codes.length - DEFAULT_ISSUE_LIMITS.burst });
    assert.equal(codes.length, MAX_ATTEMPTS, `the loop ran ${codes.length} attempts in ${wallMs} ms`);
    assert.equal(issued() - before, DEFAULT_ISSUE_LIMITS.burst, 'only the burst was issued');
    assert.equal(lastRefusal.status, 429);
    assert.equal(lastRefusal.json.error.details.retryAfterMs, DEFAULT_ISSUE_LIMITS.refillMs, 'the clock is held: a whole refill to wait');
    assert.equal(lastRefusal.headers.get('retry-after'), String(DEFAULT_ISSUE_LIMITS.refillMs / 1000));
    assert.match(ERROR_CODES.ISSUE_RATE_LIMITED.vi, /cấp số quá nhanh/, 'the kiosk screen shows the Vietnamese text of the code');

    now += DEFAULT_ISSUE_LIMITS.refillMs / 2;
    assert.deepEqual((await issueLoop(hall.url, kiosk, undefined, 1)).codes, ['ISSUE_RATE_LIMITED'], 'half a refill is not enough');
    now += DEFAULT_ISSUE_LIMITS.refillMs / 2;
    assert.deepEqual((await issueLoop(hall.url, kiosk, undefined, 2)).codes, ['OK', 'ISSUE_RATE_LIMITED'], 'one ticket per refill');

    const deviceId = deviceIdOf('Kiosk sảnh A');
    const alert = (await alerts()).find((a) => a.id === `device_flooding:${deviceId}:issue_rate`);
    assert.ok(alert, 'the dashboard shows the device');
    assert.equal(alert.kind, 'device_flooding');
    assert.match(alert.messageVi, /^Kiosk sảnh A cấp số nhanh hơn mức một người có thể lấy/);
    const lines = captured.lines().filter((l) => l.msg === 'device refused over a flooding limit' && l.deviceId === deviceId);
    assert.equal(lines.length, 1, 'one log line for the alert, not one per refusal');

    now += 15 * 60_000 + 1;
    assert.ok(!(await alerts()).some((a) => a.id === `device_flooding:${deviceId}:issue_rate`), 'the alert lapses 15 minutes after the last refusal');
  });

  test('a counter device issuing walk-in tickets has the same limit', async () => {
    const officer = await hall.officerAt('quay-1');
    const { codes } = await issueLoop(hall.url, officer.token, officer.session, 50);
    assert.deepEqual(tally(codes), { OK: DEFAULT_ISSUE_LIMITS.burst, ISSUE_RATE_LIMITED: 50 - DEFAULT_ISSUE_LIMITS.burst });
  });

  test('a dossier submit issues through the same limit: refused with nothing issued, accepted after the wait', async () => {
    now += 3_600_000;
    const kiosk = namedDevice('kiosk', 'Kiosk hồ sơ');
    assert.equal(tally((await issueLoop(hall.url, kiosk, undefined, DEFAULT_ISSUE_LIMITS.burst)).codes).OK, DEFAULT_ISSUE_LIMITS.burst);
    const created = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest() });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.dossier.id;
    const before = issued();
    const refused = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    assert.deepEqual([refused.status, refused.json.error.code], [429, 'ISSUE_RATE_LIMITED']);
    assert.equal(issued(), before);
    assert.equal((await api(hall.url, 'GET', `/api/v1/dossiers/${id}`, { token: kiosk })).json.dossier.state, 'draft');
    now += DEFAULT_ISSUE_LIMITS.refillMs;
    const submitted = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.json));
    assert.equal(issued(), before + 1);
  });

  test('open drafts per device stop at the quota; abandoned ones make room', async () => {
    now += 3_600_000;
    const kiosk = namedDevice('kiosk', 'Kiosk nháp');
    const ids: string[] = [];
    const codes: string[] = [];
    const started = Date.now();
    for (let i = 0; i < 50 && Date.now() - started < MAX_WALL_MS; i++) {
      now += 1_000;
      const res = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest() });
      codes.push(res.status === 201 ? 'OK' : res.json.error.code);
      if (res.status === 201) ids.push(res.json.dossier.id);
      else assert.deepEqual(res.json.error.details, { openDrafts: DEFAULT_DRAFT_LIMITS.maxOpenDrafts, maxOpenDrafts: DEFAULT_DRAFT_LIMITS.maxOpenDrafts });
    }
    assert.deepEqual(tally(codes), { OK: DEFAULT_DRAFT_LIMITS.maxOpenDrafts, TOO_MANY_DRAFTS: codes.length - DEFAULT_DRAFT_LIMITS.maxOpenDrafts });
    const deviceId = deviceIdOf('Kiosk nháp');
    assert.ok((await alerts()).some((a) => a.id === `device_flooding:${deviceId}:open_drafts`));

    now += DEFAULT_DRAFT_LIMITS.abandonedAfterMs - 40_000; // the first draft is abandoned, the others not yet
    const next = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest() });
    assert.equal(next.status, 201, 'a draft untouched for the abandonment time makes room');
    assert.equal(
      (await api(hall.url, 'GET', `/api/v1/dossiers/${ids[0]}`, { token: kiosk })).json.error.code,
      'UNKNOWN_DOSSIER',
      'the oldest draft was discarded',
    );
    assert.equal((await api(hall.url, 'GET', `/api/v1/dossiers/${ids[1]}`, { token: kiosk })).status, 200, 'only as many as needed');
  });

  test("24 MiB papers into every draft: the device's storage stops at its quota, the upload over it refused before its body is read", async () => {
    now += 3_600_000;
    const kiosk = namedDevice('kiosk', 'Kiosk quét');
    const drafts: string[] = [];
    for (let i = 0; i < DEFAULT_DRAFT_LIMITS.maxOpenDrafts; i++) {
      const res = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest() });
      assert.equal(res.status, 201);
      drafts.push(res.json.dossier.id);
    }
    const scan = scanSizedPdf(24 * MIB);
    const slots = drafts.flatMap((id) => ['GCS', 'VB-UQ'].map((type) => ({ id, type })));
    const answers: { status: number; code: string; written: number }[] = [];
    const started = Date.now();
    for (const slot of slots) {
      if (Date.now() - started > 60_000) break;
      const res = await putPaper(hall.url, kiosk, slot.id, slot.type, scan);
      answers.push({ status: res.status, code: res.status === 201 ? 'OK' : res.json.error.code, written: res.written });
      if (res.status === 413) assert.deepEqual(Object.keys(res.json.error.details).sort(), ['maxBytes', 'uploadBytes', 'usedBytes']);
    }
    const stored = Math.floor(DEFAULT_DRAFT_LIMITS.maxBytes / scan.length);
    assert.deepEqual(
      answers.map((a) => a.code),
      [...Array(stored).fill('OK'), ...Array(slots.length - stored).fill('DRAFT_STORAGE_FULL')],
    );
    for (const a of answers.slice(stored))
      assert.ok(a.written < scan.length, `refused after ${a.written} of ${scan.length} bytes were written: the body was not read`);
    const bytes = hall.server.db
      .prepare('SELECT SUM(bytes) FROM dossier_papers p JOIN dossiers d ON d.id = p.dossier_id WHERE d.created_by_device = ?')
      .pluck()
      .get(deviceIdOf('Kiosk quét')) as number;
    assert.equal(bytes, stored * scan.length);
    assert.ok(bytes <= DEFAULT_DRAFT_LIMITS.maxBytes);
    assert.ok((await alerts()).some((a) => a.id === `device_flooding:${deviceIdOf('Kiosk quét')}:draft_bytes`));

    // Replacing a paper counts the old one out; discarding a draft frees its share.
    assert.equal((await putPaper(hall.url, kiosk, drafts[0] as string, 'GCS', scan)).status, 201, 'a paper replaced by one of the same size fits');
    assert.equal((await api(hall.url, 'DELETE', `/api/v1/dossiers/${drafts[0]}`, { token: kiosk })).status, 204);
    assert.equal((await putPaper(hall.url, kiosk, drafts[2] as string, 'GCS', scan)).status, 201, "the discarded draft's papers no longer count");
  });
});
