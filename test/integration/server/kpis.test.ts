/**
 * KPIs end to end: tickets issued, called, served and marked no-show over HTTP on a standing
 * clock, then getKpis (dashboard and display), its query validation and access rule, and the
 * `kpis` command of the hall CLI reading the same database after the server has stopped.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_SITE, api, startTestHall, tempDir, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { runHallCli as hallCli } from '../../support/hall-cli.ts';

const MINUTE = 60_000;
/** 08:00 in Hanoi on Monday 2026-03-02; the clock stands still unless the test moves it. */
const T0 = Date.parse('2026-03-02T01:00:00Z');
const DAY = '2026-03-02';

/**
 * Expected rows by service (minutes after 08:00):
 *   A001 ho-tich    issued 0, called 10 at quay-1, start 10, finish 20      wait 10, service 10, done
 *   A002 ho-tich    issued 0, called 20 at quay-1, no-show at 25            wait 20, no-show
 *   A003 ho-tich    issued 0, still waiting                                  no wait
 *   B001 chung-thuc issued 0, called 5 at quay-2, start 6, finish 36        wait 5, service 30, done
 * ho-tich: waits [10, 20] → mean 15, median rank ⌈1⌉ = 1 → 10, p90 rank ⌈1.8⌉ = 2 → 20,
 *          within 15: 1 / 2 = 50 %; service [10] → 10, 100 %.
 * chung-thuc: wait 5, service exactly 30 (within, inclusive).
 */
const EXPECTED_BY_SERVICE = [
  {
    key: 'chung-thuc',
    tickets: 1,
    served: 1,
    noShows: 0,
    waitMeanMin: 5,
    waitMedianMin: 5,
    waitP90Min: 5,
    withinWaitTargetPct: 100,
    serviceMeanMin: 30,
    withinServiceTargetPct: 100,
    ratings: 0,
    satisfactionPct: null,
  },
  {
    key: 'ho-tich',
    tickets: 3,
    served: 1,
    noShows: 1,
    waitMeanMin: 15,
    waitMedianMin: 10,
    waitP90Min: 20,
    withinWaitTargetPct: 50,
    serviceMeanMin: 10,
    withinServiceTargetPct: 100,
    ratings: 0,
    satisfactionPct: null,
  },
];

