/**
 * `npm run bench -- province [--halls 300] [--minutes 3] [--concurrency 8]`: the province hub on a
 * throwaway PostgreSQL cluster (default settings, fsync on), a hub process of its own.
 *
 *   1. ingest     one working day of `--halls` simulated halls (the hall engine, chain format 2),
 *                 delivered over HTTP in the hall's batches of 500, several halls at once.
 *                 Goal: ≥ 20,000 events/s. Beside it, the floor: a plain COPY of the same rows
 *                 (pg-copy-streams) into a table of the same columns, in the same run.
 *   2. ranking    the monthly QĐ 766 ranking over 300 halls × 1 year of daily rollups (the rollup
 *                 rows of a year written with generate_series beside the ingested day; 5 runs).
 *                 Goal: ≤ 1 s.
 *   3. live       a second simulated day delivered paced over `--minutes` (the simulated day,
 *                 compressed), while a real hall server issues a ticket every 2 s and delivers
 *                 through its shipper: hall commit → province dashboard stream message, p95.
 *                 Goal: ≤ 2 s. The hub's RSS is sampled from /proc at the start and end of the day.
 *                 Goal: flat (end within 20 % of start after warm-up).
 *
 * Prints the figures and writes test/bench/results/province-latest.json. A missed goal is
 * reported, not an error.
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { from as copyFrom } from 'pg-copy-streams';
import { canonicalJson } from '../../electron/common/event-chain.ts';
import type { PublicEventWire } from '../../electron/common/province-wire.ts';
import { addDays } from '../../electron/core/business-time.ts';
import { enrollHall } from '../../electron/province/credentials.ts';
import { createPool } from '../../electron/province/database.ts';
import { migrate } from '../../electron/province/migrate.ts';
import { ranking766 } from '../../electron/province/queries.ts';
import { deliverAll, hallInfoOf } from '../../electron/province/simulate.ts';
import { provinceSpecs, prng, PublicChain, simulateHall, type SimulatedHallSpec } from '../../electron/province/simulated-hall.ts';
import { startCluster } from '../../scripts/pg-cluster.ts';
import { api, openDemoHall, startTestHall, tempDir } from '../support/hall-server.ts';
import { streamClient, supervisorToken } from '../support/province.ts';

export const description = 'Province hub: ingest events/s vs a plain COPY, the 766 ranking over 300 halls × 1 year, event → dashboard p95, hub RSS over a day';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'test', 'bench', 'results');
const GOALS = { ingestEventsPerS: 20_000, rankingMs: 1_000, liveP95Ms: 2_000 } as const;
const FIRST_DAY = '2026-11-02'; // a Monday
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const out = (line: string): void => void process.stdout.write(`${line}\n`);

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return round(Number(m?.[1] ?? 0) / 1024);
}

function nearestRank(sorted: readonly number[], pct: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((pct * sorted.length) / 100))) - 1] ?? 0;
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { halls: { type: 'string', default: '300' }, minutes: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '8' } } });
  const halls = Number(values.halls);
  const minutes = Number(values.minutes);
  const concurrency = Number(values.concurrency);
  const cluster = await startCluster();
  const dbUrl = cluster.urlOf('postgres');
  const hubProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/province.ts', 'serve', '--port', '0'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PROVINCE_DATABASE_URL: dbUrl, PROVINCE_LOG_LEVEL: 'warn' },
  });
  const tmp = tempDir('province-bench-');
  const db = createPool(dbUrl, 4);
  try {
    const hubUrl = await new Promise<string>((resolveUrl, reject) => {
      let text = '';
      hubProcess.stdout?.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(text);
        if (m?.[1]) resolveUrl(m[1]);
      });
      hubProcess.once('exit', (code) => reject(new Error(`hub exited (${code})`)));
    });
    await migrate(db);
    const specs = provinceSpecs(halls, prng(1));
    const tokens = new Map<string, string>();
    for (const s of specs) tokens.set(s.id, await enrollHall(db, { id: s.id, name: s.name, district: s.district }));
    const chains = new Map<string, PublicChain>(specs.map((s) => [s.id, new PublicChain()]));
    const dayOf = (spec: SimulatedHallSpec, date: string): PublicEventWire[] => {
      const events: PublicEventWire[] = [];
      simulateHall(spec, date, 1, prng(spec.id.length * 31 + Number(date.slice(8))), chains.get(spec.id) as PublicChain, (d) => events.push(...d));
      return events;
    };

    // 1. ingest
    let t = performance.now();
    const day1 = specs.map((s) => ({ spec: s, events: dayOf(s, FIRST_DAY) }));
    const generateS = (performance.now() - t) / 1000;
    const eventCount = day1.reduce((n, d) => n + d.events.length, 0);
    out(`generated ${eventCount} events of ${halls} halls (1 day) in ${round(generateS)} s`);
    t = performance.now();
    await pool(day1, concurrency, (d) => deliverAll(hubUrl, tokens.get(d.spec.id) as string, hallInfoOf(d.spec), d.events, 500));
    const ingestS = (performance.now() - t) / 1000;
    const ingestRate = Math.round(eventCount / ingestS);
    out(`ingest    ${ingestRate} events/s through HTTP, chain checks, projection and rollups (goal ≥ ${GOALS.ingestEventsPerS})`);

    await db.query('CREATE TABLE copy_floor (hall_id text, seq bigint, at bigint, type text, ticket_id text, counter_id text, data jsonb, prev_hash text, hash text)');
    const esc = (v: string | null): string => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
    const lines = function* (): Generator<string> {
      for (const d of day1) for (const e of d.events) {
        yield `${[d.spec.id, String(e.seq), String(e.at), e.type, e.ticketId, e.counterId, canonicalJson(e.data), e.prevHash, e.hash].map(esc).join('\t')}\n`;
      }
    };
    const copyClient = await db.connect();
    t = performance.now();
    await pipeline(Readable.from(lines()), copyClient.query(copyFrom('COPY copy_floor FROM STDIN')));
    const copyS = (performance.now() - t) / 1000;
    copyClient.release();
    const copyRate = Math.round(eventCount / copyS);
    out(`floor     ${copyRate} events/s by a plain COPY of the same rows (ingest = ${round((ingestRate / copyRate) * 100)} % of it)`);

    // 2. ranking over a year of rollups for every hall
    t = performance.now();
    await db.query(
      `INSERT INTO daily_rollups
       SELECT h.id, d::date, s.service, 'quay-' || c, 'cb-' || h.id || '-' || c,
              40, 36, 2, 38, 38 * 600000, 30, 36, 36 * 540000, 33, 24, 22, 25, (random() * 3)::int
         FROM halls h, generate_series('2025-11-01'::date, '2026-10-31'::date, '1 day') d,
              unnest(ARRAY['ho-tich', 'chung-thuc', 'dat-dai', 'ldtbxh']) s(service), generate_series(1, 4) c
        WHERE extract(isodow FROM d) < 6
       ON CONFLICT DO NOTHING`,
    );
    await db.query('ANALYZE daily_rollups');
    const rollupRows = (await db.query('SELECT count(*)::int AS n FROM daily_rollups')).rows[0].n as number;
    out(`rollups   ${rollupRows} rows (a year of ${halls} halls) written in ${round((performance.now() - t) / 1000)} s`);
    const times: number[] = [];
    let ranked = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      ranked = (await ranking766(db, i % 2 ? '2026-03' : '2026-10', null)).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out(`ranking   766 ranking of ${ranked} halls for a month: median ${round(nearestRank(times, 50))} ms, max ${round(times[times.length - 1] ?? 0)} ms (goal ≤ ${GOALS.rankingMs} ms)`);

    // 3. live: a paced day, a real hall's calls to the dashboard, RSS of the hub
    const supervisor = await supervisorToken({ url: hubUrl, pool: db } as never, 'bench');
    const dashboard = await streamClient(hubUrl, supervisor);
    const base = openDemoHall();
    const probeConfig = { ...base, hall: { ...base.hall, id: 'probe-hall', name: { vi: 'Bộ phận Một cửa đo', en: 'Probe hall' } } };
    const probeToken = await enrollHall(db, { id: 'probe-hall', name: 'Bộ phận Một cửa đo', district: null });
    const probe = await startTestHall({ config: probeConfig, dbPath: join(tmp.dir, 'probe.db'), server: { provinceHub: { baseUrl: hubUrl, token: probeToken } } });
    const kiosk = probe.device('kiosk');
    await new Promise((r) => setTimeout(r, 3_000));
    const rssStart = rssMb(hubProcess.pid as number);
    const day2Date = addDays(FIRST_DAY, 1);
    const day2 = specs.map((s) => ({ spec: s, events: dayOf(s, day2Date) }));
    const day2Count = day2.reduce((n, d) => n + d.events.length, 0);
    const pieces = Math.max(1, Math.round((minutes * 60) / 5)); // one slice of every hall's day each 5 s
    const latencies: number[] = [];
    let stop = false;
    const prober = (async () => {
      while (!stop) {
        const before = performance.now();
        const r = await api(probe.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
        if (r.status === 201) {
          const seq = probe.server.hall.lastSeq;
          try {
            await dashboard.waitFor((m) => m.type === 'hall' && m.hall.id === 'probe-hall' && m.headSeq >= seq, 10_000);
            latencies.push(performance.now() - before);
          } catch {
            latencies.push(10_000);
          }
        }
        await new Promise((r2) => setTimeout(r2, 2_000));
      }
    })();
    const started = performance.now();
    const rssSamples: number[] = [];
    for (let p = 0; p < pieces; p++) {
      await pool(day2, concurrency, async (d) => {
        const size = Math.ceil(d.events.length / pieces);
        const slice = d.events.slice(p * size, (p + 1) * size);
        if (slice.length > 0) await deliverAll(hubUrl, tokens.get(d.spec.id) as string, hallInfoOf(d.spec), slice, 500);
      });
      rssSamples.push(rssMb(hubProcess.pid as number));
      const due = started + ((p + 1) * minutes * 60_000) / pieces;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
    stop = true;
    await prober;
    const rssEnd = rssMb(hubProcess.pid as number);
    latencies.sort((a, b) => a - b);
    const p95 = round(nearestRank(latencies, 95));
    out(`live      ${latencies.length} calls of a real hall to the dashboard: p50 ${round(nearestRank(latencies, 50))} ms, p95 ${p95} ms (goal ≤ ${GOALS.liveP95Ms} ms), while ${day2Count} events of ${halls} halls arrived over ${minutes} min`);
    out(`memory    hub RSS ${rssStart} MB at the start of the day, ${rssEnd} MB at its end (max ${Math.max(...rssSamples)} MB)`);
    dashboard.close();
    await probe.close();

    const result = {
      at: new Date().toISOString(), machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => round(x, 2)), shared: true },
      halls, concurrency,
      ingest: { events: eventCount, seconds: round(ingestS, 2), eventsPerSecond: ingestRate, goal: GOALS.ingestEventsPerS, met: ingestRate >= GOALS.ingestEventsPerS },
      copyFloor: { eventsPerSecond: copyRate, seconds: round(copyS, 2), ingestShareOfFloorPct: round((ingestRate / copyRate) * 100) },
      ranking766: { halls: ranked, rollupRows, medianMs: round(nearestRank(times, 50)), maxMs: round(times[times.length - 1] ?? 0), goalMs: GOALS.rankingMs, met: (times[times.length - 1] ?? 0) <= GOALS.rankingMs },
      live: { samples: latencies.length, p50Ms: round(nearestRank(latencies, 50)), p95Ms: p95, goalMs: GOALS.liveP95Ms, met: p95 <= GOALS.liveP95Ms, dayEvents: day2Count, minutes },
      rss: { startMb: rssStart, endMb: rssEnd, maxMb: Math.max(...rssSamples), flat: rssEnd <= rssStart * 1.2 },
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'province-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    out('results   test/bench/results/province-latest.json');
    return 0;
  } finally {
    await db.end().catch(() => undefined);
    if (hubProcess.exitCode === null && hubProcess.signalCode === null) {
      const exited = new Promise((r) => hubProcess.once('exit', r));
      hubProcess.kill('SIGTERM');
      await exited;
    } else {
      out(`the hub process had exited (${hubProcess.exitCode ?? hubProcess.signalCode})`);
    }
    cluster.stop();
    tmp.cleanup();
  }
}
