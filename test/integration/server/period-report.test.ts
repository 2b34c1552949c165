/**
 * The period report on a generated half-year, asked for its second quarter (2026-Q2) through
 * `hall report --json` and getPeriodReport, against figures this test computes itself from the
 * tickets it generated, with its own arithmetic (none of electron/core): the KPI rows, every
 * TT 01/2018 index per unit and officer with classification, QĐ 468 productivity (year to date
 * from 1 January) and each QĐ 766 indicator. Boundary tickets sit at local midnight around the
 * quarter (Asia/Ho_Chi_Minh, +07:00).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTicketsFile } from '../../../electron/server/import-tickets.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { ReportQueries, staffNames } from '../../../electron/store/report-queries.ts';
import { KpiQueries } from '../../../electron/store/kpi-queries.ts';
import { parsePeriod } from '../../../electron/core/report-period.ts';
import { periodReport, reportNames } from '../../../electron/server/reports/period-report.ts';
import { seededRandom } from '../../../scripts/generate-history.ts';
import { runHallCli } from '../../support/hall-cli.ts';
import { DEMO_SITE, api, openDemoHall, startTestHall, tempDir } from '../../support/hall-server.ts';

const MIN = 60_000;
const OFFSET = 7 * 3_600_000;
const iso = (t: number): string => `${new Date(t + OFFSET).toISOString().slice(0, 19)}+07:00`;
const localDate = (t: number): string => new Date(t + OFFSET).toISOString().slice(0, 10);
const FROM = '2026-04-01';
const TO = '2026-06-30';
const RATINGS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied', null, null] as const;
type Rating = (typeof RATINGS)[number];
type SurveyLevel = 'very_satisfied' | 'satisfied' | 'dissatisfied';

interface Gen {
  service: string;
  prefix: string;
  number: string;
  issued: number;
  called: number | null;
  started: number | null;
  finished: number | null;
  counter: string;
  officer: string;
  outcome: 'served' | 'no_show' | 'cancelled';
  rating: Rating;
  dossier: string | null;
  survey: Partial<Record<1 | 3 | 4 | 7, SurveyLevel>>;
  result: { due: number; completed: number | null; eResult: boolean; channel: 'direct' | 'online' } | null;
}

const config = openDemoHall();
const SERVICES = config.services
  .slice(0, 4)
  .map((s) => ({ id: s.id, prefix: s.prefix, counter: config.counters.find((c) => c.services.some((x) => x.serviceId === s.id))?.id ?? '' }));
const OFFICERS = ['cb-an', 'cb-binh', 'cb-chi'];

/** Tickets from 2 January to 30 June plus boundary tickets at local midnights; deterministic. */
function generate(): Gen[] {
  const random = seededRandom(20260401);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const out: Gen[] = [];
  const seq = new Map<string, number>();
  let dossierSeq = 0;
  const make = (issued: number): Gen => {
    const s = pick(SERVICES);
    const day = localDate(issued);
    const key = `${day}/${s.id}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    const roll = random();
    const outcome = roll < 0.05 ? 'cancelled' : roll < 0.12 ? 'no_show' : 'served';
    const called = outcome === 'cancelled' ? null : issued + Math.floor((random() * 40 * MIN) / 1000) * 1000;
    const started = outcome === 'served' && called !== null ? called + 30_000 : null;
    const finished = started === null ? null : started + Math.floor(((5 + random() * 40) * MIN) / 1000) * 1000;
    const isDossier = outcome === 'served' && random() < 0.6;
    dossierSeq += isDossier ? 1 : 0;
    const dossier = isDossier ? `${config.hall.agencyCode}-${day.slice(2).replace(/-/g, '')}-${String(dossierSeq).padStart(4, '0')}` : null;
    const survey: Gen['survey'] = {};
    if (isDossier && random() < 0.3) {
      for (const i of [1, 3, 4, 7] as const) if (random() < 0.8) survey[i] = pick(['very_satisfied', 'satisfied', 'dissatisfied'] as const);
    }
    let result: Gen['result'] = null;
    if (isDossier && random() < 0.5) {
      const due = issued + Math.floor(3 + random() * 10) * 86_400_000;
      const completed = random() < 0.8 ? due + Math.floor((random() * 4 - 2) * 86_400_000) : null;
      result = { due, completed, eResult: random() < 0.4, channel: random() < 0.25 ? 'online' : 'direct' };
    }
    return {
      service: s.id,
      prefix: s.prefix,
      number: `${s.prefix}${String(n).padStart(4, '0')}`,
      issued,
      called,
      started,
      finished,
      counter: outcome === 'cancelled' ? '' : s.counter,
      officer: outcome === 'cancelled' ? '' : pick(OFFICERS),
      outcome,
      rating: outcome === 'served' ? pick(RATINGS) : null,
      dossier,
      survey,
      result,
    };
  };
  for (let day = Date.parse('2026-01-02T00:00:00Z'); day <= Date.parse('2026-06-30T00:00:00Z'); day += 86_400_000) {
    if (new Date(day).getUTCDay() === 0) continue;
    const open = day - OFFSET + 7.5 * 60 * MIN;
    for (let i = 0; i < 11; i += 1) out.push(make(open + Math.floor(random() * 8 * 60) * MIN));
  }
  // Local midnight boundaries: 31/03 23:59:59 is out, 01/04 00:00:00 in, 30/06 23:59:59 in, 01/07 00:00:00 out.
  for (const at of ['2026-03-31T23:59:59+07:00', '2026-04-01T00:00:00+07:00', '2026-06-30T23:59:59+07:00', '2026-07-01T00:00:00+07:00']) {
    const g = make(Date.parse(at));
    out.push({
      ...g,
      called: null,
      started: null,
      finished: null,
      outcome: 'cancelled',
      counter: '',
      officer: '',
      rating: null,
      dossier: null,
      survey: {},
      result: null,
    });
  }
  return out;
}

// ---- the test's own arithmetic ----------------------------------------------------------------
const round1 = (x: number): number => Math.floor(x * 10 + 0.5 + 1e-9) / 10;
const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.floor((part * 1000) / whole + 0.5 + 1e-9) / 10);
const minutes = (ms: number): number => Math.floor(ms / 600 + 0.5) / 100;
const rank = (sorted: number[], p: number): number | undefined => sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];

function kpiRow(key: string, ts: Gen[]): Record<string, unknown> {
  const waits = ts
    .filter((t) => t.called !== null)
    .map((t) => (t.called ?? 0) - t.issued)
    .sort((a, b) => a - b);
  const services = ts.filter((t) => t.finished !== null).map((t) => (t.finished ?? 0) - (t.started ?? 0));
  const rated = ts.filter((t) => t.rating !== null);
  const mean = (xs: number[]): number | null => (xs.length === 0 ? null : minutes(xs.reduce((a, b) => a + b, 0) / xs.length));
  const med = rank(waits, 50);
  const p90 = rank(waits, 90);
  return {
    key,
    tickets: ts.length,
    served: ts.filter((t) => t.outcome === 'served').length,
    noShows: ts.filter((t) => t.outcome === 'no_show').length,
    waitMeanMin: mean(waits),
    waitMedianMin: med === undefined ? null : minutes(med),
    waitP90Min: p90 === undefined ? null : minutes(p90),
    withinWaitTargetPct: pct(waits.filter((w) => w <= 15 * MIN).length, waits.length),
    serviceMeanMin: mean(services),
    withinServiceTargetPct: pct(services.filter((s) => s <= 30 * MIN).length, services.length),
    ratings: rated.length,
    satisfactionPct: pct(rated.filter((t) => t.rating === 'very_satisfied' || t.rating === 'satisfied').length, rated.length),
  };
}

const SURVEY_POINTS = { very_satisfied: 2, satisfied: 1, dissatisfied: 0 } as const;
const RATING_POINTS = { very_satisfied: 2, satisfied: 1, neutral: 1, dissatisfied: 0, very_dissatisfied: 0 } as const;

function pointsOf(t: Gen): Partial<Record<number, number>> {
  const p: Partial<Record<number, number>> = {};
  if (t.result && t.result.completed !== null) {
    const c = localDate(t.result.completed);
    const d = localDate(t.result.due);
    p[1] = c < d ? 2 : c === d ? 1 : 0;
  } else if (t.survey[1]) p[1] = SURVEY_POINTS[t.survey[1]];
  if (t.survey[3]) p[3] = SURVEY_POINTS[t.survey[3]];
  if (t.survey[4]) p[4] = SURVEY_POINTS[t.survey[4]];
  if (t.survey[7]) p[7] = SURVEY_POINTS[t.survey[7]];
  else if (t.rating) p[7] = RATING_POINTS[t.rating];
  return p;
}

function scores(ds: Gen[], indices: number[]): { byIndex: (number | null)[]; total: number | null } {
  const byIndex = indices.map((i) => {
    const ps = ds
      .map(pointsOf)
      .filter((p) => p[i] !== undefined)
      .map((p) => p[i] ?? 0);
    return ps.length === 0 ? null : round1(ps.reduce((a, b) => a + b, 0) / ps.length);
  });
  const scored = byIndex.filter((x): x is number => x !== null);
  return { byIndex, total: scored.length === 0 ? null : Math.round(scored.reduce((a, b) => a + b, 0) * 10) / 10 };
}

const unitClass = (t: number): string => (t >= 15 ? 'Xuất sắc' : t >= 12 ? 'Tốt' : t >= 9 ? 'Khá' : t >= 6 ? 'Trung bình' : 'Yếu');
const officerClass = (t: number): string => (t >= 5 ? 'pct_100' : t >= 3.5 ? 'pct_70_to_100' : 'pct_below_70');

// ---- the test ---------------------------------------------------------------------------------
describe('period report on a generated quarter', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let all: Gen[];
  let fromCli: any;

  before(async () => {
    tmp = tempDir('hall-period-');
    dbPath = join(tmp.dir, 'hall.db');
    all = generate();
    const csv = join(tmp.dir, 'history.csv');
    const header = 'service_code,number,priority,issued_at,first_called_at,started_at,finished_at,counter,officer,outcome,rating,procedure_code,dossier_code';
    const line = (t: Gen): string =>
      [
        t.service,
        t.number,
        'normal',
        iso(t.issued),
        t.called === null ? '' : iso(t.called),
        t.started === null ? '' : iso(t.started),
        t.finished === null ? '' : iso(t.finished),
        t.counter,
        t.officer,
        t.outcome,
        t.rating ?? '',
        '',
        t.dossier ?? '',
      ].join(',');
    writeFileSync(csv, `${header}\n${all.map(line).join('\n')}\n`);
    const db = openHallDatabase(dbPath);
    try {
      const summary = importTicketsFile(db, config, csv, { skipInvalid: false, now: Date.now() });
      assert.equal(summary.committed, true, JSON.stringify(summary.invalid.slice(0, 3)));
      const idOf = db.prepare('SELECT id FROM tickets WHERE business_date = ? AND number = ?').pluck();
      const reports = new ReportQueries(db);
      for (const t of all) {
        const ticketId = idOf.get(localDate(t.issued), t.number) as string;
        const answers = Object.entries(t.survey).map(([i, level]) => ({
          ticketId,
          index: Number(i) as 1 | 3 | 4 | 7,
          level: level as SurveyLevel,
          points: SURVEY_POINTS[level as SurveyLevel],
          reason: level === 'dissatisfied' ? 'Phải đi lại nhiều lần' : null,
          channel: 'rating' as const,
          deviceId: 'tablet-1',
          at: t.finished ?? t.issued,
        }));
        if (answers.length > 0) reports.saveSurvey(answers);
        if (t.result && t.dossier) {
          reports.saveResult({
            code: t.dossier,
            state: t.result.completed === null ? 'processing' : 'returned',
            dueAt: t.result.due,
            completedAt: t.result.completed,
            eResult: t.result.eResult,
            channel: t.result.channel,
            updatedAt: t.issued,
          });
        }
      }
      // Dossiers prepared at the hall: kiosk/counter, with or without scanned papers, synced or not; two outside the quarter.
      const insert =
        db.prepare(`INSERT INTO dossiers (id, procedure_id, state, channel, created_by_device, created_at, submitted_at, synced_at, purge_after, code)
                                 VALUES (?, 'p', 'submitted', ?, 'dev', ?, ?, ?, 4102444800000, ?)`); // purge after 2100: the server's retention purge leaves them
      const paper = db.prepare(
        `INSERT INTO dossier_papers (id, dossier_id, doc_type_code, sha256, pages, dpi, bytes, pdf, uploaded_at) VALUES (?, ?, 'x', 'h', 1, 300, 1, x'00', 0)`,
      );
      const prepared: [string, 'kiosk' | 'counter', string, boolean, boolean][] = [
        ['d1', 'kiosk', '2026-04-01T00:00:00+07:00', true, true],
        ['d2', 'kiosk', '2026-05-10T09:00:00+07:00', false, true],
        ['d3', 'counter', '2026-06-30T23:59:00+07:00', true, false],
        ['d4', 'counter', '2026-05-11T10:00:00+07:00', false, true],
        ['d5', 'kiosk', '2026-03-31T23:59:00+07:00', true, true],
        ['d6', 'counter', '2026-07-01T00:00:00+07:00', true, true],
      ];
      for (const [id, channel, at, scanned, synced] of prepared) {
        const t = Date.parse(at);
        insert.run(id, channel, t, t, synced ? t + MIN : null, `X-${id}`);
        if (scanned) paper.run(`${id}-p`, id);
      }
      db.prepare(
        "INSERT INTO staff (id, username, display_name, role, pin_hash, created_at) VALUES ('s-1', 'cb-an', 'Nguyễn Văn An', 'officer', 'x', 0)",
      ).run();
    } finally {
      db.close();
    }
    const r = await runHallCli(['report', '--db', dbPath, '--site', DEMO_SITE, '--period', '2026-Q2', '--json']);
    assert.equal(r.code, 0, r.stderr);
    fromCli = JSON.parse(r.stdout);
  });

  after(() => tmp.cleanup());

  const inQuarter = (): Gen[] => all.filter((t) => localDate(t.issued) >= FROM && localDate(t.issued) <= TO);
  const dossiers = (ts: Gen[]): Gen[] => ts.filter((t) => t.dossier !== null);

  test('the period and the KPI rows (hall, by service, by officer with names) match', () => {
    const q = inQuarter();
    assert.deepEqual(fromCli.period, { kind: 'quarter', label: '2026-Q2', labelVi: 'Quý II năm 2026', from: FROM, to: TO });
    assert.ok(q.some((t) => iso(t.issued) === '2026-04-01T00:00:00+07:00') && !q.some((t) => iso(t.issued) === '2026-07-01T00:00:00+07:00'));
    assert.deepEqual(fromCli.kpis.hall, kpiRow('all', q));
    const services = [...new Set(q.map((t) => t.service))].sort();
    assert.deepEqual(
      fromCli.kpis.byService.map((r: any) => {
        const { name, ...rest } = r;
        return rest;
      }),
      services.map((s) =>
        kpiRow(
          s,
          q.filter((t) => t.service === s),
        ),
      ),
    );
    assert.equal(fromCli.kpis.byService.find((r: any) => r.key === 'ho-tich').name, 'A · Hộ tịch');
    const an = fromCli.kpis.byOfficer.find((r: any) => r.key === 'cb-an');
    assert.equal(an.name, 'Nguyễn Văn An');
    assert.deepEqual(
      { ...an, name: undefined },
      {
        ...kpiRow(
          'cb-an',
          q.filter((t) => t.officer === 'cb-an'),
        ),
        name: undefined,
      },
    );
  });

  test("TT 01/2018: every index of the unit, each officer's total and class match", () => {
    const ds = dossiers(inQuarter());
    const unit = scores(ds, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(
      fromCli.tt01.unit.indices.map((i: any) => i.score),
      unit.byIndex,
    );
    assert.equal(fromCli.tt01.unit.total, unit.total);
    assert.equal(fromCli.tt01.unit.dossiers, ds.length);
    assert.equal(fromCli.tt01.unit.classificationVi, unitClass(unit.total ?? 0));
    assert.equal(fromCli.tt01.unit.complete, false, 'indices 2, 5, 6, 8, 9 have no data in the hall');
    for (const officer of OFFICERS) {
      const mine = scores(
        ds.filter((t) => t.officer === officer),
        [1, 2, 3, 4, 7],
      );
      const got = fromCli.tt01.officers.find((o: any) => o.officerId === officer);
      assert.deepEqual(
        got.indices.map((i: any) => i.score),
        mine.byIndex,
        officer,
      );
      assert.equal(got.total, mine.total, officer);
      assert.equal(got.classification, officerClass(mine.total ?? 0), officer);
    }
    assert.ok(fromCli.tt01.unit.indices.find((i: any) => i.index === 1).dossiers > 0 && fromCli.tt01.unit.indices.find((i: any) => i.index === 3).dossiers > 0);
  });

  test('QĐ 468: received, year-to-date pace and the province minimum, per officer and for the hall', () => {
    const ytd = dossiers(all.filter((t) => localDate(t.issued) >= '2026-01-01' && localDate(t.issued) <= TO));
    const q = dossiers(inQuarter());
    const pace = (n: number): number => Math.floor((n * 365 * 10) / 181 + 0.5) / 10;
    const p = fromCli.productivity;
    assert.deepEqual([p.level, p.target, p.received, p.receivedYtd, p.hallPacePerYear], ['province', 1600, q.length, ytd.length, pace(ytd.length)]);
    assert.equal(p.applicable, true, "the generated hall receives more than one officer's minimum a year");
    assert.equal(p.applicable, pace(ytd.length) >= 1600);
    assert.equal(p.officersOnDuty, OFFICERS.length);
    for (const officer of OFFICERS) {
      const got = p.officers.find((o: any) => o.officerId === officer);
      const n = ytd.filter((t) => t.officer === officer).length;
      assert.deepEqual(
        [got.received, got.receivedYtd, got.pacePerYear, got.met],
        [q.filter((t) => t.officer === officer).length, n, pace(n), p.applicable ? pace(n) >= 1600 : null],
        officer,
      );
    }
  });

  test("QĐ 766: every indicator's numerator, denominator and value", () => {
    const ds = dossiers(inQuarter());
    const results = ds.filter((t) => t.result && t.result.completed !== null);
    const onTime = results.filter((t) => localDate(t.result?.completed ?? 0) <= localDate(t.result?.due ?? 0));
    const dissatisfied = ds.filter((t) => t.rating === 'dissatisfied' || t.rating === 'very_dissatisfied').length;
    const expected: Record<string, [number, number]> = {
      satisfaction: [ds.length - dissatisfied, ds.length],
      on_time_results: [onTime.length, results.length],
      digitised_dossiers: [2, 4], // d1, d3 of d1–d4 (d5, d6 are outside the quarter)
      digitised_results: [results.filter((t) => t.result?.eResult).length, results.length],
      kiosk_submissions: [2, 4],
      online_submissions: [results.filter((t) => t.result?.channel === 'online').length, results.length],
      synced_dossiers: [3, 4],
    };
    for (const ind of fromCli.index766) {
      const [num, den] = expected[ind.id] ?? [-1, -1];
      assert.deepEqual([ind.numerator, ind.denominator, ind.valuePct], [num, den, pct(num, den)], ind.id);
    }
    assert.equal(fromCli.index766.length, Object.keys(expected).length);
  });

  test('without the daily rollups (the tickets scanned instead) the report is the same', () => {
    const db = openHallDatabase(dbPath, { readonly: true });
    try {
      const period = parsePeriod('2026-Q2');
      assert.ok(period);
      assert.deepEqual(
        JSON.parse(JSON.stringify(periodReport(new KpiQueries(db), new ReportQueries(db), config, period, reportNames(config, staffNames(db))))),
        fromCli,
      );
    } finally {
      db.close();
    }
  });

  test('getPeriodReport serves the same report, and the dossier export has one line per dossier with its flags', async () => {
    const hall = await startTestHall({ dbPath, clock: () => Date.parse('2026-07-02T02:00:00Z') });
    try {
      const dashboard = hall.device('dashboard');
      const res = await api(hall.url, 'GET', '/api/v1/reports/period?period=2026-Q2', { token: dashboard });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(res.json, fromCli);
      const bad = await api(hall.url, 'GET', '/api/v1/reports/period?period=2026-Q5', { token: dashboard });
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.json), /YYYY-Qn/);
      const csv = await fetch(`${hall.url}/api/v1/reports/dossiers.csv?period=2026-Q2`, { headers: { authorization: `Bearer ${dashboard}` } });
      const text = (await csv.text()).replace(/^\uFEFF/, '');
      const [head, ...lines] = text.trim().split('\r\n');
      assert.match(
        head ?? '',
        /^code,ticket_number,business_date,service_id,service_name,procedure_id,officer_id,officer_name,dossiers,received_at,due_at,completed_at,on_time,dissatisfied,digitised,e_result,synced,channel$/,
      );
      const ds = dossiers(inQuarter());
      assert.equal(lines.length, ds.length);
      const sample = ds.find((t) => t.result?.completed != null && t.officer === 'cb-an');
      assert.ok(sample);
      const row = lines.find((l) => l.startsWith(`${sample.dossier},`))?.split(',') ?? [];
      assert.equal(row[7], 'Nguyễn Văn An');
      assert.equal(row[10], iso(sample.result?.due ?? 0));
      assert.equal(row[12], localDate(sample.result?.completed ?? 0) <= localDate(sample.result?.due ?? 0) ? '1' : '0');
    } finally {
      await hall.close();
    }
  });
});
