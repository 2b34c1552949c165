/**
 * `hall import-tickets`: invalid rows listed by line number and nothing imported; with
 * --skip-invalid the valid rows land in the tickets table, the KPIs see them, and the import is
 * one `history.imported` event in an intact chain; a second import of the same rows is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SITE, tempDir } from '../../support/hall-server.ts';
import { runHallCli } from '../../support/hall-cli.ts';
import { IMPORT_HEADER } from '../../../electron/core/ticket-import.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';

const H = IMPORT_HEADER.join(',');
const t = (hhmm: string): string => `2026-03-02T${hhmm}:00+07:00`;
/**
 * Line 2: A001 wait 10, service 20, very satisfied.   Line 3: invalid outcome.
 * Line 4: A002 wait 20, no-show.                       Line 5: invalid time.
 * Line 6: B001 cancelled, never called.                Line 7: C001 wait 15 exactly, served, dissatisfied.
 * Expected hall row: 4 tickets, 2 served, 1 no-show; waits 10, 15, 20 → mean 15, within 15: 2/3 = 66.7 %;
 * ratings 2 → satisfaction 50 %.
 */
const ROWS = [
  H,
  `ho-tich,A001,normal,${t('08:00')},${t('08:10')},${t('08:10')},${t('08:30')},quay-1,cb-1,served,very_satisfied,1.001193,000.14.21.H36-260302-0001`,
  `ho-tich,A009,normal,${t('08:00')},,,,,,finished,,,`,
  `ho-tich,A002,elderly,${t('08:00')},${t('08:20')},,,quay-1,cb-1,no_show,,,`,
  `ho-tich,A010,normal,08:00,,,,,,cancelled,,,`,
  `B,B001,normal,${t('08:05')},,,,,,cancelled,,,`,
  `dat-dai,C001,normal,${t('09:00')},${t('09:15')},${t('09:16')},${t('09:40')},quay-3,cb-2,served,dissatisfied,,`,
];

describe('hall import-tickets', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  let csv: string;
  before(() => {
    tmp = tempDir('hall-import-');
    db = join(tmp.dir, 'hall.db');
    csv = join(tmp.dir, 'history.csv');
    writeFileSync(csv, `${ROWS.join('\r\n')}\r\n`);
  });
  after(() => tmp.cleanup());

  const cli = (...args: string[]) => runHallCli(['import-tickets', ...args, '--db', db, '--site', DEMO_SITE]);
  const ticketCount = (): number => {
    const d = openHallDatabase(db, { readonly: true });
    try {
      return (d.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    } finally {
      d.close();
    }
  };

  test('invalid rows are reported by line and nothing is imported', async () => {
    const r = await cli(csv);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^line 3: outcome "finished" is not one of/m);
    assert.match(r.stdout, /^line 5: issued_at "08:00" is not an ISO 8601 time/m);
    assert.match(r.stdout, /nothing imported: 2 invalid rows/);
    assert.equal(ticketCount(), 0);
  });

  test('a wrong header is refused before any row', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, 'number,service\nA001,ho-tich\n');
    const r = await cli(bad);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /line 1: the header must be exactly "service_code,number,priority/);
  });

  test('--skip-invalid imports the valid rows; KPIs and the event chain see them', async () => {
    const r = await cli(csv, '--skip-invalid', '--json');
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.imported, 4);
    assert.deepEqual(
      summary.invalid.map((i: { line: number }) => i.line),
      [3, 5],
    );
    assert.equal(ticketCount(), 4);

    const kpis = await runHallCli(['kpis', '--db', db, '--site', DEMO_SITE, '--from', '2026-03-02', '--to', '2026-03-02', '--json']);
    assert.equal(kpis.code, 0, kpis.stderr);
    const [all] = JSON.parse(kpis.stdout).rows;
    assert.deepEqual(
      {
        tickets: all.tickets,
        served: all.served,
        noShows: all.noShows,
        waitMeanMin: all.waitMeanMin,
        within: all.withinWaitTargetPct,
        ratings: all.ratings,
        sat: all.satisfactionPct,
      },
      { tickets: 4, served: 2, noShows: 1, waitMeanMin: 15, within: 66.7, ratings: 2, sat: 50 },
    );
    const verify = await runHallCli(['verify-log', '--db', db, '--json']);
    assert.equal(verify.code, 0);
    assert.equal(JSON.parse(verify.stdout).checked, 1);
    const d = openHallDatabase(db, { readonly: true });
    try {
      const e = d.prepare('SELECT type, data FROM events').get() as { type: string; data: string };
      assert.equal(e.type, 'history.imported');
      assert.equal(JSON.parse(e.data).rows, 4);
      assert.match(JSON.parse(e.data).fileSha256, /^[0-9a-f]{64}$/);
    } finally {
      d.close();
    }
  });

  test('the same bare number in two services on one day imports both (numbers are per service)', async () => {
    const csv = join(tmp.dir, 'per-service.csv');
    const t = (m: number): string => `2026-04-06T0${m}:00:00+07:00`;
    writeFileSync(csv, [IMPORT_HEADER.join(','), `ho-tich,12,normal,${t(8)},,,,,,cancelled,,,`, `chung-thuc,12,normal,${t(9)},,,,,,cancelled,,,`].join('\n'));
    const perServiceDb = join(tmp.dir, 'per-service.db');
    const r = await runHallCli(['import-tickets', csv, '--db', perServiceDb, '--site', DEMO_SITE, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(JSON.parse(r.stdout).imported, 2);
    const conn = openHallDatabase(perServiceDb, { readonly: true });
    try {
      assert.deepEqual(conn.prepare("SELECT number FROM tickets WHERE business_date = '2026-04-06' ORDER BY number").pluck().all(), ['A12', 'B12']);
    } finally {
      conn.close();
    }
  });

  test('importing the same tickets again names each duplicate and changes nothing', async () => {
    const r = await cli(csv);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^line 2: ticket A001 already exists on 2026-03-02/m);
    assert.equal(ticketCount(), 4);
  });
});
