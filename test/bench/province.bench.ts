/**
 * `npm run bench -- province [--halls 300] [--minutes 3] [--concurrency 8] [--phases ingest,ranking,live]`:
 * the province hub on a throwaway PostgreSQL cluster (default settings, fsync on), a hub process
 * of its own.
 *
 *   1. ingest     one working day of `--halls` simulated halls (the hall engine, chain format 2),
 *                 delivered over HTTP in the hall's batches of 500, several halls at once (each
 *                 hall's batches in order). Goal: ≥ 20,000 events/s. The request bodies are built
 *                 before the clock starts (province-ingest-client.ts), and the CPU seconds of the
 *                 hub, of PostgreSQL and of this client during the run are printed, to show which
 *                 one the run waited for. Beside it, the floor: a plain COPY of the same rows
 *                 (pg-copy-streams, text built beforehand) into a table of the same columns.
 *   2. ranking    the monthly QĐ 766 ranking over 300 halls × 1 year of daily rollups (the rollup
 *                 rows of a year written with generate_series beside the ingested day; 5 runs).
 *                 Goal: ≤ 1 s.
 *   3. live       a second simulated day delivered paced over `--minutes` (the simulated day,
 *                 compressed), while a real hall server issues a ticket every 2 s and delivers
 *                 through its shipper: hall commit → province dashboard stream message, p95.
 *                 Goal: ≤ 2 s. The hub's memory: RSS sampled from /proc through the day, and at
 *                 its start and end after a full garbage collection (hub-gc-probe.ts), with the
 *                 heap in use. Goal: flat (end within 20 % of start, both after a collection).
 *
 * Prints the figures and writes test/bench/results/province-latest.json. A missed goal is
 * reported, not an error. The machine's load average is recorded: on a shared machine the
 * figures are a lower bound.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { from as copyFrom } from 'pg-copy-streams';
import { canonicalJson } from '../../electron/common/event-chain.ts';
import type { PublicEventWire } from '../../electron/common/province-wire.ts';
import { addDays } from '../../electron/core/business-time.ts';
import { enrollHall } from '../../electron/province/credentials.ts';
import { createPool } from '../../electron/province/database.ts';
import { eventCopyChunks } from '../../electron/province/event-copy.ts';
import { migrate } from '../../electron/province/migrate.ts';
import { ranking766 } from '../../electron/province/queries.ts';
import { hallInfoOf } from '../../electron/province/simulate.ts';
import { provinceSpecs, prng, PublicChain, simulateHall, type SimulatedHallSpec } from '../../electron/province/simulated-hall.ts';
import { startCluster } from '../../scripts/pg-cluster.ts';
import { api, openDemoHall, startTestHall, tempDir } from '../support/hall-server.ts';
import { streamClient, supervisorToken } from '../support/province.ts';
import { clusterCpuSeconds, cpuSecondsOf, rssMbOf } from './process-cpu.ts';
import { IngestClient, prepareHall, type PreparedHall } from './province-ingest-client.ts';

export const description =
  'Province hub: ingest events/s beside a plain COPY, the 766 ranking over 300 halls × 1 year, event → dashboard p95, hub memory over a day';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'test', 'bench', 'results');
const GOALS = { ingestEventsPerS: 20_000, rankingMs: 1_000, liveP95Ms: 2_000, rssGrowthPct: 20 } as const;
const FIRST_DAY = '2026-11-02'; // a Monday
const BATCH = 500; // the hall shipper's batch size (server/hall-server.ts)
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const loadavg = (): number[] => os.loadavg().map((x) => round(x, 2));

interface GcProbe {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
}

function nearestRank(sorted: readonly number[], pct: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((pct * sorted.length) / 100))) - 1] ?? 0;
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      halls: { type: 'string', default: '300' },
      minutes: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '8' },
      'only-ingest': { type: 'boolean', default: false },
    },
  });
  const halls = Number(values.halls);
  const minutes = Number(values.minutes);
  const concurrency = Number(values.concurrency);
  const cluster = await startCluster();
  const dbUrl = cluster.urlOf('postgres');
  // The hub as `npm run province -- serve` runs it, plus the benchmark's GC probe (SIGUSR2).
  const hubProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', './test/bench/hub-gc-probe.ts', 'scripts/province.ts', 'serve', '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PROVINCE_DATABASE_URL: dbUrl, PROVINCE_LOG_LEVEL: 'warn' },
    },
  );
  const hubPid = hubProcess.pid as number;
  // The hub's stdout, line by line: GC probe answers go to their waiter, the rest is kept to find the URL.
  let pending = '';
  let hubLines = '';
  const probeWaiters: ((p: GcProbe) => void)[] = [];
  const urlWaiters: (() => void)[] = [];
  hubProcess.stdout?.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('gc-probe ')) probeWaiters.shift()?.(JSON.parse(line.slice('gc-probe '.length)) as GcProbe);
      else hubLines += `${line}\n`;
    }
    for (const w of urlWaiters) w();
  });
  const gcProbe = (): Promise<GcProbe> =>
    new Promise((resolveProbe) => {
      probeWaiters.push(resolveProbe);
      hubProcess.kill('SIGUSR2');
    });
  const tmp = tempDir('province-bench-');
  const db = createPool(dbUrl, 4);
  const client = { current: null as IngestClient | null };
  try {
    const hubUrl = await new Promise<string>((resolveUrl, reject) => {
      urlWaiters.push(() => {
        const m = /listening on (http:\/\/\S+)/.exec(hubLines);
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
    const ingestClient = new IngestClient(hubUrl, concurrency);
    client.current = ingestClient;

    // 1. ingest, and the COPY floor of the same rows
    let t = performance.now();
    const day1 = specs.map((s) => ({ spec: s, events: dayOf(s, FIRST_DAY) }));
    const eventCount = day1.reduce((n, d) => n + d.events.length, 0);
    out(`generated ${fmt(eventCount)} events of ${halls} halls (1 day) in ${round((performance.now() - t) / 1000)} s`);
    t = performance.now();
    const prepared = day1.map((d) => prepareHall(hallInfoOf(d.spec), tokens.get(d.spec.id) as string, d.events, BATCH));
    const bodies = prepared.reduce((n, h) => n + h.bodies.length, 0);
    const bodyMb = prepared.reduce((n, h) => n + h.bodies.reduce((m, b) => m + b.length, 0), 0) / 1_048_576;
    out(`prepared  ${bodies} request bodies (${round(bodyMb)} MB) in ${round((performance.now() - t) / 1000)} s, before the clock starts`);
    const loadBefore = loadavg();
    const cpu0 = { hub: cpuSecondsOf(hubPid), pg: clusterCpuSeconds(cluster.dataDir), client: process.cpuUsage() };
    t = performance.now();
    await pool(prepared, concurrency, (h) => ingestClient.deliver(h));
    const ingestS = (performance.now() - t) / 1000;
    const clientUsage = process.cpuUsage(cpu0.client);
    const ingestCpu = {
      hubS: round(cpuSecondsOf(hubPid) - cpu0.hub, 2),
      postgresS: round(clusterCpuSeconds(cluster.dataDir) - cpu0.pg, 2),
      clientS: round((clientUsage.user + clientUsage.system) / 1e6, 2),
    };
    const loadAfter = loadavg();
    const ingestRate = Math.round(eventCount / ingestS);

    await db.query(
      'CREATE TABLE copy_floor (hall_id text, seq bigint, at bigint, type text, ticket_id text, counter_id text, data jsonb, prev_hash text, hash text)',
    );
    const copyChunks = day1.flatMap((d) =>
      eventCopyChunks(
        d.spec.id,
        d.events,
        d.events.map((e) => canonicalJson(e.data)),
      ),
    );
    const copyClient = await db.connect();
    const floorPg0 = clusterCpuSeconds(cluster.dataDir);
    t = performance.now();
    await pipeline(Readable.from(copyChunks), copyClient.query(copyFrom('COPY copy_floor FROM STDIN')));
    const copyS = (performance.now() - t) / 1000;
    const floorPostgresS = round(clusterCpuSeconds(cluster.dataDir) - floorPg0, 2);
    copyClient.release();
    const copyRate = Math.round(eventCount / copyS);
    const copied = (await db.query('SELECT count(*)::int AS n FROM copy_floor')).rows[0].n as number;
    if (copied !== eventCount) throw new Error(`the COPY floor stored ${copied} rows of ${eventCount}`);
    const ingestMet = ingestRate >= GOALS.ingestEventsPerS;
    const busy = Math.max(...loadBefore, ...loadAfter) > os.cpus().length;
    out(
      `ingest    ${fmt(ingestRate).padStart(7)} events/s  ${fmt(eventCount)} events in ${round(ingestS, 2)} s through HTTP, chain checks, projection, rollups and NOTIFY (${concurrency} halls at once)`,
    );
    out(
      `floor     ${fmt(copyRate).padStart(7)} events/s  a plain COPY of the same rows into a table without indexes, in ${round(copyS, 2)} s, PostgreSQL CPU ${floorPostgresS} s (ingest = ${round((ingestRate / copyRate) * 100)} % of it)`,
    );
    out(
      `cpu       hub ${ingestCpu.hubS} s, PostgreSQL ${ingestCpu.postgresS} s, this client ${ingestCpu.clientS} s during the ${round(ingestS, 2)} s of ingest (${os.cpus().length} cores)`,
    );
    out(
      `verdict   ingest ${ingestMet ? 'meets' : 'misses'} the goal of ≥ ${fmt(GOALS.ingestEventsPerS)} events/s; load average ${loadBefore[0]} before, ${loadAfter[0]} after${busy ? ': the machine was shared, rerun on a quiet machine to judge' : ''}`,
    );

    const result: Record<string, unknown> = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadavgBefore: loadBefore, loadavgAfter: loadAfter, shared: busy },
      halls,
      concurrency,
      batchSize: BATCH,
      ingest: {
        events: eventCount,
        seconds: round(ingestS, 2),
        eventsPerSecond: ingestRate,
        goal: GOALS.ingestEventsPerS,
        met: ingestMet,
        cpuSeconds: ingestCpu,
      },
      copyFloor: {
        eventsPerSecond: copyRate,
        seconds: round(copyS, 2),
        postgresCpuS: floorPostgresS,
        ingestShareOfFloorPct: round((ingestRate / copyRate) * 100),
      },
    };
    if (values['only-ingest']) {
      writeResults(result);
      return 0;
    }

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
    out(`rollups   ${fmt(rollupRows)} rows (a year of ${halls} halls) written in ${round((performance.now() - t) / 1000)} s`);
    const times: number[] = [];
    let ranked = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      ranked = (await ranking766(db, i % 2 ? '2026-03' : '2026-10', null)).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out(
      `ranking   766 ranking of ${ranked} halls for a month: median ${round(nearestRank(times, 50))} ms, max ${round(times[times.length - 1] ?? 0)} ms (goal ≤ ${GOALS.rankingMs} ms)`,
    );
    result.ranking766 = {
      halls: ranked,
      rollupRows,
      medianMs: round(nearestRank(times, 50)),
      maxMs: round(times[times.length - 1] ?? 0),
      goalMs: GOALS.rankingMs,
      met: (times[times.length - 1] ?? 0) <= GOALS.rankingMs,
    };

    // 3. live: a paced day, a real hall's calls to the dashboard, the hub's memory
    const supervisor = await supervisorToken({ url: hubUrl, pool: db } as never, 'bench');
    const dashboard = await streamClient(hubUrl, supervisor);
    const base = openDemoHall();
    const probeConfig = { ...base, hall: { ...base.hall, id: 'probe-hall', name: { vi: 'Bộ phận Một cửa đo', en: 'Probe hall' } } };
    const probeToken = await enrollHall(db, { id: 'probe-hall', name: 'Bộ phận Một cửa đo', district: null });
    const probe = await startTestHall({
      config: probeConfig,
      dbPath: join(tmp.dir, 'probe.db'),
      server: { provinceHub: { baseUrl: hubUrl, token: probeToken } },
    });
    const kiosk = probe.device('kiosk');
    const day2Date = addDays(FIRST_DAY, 1);
    const day2 = specs.map((s) => ({ spec: s, events: dayOf(s, day2Date) }));
    const day2Count = day2.reduce((n, d) => n + d.events.length, 0);
    const pieces = Math.max(1, Math.round((minutes * 60) / 5)); // one slice of every hall's day each 5 s
    const slices: PreparedHall[][] = Array.from({ length: pieces }, (_, p) =>
      day2.flatMap((d) => {
        const size = Math.ceil(d.events.length / pieces);
        const slice = d.events.slice(p * size, (p + 1) * size);
        return slice.length > 0 ? [prepareHall(hallInfoOf(d.spec), tokens.get(d.spec.id) as string, slice, BATCH)] : [];
      }),
    );
    await new Promise((r) => setTimeout(r, 3_000));
    const memStart = await gcProbe();
    const rssStartRaw = rssMbOf(hubPid);
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
    const rssSamples: { minute: number; rssMb: number }[] = [];
    for (let p = 0; p < pieces; p++) {
      await pool(slices[p] as PreparedHall[], concurrency, (h) => ingestClient.deliver(h));
      slices[p] = [];
      rssSamples.push({ minute: round((performance.now() - started) / 60_000, 2), rssMb: rssMbOf(hubPid) });
      const due = started + ((p + 1) * minutes * 60_000) / pieces;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
    stop = true;
    await prober;
    const rssEndRaw = rssMbOf(hubPid);
    const memEnd = await gcProbe();
    latencies.sort((a, b) => a - b);
    const p95 = round(nearestRank(latencies, 95));
    const growthPct = round(((memEnd.rssMb - memStart.rssMb) / memStart.rssMb) * 100);
    const flat = growthPct <= GOALS.rssGrowthPct;
    const rssMax = Math.max(...rssSamples.map((x) => x.rssMb));
    out(
      `live      ${latencies.length} calls of a real hall to the dashboard: p50 ${round(nearestRank(latencies, 50))} ms, p95 ${p95} ms (goal ≤ ${GOALS.liveP95Ms} ms), while ${fmt(day2Count)} events of ${halls} halls arrived over ${minutes} min`,
    );
    out(
      `memory    hub RSS after a full GC: ${memStart.rssMb} MB at the start of the day, ${memEnd.rssMb} MB at its end (${growthPct >= 0 ? '+' : ''}${growthPct} %, ${flat ? 'flat' : 'NOT flat'}); heap in use ${memStart.heapUsedMb} → ${memEnd.heapUsedMb} MB; before the GC ${rssStartRaw} → ${rssEndRaw} MB, max ${rssMax} MB`,
    );
    dashboard.close();
    await probe.close();
    result.machine = { ...(result.machine as object), loadavgEnd: loadavg() };
    result.live = {
      samples: latencies.length,
      p50Ms: round(nearestRank(latencies, 50)),
      p95Ms: p95,
      goalMs: GOALS.liveP95Ms,
      met: p95 <= GOALS.liveP95Ms,
      dayEvents: day2Count,
      minutes,
    };
    result.memory = {
      afterGc: { start: memStart, end: memEnd, growthPct, goalPct: GOALS.rssGrowthPct, flat },
      rssBeforeGc: { startMb: rssStartRaw, endMb: rssEndRaw, maxMb: rssMax },
      samples: rssSamples,
    };
    writeResults(result);
    return 0;
  } finally {
    client.current?.close();
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

function writeResults(result: Record<string, unknown>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'province-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  out('results   test/bench/results/province-latest.json');
}
