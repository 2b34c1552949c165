/**
 * The `npm run hall` command line, run as child processes against temp databases: enrolment,
 * staff, log verification, and refusing a newer database or a broken site configuration.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations/index.ts';
import { DEMO_SITE, api, startTestHall, tempDir } from '../../support/hall-server.ts';
import { REPO_ROOT, runHallCli as hall } from '../../support/hall-cli.ts';

/** Writes a database whose schema version is newer than this release knows. */
function newerDatabase(path: string, version = 99): void {
  const raw = new Database(path);
  raw.exec('CREATE TABLE from_the_future (x TEXT)');
  raw.pragma(`user_version = ${version}`);
  raw.close();
}

const userVersion = (path: string): number => {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.pragma('user_version', { simple: true }) as number;
  } finally {
    raw.close();
  }
};

describe('hall CLI', { concurrency: true }, () => {
  let tmp: ReturnType<typeof tempDir>;
  let n = 0;
  const dbPath = (): string => join(tmp.dir, `hall-${++n}.db`);

  before(() => {
    tmp = tempDir('hall-cli-');
  });
  after(() => tmp.cleanup());

  test('enroll --role kiosk prints a one-time pairing code that pairs once with the server', async () => {
    const db = dbPath();
    const r = await hall(['enroll', '--db', db, '--role', 'kiosk', '--name', 'Ki-ốt sảnh chính']);
    assert.equal(r.code, 0, r.stderr);
    const m = /pairing code for kiosk "Ki-ốt sảnh chính": (\d{4}-\d{4}) \(valid 15 minutes, one use\)/.exec(r.stdout);
    assert.ok(m?.[1], `a pairing code in: ${r.stdout}`);
    const code = m[1];

    const server = await startTestHall({ dbPath: db });
    try {
      const paired = await api(server.url, 'POST', '/api/v1/devices/pair', { body: { code } });
      assert.equal(paired.status, 200, JSON.stringify(paired.json));
      assert.equal(paired.json.device.role, 'kiosk');
      assert.equal(paired.json.device.name, 'Ki-ốt sảnh chính');
      const snapshot = await api(server.url, 'GET', '/api/v1/hall/snapshot', { token: paired.json.token });
      assert.equal(snapshot.status, 200);
      const again = await api(server.url, 'POST', '/api/v1/devices/pair', { body: { code } });
      assert.equal(again.status, 401);
      assert.equal(again.json.error.code, 'INVALID_PAIRING_CODE');
    } finally {
      await server.close();
    }
  });

  test('enroll --role counter without --counter exits 2 with a clear message and creates no database', async () => {
    const db = dbPath();
    const r = await hall(['enroll', '--db', db, '--role', 'counter', '--name', 'Quầy 1']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error: a counter device needs --counter <counter id>/);
    assert.match(r.stderr, /usage:/);
    assert.equal(r.stdout, '');
    assert.equal(existsSync(db), false);
  });

  test('enroll --token --json prints a token that works against a server on that database', async () => {
    const db = dbPath();
    const r = await hall(['enroll', '--db', db, '--role', 'kiosk', '--name', 'Ki-ốt 1', '--token', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { deviceId: string; role: string; token: string };
    assert.equal(out.role, 'kiosk');
    assert.match(out.token, /^dev_[A-Za-z0-9_-]{43}$/);
    const created = openHallDatabase(db, { readonly: true });
    try {
      assert.equal(created.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION, 'the CLI created a migrated database');
      assert.equal(created.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      created.close();
    }

    const server = await startTestHall({ dbPath: db });
    try {
      const issued = await api(server.url, 'POST', '/api/v1/tickets', { token: out.token, body: { serviceId: 'ho-tich' } });
      assert.equal(issued.status, 201, JSON.stringify(issued.json));
      assert.equal(issued.json.ticket.number, 'A001');
      const wrong = await api(server.url, 'POST', '/api/v1/tickets', { token: `${out.token}x`, body: { serviceId: 'ho-tich' } });
      assert.equal(wrong.status, 401);
    } finally {
      await server.close();
    }
  });

  test('add-staff, then the officer logs in on a counter enrolled by the CLI', async () => {
    const db = dbPath();
    const staff = await hall([
      'add-staff',
      '--db',
      db,
      '--username',
      'lan.nt',
      '--name',
      'Nguyễn Thị Lan',
      '--role',
      'officer',
      '--pin',
      '246810',
      '--counters',
      'quay-1,quay-5',
    ]);
    assert.equal(staff.code, 0, staff.stderr);
    assert.match(staff.stdout, /added officer lan\.nt/);
    const [dup, counter] = await Promise.all([
      hall(['add-staff', '--db', db, '--username', 'lan.nt', '--name', 'X', '--role', 'officer', '--pin', '592746']),
      hall(['enroll', '--db', db, '--role', 'counter', '--counter', 'quay-1', '--name', 'Quầy 1', '--token', '--json']),
    ]);
    assert.equal(dup.code, 2);
    assert.match(dup.stderr, /staff "lan\.nt" already exists/);
    for (const [pin, why] of [
      ['1234', /at least 6 digits/],
      ['000000', /one digit repeated/],
      ['123456', /run of digits/],
      ['150590', /birth date/],
    ] as const) {
      const weak = await hall([
        'add-staff',
        '--db',
        db,
        '--username',
        'weak.pin',
        '--name',
        'Y',
        '--role',
        'officer',
        '--pin',
        pin,
        '--birth-date',
        '15/05/1990',
      ]);
      assert.equal(weak.code, 2, pin);
      assert.match(weak.stderr, why);
    }
    assert.equal(counter.code, 0, counter.stderr);
    const { token } = JSON.parse(counter.stdout) as { token: string };

    const server = await startTestHall({ dbPath: db });
    try {
      const login = await api(server.url, 'POST', '/api/v1/sessions', { token, body: { username: 'lan.nt', pin: '246810' } });
      assert.equal(login.status, 201, JSON.stringify(login.json));
      assert.equal(login.json.staff.displayName, 'Nguyễn Thị Lan');
      assert.equal(login.json.staff.role, 'officer');
      assert.equal(login.json.counterId, 'quay-1');
      const opened = await api(server.url, 'POST', '/api/v1/counters/quay-1/open', { token, session: login.json.sessionToken });
      assert.equal(opened.status, 200, JSON.stringify(opened.json));
      const wrongPin = await api(server.url, 'POST', '/api/v1/sessions', { token, body: { username: 'lan.nt', pin: '111111' } });
      assert.equal(wrongPin.status, 401);
      assert.equal(wrongPin.json.error.code, 'INVALID_CREDENTIALS');
    } finally {
      await server.close();
    }
  });

  test('verify-log: "intact" and exit 0 on a good log; exit 1 naming the first broken seq after tampering', async () => {
    const db = dbPath();
    const server = await startTestHall({ dbPath: db });
    try {
      const kiosk = server.device('kiosk');
      for (const serviceId of ['ho-tich', 'chung-thuc', 'ho-tich', 'dat-dai', 'ho-tich']) {
        const r = await api(server.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } });
        assert.equal(r.status, 201);
      }
    } finally {
      await server.close();
    }

    const good = await hall(['verify-log', '--db', db]);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /event log intact: 5 events, last seq 5/, good.stderr);

    const raw = new Database(db);
    raw.exec('DROP TRIGGER events_no_update');
    const row = raw.prepare('SELECT data FROM events WHERE seq = 3').get() as { data: string };
    const data = JSON.parse(row.data) as { ticket: { number: string } };
    data.ticket.number = 'A999';
    raw.prepare('UPDATE events SET data = ? WHERE seq = 3').run(JSON.stringify(data));
    raw.close();

    const bad = await hall(['verify-log', '--db', db]);
    const badJson = await hall(['verify-log', '--db', db, '--json']);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stdout, /event log BROKEN at seq 3: .*altered.*\(2 events verified before it\)/, bad.stderr);
    assert.equal(badJson.code, 1, badJson.stderr);
    assert.match(badJson.stdout, /"firstBroken"/, badJson.stderr);
    const result = JSON.parse(badJson.stdout) as { ok: boolean; firstBroken: { seq: number } };
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken.seq, 3);
  });

  test('verify-log and serve refuse a database from a newer release, naming the version and the fix', async () => {
    const db = dbPath();
    newerDatabase(db, 99);
    const before = readFileSync(db);
    const [verify, serve] = await Promise.all([
      hall(['verify-log', '--db', db]),
      hall(['serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--site', DEMO_SITE]),
    ]);
    for (const r of [verify, serve]) {
      assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /schema version 99/);
      assert.match(r.stderr, new RegExp(`newer than this release supports \\(${LATEST_SCHEMA_VERSION}\\)`));
      assert.match(r.stderr, /Install the newer release, or restore a backup/);
      assert.doesNotMatch(r.stdout, /listening/);
    }
    assert.equal(userVersion(db), 99);
    assert.deepEqual(readFileSync(db), before, 'the file was not changed');
  });

  test('serve with a broken site configuration exits non-zero naming the file and the field path', async () => {
    const site = join(tmp.dir, 'broken-site');
    cpSync(join(REPO_ROOT, DEMO_SITE), site, { recursive: true });
    const countersPath = join(site, 'counters.json');
    const counters = JSON.parse(readFileSync(countersPath, 'utf8')) as { counters: { services: { serviceId: string }[] }[] };
    const entry = counters.counters[1]?.services[0];
    assert.ok(entry);
    entry.serviceId = 'khong-ton-tai';
    writeFileSync(countersPath, JSON.stringify(counters, null, 2));
    const db = dbPath();

    const r = await hall(['serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--site', site]);
    assert.notEqual(r.code, 0);
    assert.notEqual(r.code, null);
    assert.match(r.stderr, /hall configuration in .*broken-site is not valid/);
    assert.match(r.stderr, /counters\.json: counters\[1\]\.services\[0\]\.serviceId: unknown service "khong-ton-tai"; use one of: ho-tich/);
    assert.doesNotMatch(r.stdout, /listening/);
    assert.equal(existsSync(db), false, 'nothing was started, no database created');
  });
});