describe('KPIs over HTTP and from the CLI', () => {
  let now = T0;
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let closed = false;
  let dashboard: string;
  let display: string;
  let byServiceOverHttp: unknown;

  const ok = (res: ApiResponse, status = 200): void => {
    assert.equal(res.status, status, JSON.stringify(res.json));
  };
  const kpis = (query: string, token: string = dashboard): Promise<ApiResponse> => api(hall.url, 'GET', `/api/v1/kpis${query}`, { token });

  before(async () => {
    tmp = tempDir('hall-kpis-');
    hall = await startTestHall({ clock: () => now, dbPath: join(tmp.dir, 'hall.db') });
    dashboard = hall.device('dashboard');
    display = hall.device('display');
    const kiosk = hall.device('kiosk');
    const quay1 = await hall.officerAt('quay-1');
    const quay2 = await hall.officerAt('quay-2');
    const op = async (counterId: string, who: { token: string; session: string }, action: string, body?: unknown): Promise<ApiResponse> => {
      const r = await api(hall.url, 'POST', `/api/v1/counters/${counterId}/${action}`, { token: who.token, session: who.session, body });
      ok(r);
      return r;
    };
    for (const serviceId of ['ho-tich', 'ho-tich', 'ho-tich', 'chung-thuc']) {
      ok(await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } }), 201);
    }
    await op('quay-1', quay1, 'open');
    await op('quay-2', quay2, 'open');
    now = T0 + 5 * MINUTE;
    assert.equal((await op('quay-2', quay2, 'call-next')).json.ticket.number, 'B001');
    now = T0 + 6 * MINUTE;
    await op('quay-2', quay2, 'start');
    now = T0 + 10 * MINUTE;
    assert.equal((await op('quay-1', quay1, 'call-next')).json.ticket.number, 'A001');
    await op('quay-1', quay1, 'start');
    now = T0 + 20 * MINUTE;
    await op('quay-1', quay1, 'finish', { outcome: 'received_dossier' });
    assert.equal((await op('quay-1', quay1, 'call-next')).json.ticket.number, 'A002');
    now = T0 + 25 * MINUTE;
    await op('quay-1', quay1, 'no-show');
    now = T0 + 36 * MINUTE;
    await op('quay-2', quay2, 'finish', { outcome: 'returned_result' });
  });

  after(async () => {
    if (!closed) await hall?.close();
    tmp?.cleanup();
  });

  test('the dashboard reads the day by service', async () => {
    const r = await kpis(`?from=${DAY}&to=${DAY}&groupBy=service`);
    ok(r);
    assert.deepEqual(r.json, { from: DAY, to: DAY, groupBy: 'service', targets: hall.config.targets, rows: EXPECTED_BY_SERVICE });
    byServiceOverHttp = r.json;
  });

  test("the display reads today's whole-hall row without parameters", async () => {
    const r = await kpis('', display);
    ok(r);
    assert.equal(r.json.from, DAY);
    assert.equal(r.json.to, DAY);
    assert.equal(r.json.groupBy, 'none');
    // waits [5, 10, 20]: mean 35 / 3 = 11.67, median 10, p90 20, within 2 / 3 = 66.7 %; services [10, 30] → 20.
    assert.deepEqual(r.json.rows, [
      {
        key: 'all',
        tickets: 4,
        served: 2,
        noShows: 1,
        waitMeanMin: 11.67,
        waitMedianMin: 10,
        waitP90Min: 20,
        withinWaitTargetPct: 66.7,
        serviceMeanMin: 20,
        withinServiceTargetPct: 100,
        ratings: 0,
        satisfactionPct: null,
      },
    ]);
  });

  test('by counter and by local hour; a day without tickets has no rows', async () => {
    const counters = await kpis(`?from=${DAY}&to=${DAY}&groupBy=counter`);
    ok(counters);
    assert.deepEqual(
      counters.json.rows.map((x: { key: string; tickets: number }) => [x.key, x.tickets]),
      [
        ['(none)', 1],
        ['quay-1', 2],
        ['quay-2', 1],
      ],
    );
    const hours = await kpis(`?from=${DAY}&to=${DAY}&groupBy=hour`);
    ok(hours);
    assert.deepEqual(
      hours.json.rows.map((x: { key: string; tickets: number }) => [x.key, x.tickets]),
      [[`${DAY} 08:00`, 4]],
    );
    const empty = await kpis('?from=2026-03-01&to=2026-03-01&groupBy=day');
    ok(empty);
    assert.deepEqual(empty.json.rows, []);
  });

  test('a bad query is refused with VALIDATION_FAILED naming the field', async () => {
    const cases: [string, string][] = [
      [`?from=2026-03-03&to=${DAY}`, 'to'],
      [`?from=2026-02-30&to=${DAY}`, 'from'],
      [`?from=${DAY}&to=2026-3-2`, 'to'],
      [`?from=${DAY}&to=${DAY}&groupBy=week`, 'groupBy'],
      [`?from=2025-03-01&to=${DAY}`, 'to'], // 367 days
    ];
    for (const [query, field] of cases) {
      const r = await kpis(query);
      assert.equal(r.status, 400, query);
      assert.equal(r.json.error.code, 'VALIDATION_FAILED', query);
      assert.deepEqual(
        r.json.error.details.issues.map((i: { path: string }) => i.path),
        [field],
        query,
      );
    }
    // 366 days, both ends counted, is the longest range allowed.
    ok(await kpis(`?from=2025-03-02&to=${DAY}`));
  });

  test('a kiosk may not read KPIs; a caller without a token is not authenticated', async () => {
    const kiosk = await kpis(`?from=${DAY}&to=${DAY}`, hall.device('kiosk'));
    assert.equal(kiosk.status, 403);
    assert.equal(kiosk.json.error.code, 'FORBIDDEN');
    const anonymous = await api(hall.url, 'GET', '/api/v1/kpis');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json.error.code, 'UNAUTHENTICATED');
  });

  test('getKpis is in the OpenAPI document under reports', async () => {
    const r = await api(hall.url, 'GET', '/api/v1/openapi.json');
    ok(r);
    assert.equal(r.json.paths['/api/v1/kpis'].get.operationId, 'getKpis');
    assert.deepEqual(r.json.paths['/api/v1/kpis'].get.tags, ['reports']);
  });

  test('the CLI prints the same report from the database after the server stops', async () => {
    await hall.close();
    closed = true;
    const db = join(tmp.dir, 'hall.db');
    const base = ['kpis', '--db', db, '--site', DEMO_SITE, '--from', DAY, '--to', DAY];

    const json = await hallCli([...base, '--group-by', 'service', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), byServiceOverHttp);

    const table = await hallCli([...base, '--group-by', 'service']);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^KPIs 2026-03-02 … 2026-03-02 by service; targets: wait ≤ 15 min, service ≤ 30 min/);
    assert.match(lines[1] ?? '', /^key\s+tickets\s+served\s+no-shows\s+wait mean\s+median\s+p90/);
    assert.match(lines[2] ?? '', /^chung-thuc\s+1\s+1\s+0\s+5\s+5\s+5\s+100\s+30\s+100\s+0\s+–$/);
    assert.match(lines[3] ?? '', /^ho-tich\s+3\s+1\s+1\s+15\s+10\s+20\s+50\s+10\s+100\s+0\s+–$/);
    assert.equal(lines.length, 4);

    const bad = await hallCli(['kpis', '--db', db, '--site', DEMO_SITE, '--from', '2026-03-03', '--to', DAY]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /error: --to: "to" \(2026-03-02\) must not be before "from" \(2026-03-03\)/);
    assert.equal(bad.stdout, '');
  });
});
