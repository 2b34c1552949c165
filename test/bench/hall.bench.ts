/**
 * `npm run bench -- hall [options]`: performance of the hall server on this machine, in one run.
 *
 *   1. raw durable insert   better-sqlite3, WAL + synchronous=FULL (the pragmas of openHallDatabase),
 *      after a gap          one single-row INSERT per autocommit transaction, each after 1 ms
 *                           asleep or 1 ms of CPU work (as the server's commits come between
 *                           requests), for information.
 *   2. issue latency        one kiosk issues N tickets one after another over keep-alive HTTP,
 *                           round-robin over 3 services; the server's own time per issue (its
 *                           Server-Timing header) and the client's round trip. Between blocks of
 *                           100 issues, blocks of 100 raw inserts back to back: the floor, one
 *                           WAL fsync per commit, measured in the same minutes as the issues.
 *                           For information (the anchor before the reference server): issue
 *                           p99 (server time) against raw insert p99, both a durable write
 *                           without HTTP; no server reaches 2 × on these machines. A GET /healthz before each issue
 *                           measures the HTTP round trip alone, as a control. The server's
 *                           /metrics tell how long its commits and WAL syncs took meanwhile.
 *   2b. issue latency over TLS  the same sequential issues against a server started with --tls
 *                           (HTTPS, the hall CA pinned by the client), beside the plain-HTTP
 *                           figures of phase 2 in the same run.
 *   3. sustained throughput K kiosks (20) issue concurrently as fast as they can: tickets/s.
 *   R. against a reference  the thinnest server that makes the same durable write per request
 *                           (reference-server.ts: node:http, one single-row INSERT per POST, WAL +
 *                           synchronous=FULL, no auth, no logic), driven by the same client: after
 *                           a warm-up of 2,500 requests per side, alternating blocks of 100
 *                           sequential issues and 100 reference POSTs with 100 ms idle between.
 *                           Goal: issue p99 ≤ 1.5 × the reference's p99 (client-side, same run);
 *                           p50 and the throughput of K concurrent clients beside it (aims: p50
 *                           ≤ 1.5 ×, throughput ≥ 0.5 × the reference's).
 *   4. WebSocket fan-out    C display clients (200) on /api/v1/stream; an officer calls tickets;
 *                           delay from sending call-next to each client receiving ticket.called.
 *                           Goal: p99 ≤ 50 ms.
 *
 * The hall server runs as a child process (`scripts/hall.ts serve`, as in production) so the
 * measuring clients do not share its event loop; `--in-process` runs it inside the benchmark
 * process instead, for comparison. Every server phase gets a fresh database in a temp dir under
 * os.tmpdir(), on the same filesystem as the raw insert measurement. The fan-out clients live in
 * the benchmark process: a client's delay includes the time the benchmark spends handing the same
 * frame to the clients ahead of it.
 *
 * Other work on the machine skews every figure: the CPU use of other processes before, during
 * and after the run is printed and stored with the results, and flagged when it is not small.
 *
 * Prints a table and writes test/bench/results/hall-<date-time>.json and hall-latest.json.
 * A missed goal is reported, not an error: the exit code is 0 unless the benchmark itself failed.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { WebSocket } from 'ws';
import { Access } from '../../electron/server/access.ts';
import { IDLE_MS } from '../../electron/server/idle-work.ts';
import { hashPin } from '../../electron/server/secrets.ts';
import { AccessStore } from '../../electron/store/access-store.ts';
import { openHallDatabase } from '../../electron/store/open-database.ts';
import { ownHallTls, wantedNames } from '../../electron/server/hall-tls.ts';
import { DEMO_SITE, startHallProcess, startTestHall, tempDir } from '../support/hall-server.ts';
import { startReferenceServer } from './reference-server.ts';
import { measurePauses, type PauseRounds } from './machine-pauses.ts';
import { nearestRank, tailInBlocks, type TailInBlocks } from './p99-tail.ts';

export const description = 'hall server: against a reference server, durable insert floor, issue latency, throughput, WebSocket fan-out';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'test', 'bench', 'results');

/** Services of the demo hall without a daily quota (dat-dai has one: avoided). */
const LATENCY_SERVICES = ['ho-tich', 'chung-thuc', 'ldtbxh'] as const;
const LOAD_SERVICES = ['ho-tich', 'chung-thuc', 'ldtbxh', 'xay-dung', 'dang-ky-kinh-doanh'] as const;
/** Numbers run 1–999 per service and day in the demo hall. */
const NUMBERS_PER_SERVICE = 999;
const FANOUT_COUNTER = 'quay-1';
const FANOUT_SERVICE = 'ho-tich';
const OFFICER_PIN = '246810';

/** The former anchor (issue p99 over a back-to-back raw insert's p99), printed for information. */
const ISSUE_RATIO_GOAL = 2.0;
/** Issue p99 over the reference server's p99, both from the same client in the same run. */
const REFERENCE_P99_GOAL = 1.5;
const REFERENCE_P50_AIM = 1.5;
const REFERENCE_THROUGHPUT_AIM = 0.5;
const REFERENCE_BLOCK = 100;
const REFERENCE_IDLE_MS = 100;
const FANOUT_P99_GOAL_MS = 50;
const STEP_TIMEOUT_MS = 15_000;
/** CPU use by others before the run above which the figures are flagged as noisy. */
const BUSY_WARNING_PERCENT = 15;

// ---- options ---------------------------------------------------------------------------------

interface Options {
  readonly n: number;
  readonly warmup: number;
  readonly referenceWarmup: number;
  readonly kiosks: number;
  readonly tickets: number;
  readonly clients: number;
  readonly calls: number;
  readonly quick: boolean;
  readonly inProcess: boolean;
  /** Only the anchor's figures: the reference comparison (R) and the throughput phase (3). */
  readonly anchorOnly: boolean;
}

const USAGE = `usage: npm run bench -- hall [options]
  --n N          measured inserts and measured sequential issues (default 1000; --quick 200)
  --warmup N     unmeasured warm-up inserts/issues before them (default 100; --quick 20)
  --reference-warmup N
                 unmeasured requests per side before the reference comparison (default 2500; --quick 200)
  --kiosks N     concurrent kiosk clients of the throughput phase (default 20)
  --tickets N    tickets issued by the throughput phase (default 2000; --quick 400)
  --clients N    WebSocket display clients of the fan-out phase (default 200; --quick 50)
  --calls N      call-next events of the fan-out phase (default 50; --quick 10)
  --quick        small numbers for a smoke run
  --in-process   run the hall server inside the benchmark process (default: a child process)
  --anchor       only the anchor: the reference comparison and the throughput phase, their ratios
                 printed and written to hall-anchor-<date-time>.json (hall-latest.json untouched)
`;

class UsageError extends Error {}

function parseOptions(argv: readonly string[]): Options | 'help' {
  const { values: v } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      n: { type: 'string' },
      warmup: { type: 'string' },
      'reference-warmup': { type: 'string' },
      kiosks: { type: 'string' },
      tickets: { type: 'string' },
      clients: { type: 'string' },
      calls: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'in-process': { type: 'boolean', default: false },
      anchor: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (v.help) return 'help';
  const quick = v.quick ?? false;
  const int = (value: string | undefined, fallback: number, flag: string, min = 1): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
  const o: Options = {
    n: int(v.n, quick ? 200 : 1000, 'n'),
    warmup: int(v.warmup, quick ? 20 : 100, 'warmup', 0),
    referenceWarmup: int(v['reference-warmup'], quick ? 200 : 2500, 'reference-warmup', 0),
    kiosks: int(v.kiosks, 20, 'kiosks'),
    tickets: int(v.tickets, quick ? 400 : 2000, 'tickets'),
    clients: int(v.clients, quick ? 50 : 200, 'clients'),
    calls: int(v.calls, quick ? 10 : 50, 'calls'),
    quick,
    inProcess: v['in-process'] ?? false,
    anchorOnly: v.anchor ?? false,
  };
  const latencyCap = LATENCY_SERVICES.length * NUMBERS_PER_SERVICE;
  if (o.n + o.warmup > latencyCap)
    throw new UsageError(`--n + --warmup must be ≤ ${latencyCap} (numbers 1–${NUMBERS_PER_SERVICE} of ${LATENCY_SERVICES.length} services)`);
  const loadCap = LOAD_SERVICES.length * NUMBERS_PER_SERVICE;
  if (o.n + o.referenceWarmup > loadCap)
    throw new UsageError(`--n + --reference-warmup must be ≤ ${loadCap} (numbers 1–${NUMBERS_PER_SERVICE} of ${LOAD_SERVICES.length} services)`);
  if (o.tickets > loadCap) throw new UsageError(`--tickets must be ≤ ${loadCap} (numbers 1–${NUMBERS_PER_SERVICE} of ${LOAD_SERVICES.length} services)`);
  if (o.calls > NUMBERS_PER_SERVICE) throw new UsageError(`--calls must be ≤ ${NUMBERS_PER_SERVICE}`);
  return o;
}

// ---- statistics ------------------------------------------------------------------------------

interface Summary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: round(sorted[0] ?? Number.NaN),
    mean: round(sum / sorted.length),
    p50: round(nearestRank(sorted, 50)),
    p90: round(nearestRank(sorted, 90)),
    p99: round(nearestRank(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Milliseconds kept to the microsecond in the JSON; shown with 2 decimals. */
function round(ms: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(ms * f) / f;
}

const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');

// ---- machine and disk ------------------------------------------------------------------------

interface DiskInfo {
  readonly fsType: string;
  readonly mountPoint: string;
  readonly device: string;
  readonly rotational: boolean | null;
  readonly model: string | null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The filesystem holding `dir` (Linux: /proc/mounts and /sys/class/block); null elsewhere. */
function diskOf(dir: string): DiskInfo | null {
  const mounts = readText('/proc/mounts');
  if (mounts === null) return null;
  const real = realpathSync(dir);
  let best: { source: string; mount: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [source, rawMount, type] = line.split(' ');
    if (!source || !rawMount || !type) continue;
    const mount = rawMount.replace(/\\040/g, ' ');
    const inside = mount === '/' || real === mount || real.startsWith(`${mount}/`);
    if (inside && (best === null || mount.length >= best.mount.length)) best = { source, mount, type };
  }
  if (best === null) return null;
  const dev = basename(best.source);
  let blockDev = dev;
  const sysPath = join('/sys/class/block', dev);
  if (existsSync(join(sysPath, 'partition'))) {
    try {
      blockDev = basename(dirname(realpathSync(sysPath)));
    } catch {
      // keep the partition name
    }
  }
  const rotational = readText(join('/sys/block', blockDev, 'queue', 'rotational'));
  return {
    fsType: best.type,
    mountPoint: best.mount,
    device: dev,
    rotational: rotational === null ? null : rotational === '1',
    model: readText(join('/sys/block', blockDev, 'device', 'model')),
  };
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    /** 1, 5 and 15 minute load averages at the start: other work on the machine skews every figure. */
    loadAverage: os.loadavg().map((x) => round(x, 2)),
  };
}

/** Share (%) of the machine's CPU time spent busy, by any process, over the next `ms`. */
async function machineBusy(ms: number): Promise<number> {
  const sample = () =>
    os.cpus().reduce(
      (acc, c) => {
        const busy = c.times.user + c.times.nice + c.times.sys + c.times.irq;
        return { busy: acc.busy + busy, total: acc.total + busy + c.times.idle };
      },
      { busy: 0, total: 0 },
    );
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  return round((100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total), 1);
}

interface CpuMark {
  readonly machineBusyMs: number;
  readonly machineTotalMs: number;
  /** CPU of this process and its exited, reaped children (the hall servers); null off Linux. */
  readonly ownMs: number | null;
  /** Time the hypervisor gave this VM's CPUs to others (Linux /proc/stat "steal"), in ms. */
  readonly stealMs: number | null;
}

function stealCpuMs(): number | null {
  const line = readText('/proc/stat')?.split('\n')[0];
  const steal = Number(line?.trim().split(/\s+/)[8]);
  return line?.startsWith('cpu ') && Number.isFinite(steal) ? steal * 10 : null;
}

/** Linux /proc/self/stat utime + stime + cutime + cstime, in ms (USER_HZ is 100 on Linux). */
function ownCpuMs(): number | null {
  const stat = readText('/proc/self/stat');
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return ticks.every(Number.isFinite) ? ticks.reduce((a, b) => a + b, 0) * 10 : null;
}

function cpuMark(): CpuMark {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const b = c.times.user + c.times.nice + c.times.sys + c.times.irq;
    busy += b;
    total += b + c.times.idle;
  }
  return { machineBusyMs: busy, machineTotalMs: total, ownMs: ownCpuMs(), stealMs: stealCpuMs() };
}

/** Share (%) of the CPU time stolen by the hypervisor between two marks. */
function stealShare(a: CpuMark, b: CpuMark): number | null {
  if (a.stealMs === null || b.stealMs === null) return null;
  const steal = b.stealMs - a.stealMs;
  return round((100 * steal) / Math.max(1, b.machineTotalMs - a.machineTotalMs + steal), 1);
}

/** Share (%) of the machine's CPU used by other processes between two marks. */
function othersBusy(a: CpuMark, b: CpuMark): number | null {
  if (a.ownMs === null || b.ownMs === null) return null;
  const others = b.machineBusyMs - a.machineBusyMs - (b.ownMs - a.ownMs);
  return round(Math.max(0, (100 * others) / Math.max(1, b.machineTotalMs - a.machineTotalMs)), 1);
}

// ---- HTTP client -----------------------------------------------------------------------------

interface HttpResult {
  readonly status: number;
  readonly json: any;
  /** The server's own handling time from its Server-Timing header (app;dur=…), in ms. */
  readonly serverMs: number | null;
  /** Of that, the wait for the event log's sync (durable;dur=…), when the answer waited for one. */
  readonly durableMs: number | null;
}

/** A metric of a Server-Timing header: `app` (the whole time) or `durable` (the wait for the sync). */
function serverTimingMs(header: string | string[] | undefined, metric: 'app' | 'durable' = 'app'): number | null {
  const m = new RegExp(`\\b${metric};dur=([\\d.]+)`).exec(Array.isArray(header) ? header.join(',') : (header ?? ''));
  return m?.[1] ? Number(m[1]) : null;
}

/**
 * A keep-alive JSON client holding its own socket(s), like one kiosk or one counter terminal; over
 * HTTPS (an https base URL) it trusts `ca` alone, as a terminal pinning the hall CA does.
 */
class HttpClient {
  readonly #base: URL;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;

  constructor(baseUrl: string, sockets = 1, ca: string | null = null) {
    this.#base = new URL(baseUrl);
    const secure = this.#base.protocol === 'https:';
    this.#agent = secure
      ? new https.Agent({ keepAlive: true, maxSockets: sockets, ca: ca ?? undefined })
      : new http.Agent({ keepAlive: true, maxSockets: sockets });
    this.#request = secure ? https.request : http.request;
  }

  request(method: string, path: string, options: { token?: string; session?: string; body?: unknown } = {}): Promise<HttpResult> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.session) headers['x-staff-session'] = options.session;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolvePromise, reject) => {
      const req = this.#request({ host: this.#base.hostname, port: this.#base.port, method, path, headers, agent: this.#agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = text;
          }
          resolvePromise({
            status: res.statusCode ?? 0,
            json,
            serverMs: serverTimingMs(res.headers['server-timing']),
            durableMs: serverTimingMs(res.headers['server-timing'], 'durable'),
          });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

function expectStatus(result: HttpResult, status: number, what: string): HttpResult {
  if (result.status !== status) throw new Error(`${what}: HTTP ${result.status} ${JSON.stringify(result.json)}`);
  return result;
}

// ---- hall server under test ------------------------------------------------------------------

interface ServerUnderTest {
  readonly url: string;
  readonly mode: 'child-process' | 'in-process';
  /** The hall CA (PEM) of an HTTPS server; null for plain HTTP. */
  readonly ca: string | null;
  stop(): Promise<void>;
}

/** With `tls`, the server serves HTTPS with the hall CA it makes next to the database (hall serve --tls). */
async function startServer(dbPath: string, inProcess: boolean, tls = false): Promise<ServerUnderTest> {
  if (inProcess) {
    const material = tls ? await ownHallTls({ dir: join(dirname(dbPath), 'tls'), names: wantedNames([]), hallName: 'bench' }) : null;
    const hall = await startTestHall({ dbPath, server: { tls: material } });
    return { url: hall.url, mode: 'in-process', ca: material?.caPem ?? null, stop: () => hall.close() };
  }
  const proc = await startHallProcess(dbPath, DEMO_SITE, tls ? { args: ['--tls'] } : {});
  return {
    url: proc.url,
    mode: 'child-process',
    ca: tls ? readFileSync(join(dirname(dbPath), 'tls', 'ca.pem'), 'utf8') : null,
    async stop() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
      const force = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
      try {
        await proc.exited;
      } finally {
        clearTimeout(force);
      }
    },
  };
}

interface Provisioned {
  readonly kiosks: string[];
  readonly displays: string[];
  readonly officer: { readonly token: string; readonly username: string } | null;
}

/** Enrols devices (and an officer) directly in the database, before the server opens it. */
function provision(dbPath: string, plan: { kiosks: number; displays?: number; officerAt?: string }): Provisioned {
  const pinHash = plan.officerAt ? hashPin(OFFICER_PIN) : '';
  const db = openHallDatabase(dbPath);
  try {
    const store = new AccessStore(db);
    const access = new Access(store, Date.now);
    const enrol = (role: 'kiosk' | 'display' | 'counter', i: number, counterId: string | null = null): string =>
      access.createEnrolledDevice({ id: randomUUID(), role, name: `bench ${role} ${i + 1}`, counterId, validDays: 1 });
    return db.transaction((): Provisioned => {
      const kiosks = Array.from({ length: plan.kiosks }, (_, i) => enrol('kiosk', i));
      const displays = Array.from({ length: plan.displays ?? 0 }, (_, i) => enrol('display', i));
      let officer: Provisioned['officer'] = null;
      if (plan.officerAt) {
        const username = `bench-${randomUUID().slice(0, 8)}`;
        store.addStaff({
          id: randomUUID(),
          username,
          displayName: 'Cán bộ đo hiệu năng',
          role: 'officer',
          pinHash,
          counterIds: [plan.officerAt],
          now: Date.now(),
        });
        officer = { token: enrol('counter', 0, plan.officerAt), username };
      }
      return { kiosks, displays, officer };
    })();
  } finally {
    db.close();
  }
}

/** Runs `body` against a fresh database and server; always stops the server and removes the dir. */
async function withServer<T>(
  label: string,
  inProcess: boolean,
  plan: Parameters<typeof provision>[1],
  body: (server: ServerUnderTest, devices: Provisioned) => Promise<T>,
  tls = false,
): Promise<T> {
  const tmp = tempDir(`hall-bench-${label}-`);
  try {
    const dbPath = join(tmp.dir, 'hall.db');
    const devices = provision(dbPath, plan);
    const server = await startServer(dbPath, inProcess, tls);
    try {
      return await body(server, devices);
    } finally {
      await server.stop();
    }
  } finally {
    tmp.cleanup();
  }
}

/** A histogram of the server's /metrics: request handling of one operation, the commits or the WAL syncs. */
interface ServerHistogram {
  readonly count: number;
  readonly sumSeconds: number;
  readonly buckets: ReadonlyMap<string, number>;
}

/** Reads `metric` (a histogram name); with `operation`, only the series of that operation. */
async function serverHistogram(client: HttpClient, metric: string, operation?: string): Promise<ServerHistogram> {
  const res = await client.request('GET', '/metrics');
  const text = String(res.json ?? '');
  const buckets = new Map<string, number>();
  let count = 0;
  let sumSeconds = 0;
  for (const line of text.split('\n')) {
    if (operation !== undefined && !line.includes(`operation="${operation}"`)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (line.startsWith(`${metric}_bucket{`) && le) buckets.set(le, value);
    else if (line.startsWith(`${metric}_sum`)) sumSeconds = value;
    else if (line.startsWith(`${metric}_count`)) count = value;
  }
  return { count, sumSeconds, buckets };
}

/** Server-side view of what a histogram recorded between two readings. */
function serverView(before: ServerHistogram, after: ServerHistogram) {
  const count = after.count - before.count;
  const bucketsMs: Record<string, number> = {};
  for (const [le, n] of after.buckets) {
    const key = le === '+Inf' ? '+Inf' : String(round(Number(le) * 1000));
    bucketsMs[`le_${key}`] = n - (before.buckets.get(le) ?? 0);
  }
  /** Upper bound (bucket edge) under which p% of the requests were handled. */
  const bound = (p: number): number | null => {
    for (const [le, n] of after.buckets) {
      if (le === '+Inf') continue;
      if (n - (before.buckets.get(le) ?? 0) >= Math.ceil((p / 100) * count)) return round(Number(le) * 1000);
    }
    return null;
  };
  return {
    count,
    meanMs: count > 0 ? round(((after.sumSeconds - before.sumSeconds) / count) * 1000) : null,
    p50AtMostMs: bound(50),
    p99AtMostMs: bound(99),
    bucketsMs,
  };
}

// ---- 1. raw durable insert -------------------------------------------------------------------

/** A bare table with the hall's durability pragmas; `insert()` is one autocommit transaction. */
function openRawTable(path: string): { insert: () => void; pragmas: { journalMode: string; synchronous: number }; close: () => void } {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec(`CREATE TABLE bench_rows (
      id      INTEGER PRIMARY KEY,
      at      INTEGER NOT NULL,
      kind    TEXT NOT NULL,
      payload TEXT NOT NULL
    ) STRICT`);
  } catch (error) {
    db.close();
    throw error;
  }
  const statement = db.prepare('INSERT INTO bench_rows (at, kind, payload) VALUES (?, ?, ?)');
  const payload = JSON.stringify({ serviceId: 'ho-tich', number: 'A001', priority: 'normal', channel: 'kiosk', id: randomUUID(), pad: 'x'.repeat(96) });
  return {
    insert: () => {
      statement.run(Date.now(), 'ticket.issued', payload);
    },
    pragmas: { journalMode: String(db.pragma('journal_mode', { simple: true })), synchronous: Number(db.pragma('synchronous', { simple: true })) },
    close: () => db.close(),
  };
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Resolves after `ms` on a timer: the thread sleeps and its CPU may halt, as a server's between requests. */
function idle(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Keeps the CPU busy for `ms`, as a server is while it parses, decides and answers between commits. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Milliseconds between two inserts in the "for information" loops: about an issue's round trip. */
const GAP_MS = 1;

/**
 * For information: the raw insert with a gap before each, as the server's commits come between
 * requests: after 1 ms asleep on a timer, and after 1 ms of CPU work. On virtual machines a commit
 * that does not follow another one closely can cost several times more. (The goal's floor, the
 * back-to-back loop, is measured in the issue phase: issueLatency.)
 */
async function rawInsertAfterGaps(o: Options) {
  const tmp = tempDir('hall-bench-raw-');
  try {
    const table = openRawTable(join(tmp.dir, 'raw.db'));
    try {
      for (let i = 0; i < o.warmup; i++) table.insert();
      const afterIdle: number[] = [];
      const afterWork: number[] = [];
      for (let i = 0; i < o.n; i++) {
        await idle(GAP_MS);
        afterIdle.push(timed(table.insert));
        busy(GAP_MS);
        afterWork.push(timed(table.insert));
      }
      return { ...table.pragmas, gapMs: GAP_MS, afterIdleMs: summarize(afterIdle), afterWorkMs: summarize(afterWork) };
    } finally {
      table.close();
    }
  } finally {
    tmp.cleanup();
  }
}

// ---- 2. issue latency ------------------------------------------------------------------------

/** Issues and raw inserts alternate in blocks of this many. */
const FLOOR_BLOCK = 100;
/**
 * Before each raw block the server is left alone this long, so that what it does in its idle
 * moments (projection write, checkpoint: IDLE_MS after the last answer) is done: nothing of the
 * server's touches the disk meanwhile.
 */
const SERVER_QUIET_MS = 10 * IDLE_MS;
/** Unmeasured inserts that start each raw block: the floor is the loop's steady state, as after its warm-up. */
const FLOOR_BLOCK_WARMUP = 10;

/**
 * Before each issue request, a GET /healthz runs as a control (never overlapping it): the HTTP
 * round trip without any database work.
 * The goal's floor, the back-to-back raw insert, is measured here too, in blocks of FLOOR_BLOCK
 * between blocks of issues (a raw insert before every issue would not be back to back, and two
 * durable writers taking turns slow each other down), each after the server has been left alone
 * for SERVER_QUIET_MS and after FLOOR_BLOCK_WARMUP unmeasured inserts (the first commits after a
 * pause are slower: without them the floor would include the pauses). Measured alone before the issues, its p99
 * moved 0.26–1.95 ms between runs of one hour: a slow minute of the virtual disk on one side only
 * moved the ratio from 1.3 to 10. In alternating blocks both sides see the same minutes.
 */
/** Samples of the sequential issue loop: client round trip, server time, and the /healthz control. */
interface SequentialIssues {
  readonly issue: number[];
  readonly issueServer: number[];
  readonly healthz: number[];
}

/**
 * One kiosk issuing `o.warmup + o.n` tickets one after another, each after a GET /healthz (the
 * HTTP round trip alone, as a control); the samples after the warm-up are kept. `beforeIssue(i)`
 * runs before issue i (the plain-HTTP phase measures its floor blocks and histograms there).
 */
async function sequentialIssues(
  o: Options,
  client: HttpClient,
  token: string,
  what: string,
  beforeIssue?: (i: number) => Promise<void>,
): Promise<SequentialIssues> {
  const samples: SequentialIssues = { issue: [], issueServer: [], healthz: [] };
  for (let i = 0; i < o.warmup + o.n; i++) {
    await beforeIssue?.(i);
    let t0 = performance.now();
    expectStatus(await client.request('GET', '/healthz'), 200, 'healthz');
    const healthzMs = performance.now() - t0;
    const serviceId = LATENCY_SERVICES[i % LATENCY_SERVICES.length];
    t0 = performance.now();
    const res = await client.request('POST', '/api/v1/tickets', { token, body: { serviceId } });
    const issueMs = performance.now() - t0;
    expectStatus(res, 201, `${what} #${i + 1}`);
    if (i >= o.warmup) {
      samples.issue.push(issueMs);
      if (res.serverMs !== null) samples.issueServer.push(res.serverMs);
      samples.healthz.push(healthzMs);
    }
  }
  return samples;
}

async function issueLatency(o: Options) {
  return withServer('issue', o.inProcess, { kiosks: 1 }, async (server, devices) => {
    const token = devices.kiosks[0] ?? '';
    const client = new HttpClient(server.url);
    const tmp = tempDir('hall-bench-raw-');
    const table = openRawTable(join(tmp.dir, 'raw.db'));
    try {
      const raw: number[] = [];
      for (let i = 0; i < o.warmup; i++) table.insert();
      let before: { handling: ServerHistogram; commits: ServerHistogram; syncs: ServerHistogram } | null = null;
      const histograms = async () => ({
        handling: await serverHistogram(client, 'hall_http_request_duration_seconds', 'issueTicket'),
        commits: await serverHistogram(client, 'hall_event_commit_seconds'),
        syncs: await serverHistogram(client, 'hall_event_log_sync_seconds'),
      });
      const samples = await sequentialIssues(o, client, token, 'issue', async (i) => {
        if (i === o.warmup) before = await histograms();
        if (i >= o.warmup && (i - o.warmup) % FLOOR_BLOCK === 0) {
          await idle(SERVER_QUIET_MS);
          for (let k = 0; k < FLOOR_BLOCK_WARMUP; k++) table.insert();
          for (let k = 0; k < FLOOR_BLOCK && raw.length < o.n; k++) raw.push(timed(table.insert));
        }
      });
      const after = await histograms();
      const start = before as { handling: ServerHistogram; commits: ServerHistogram; syncs: ServerHistogram } | null;
      return {
        server: server.mode,
        services: [...LATENCY_SERVICES],
        latencyMs: summarize(samples.issue),
        serverTimingMs: summarize(samples.issueServer),
        serverSide: start ? serverView(start.handling, after.handling) : null,
        /** The commits of those issues, as the server timed them (one per issue; the WAL's sync apart). */
        serverCommits: start ? serverView(start.commits, after.commits) : null,
        /** The group-commit syncs of the WAL meanwhile (one per issue when they come one at a time). */
        serverSyncs: start ? serverView(start.syncs, after.syncs) : null,
        controls: { healthzRoundTripMs: summarize(samples.healthz) },
        /** The goal's floor: back-to-back raw inserts in blocks between the issue blocks. */
        rawInsert: { ...table.pragmas, blockSize: FLOOR_BLOCK, latencyMs: summarize(raw) },
      };
    } finally {
      client.close();
      table.close();
      tmp.cleanup();
    }
  });
}

/**
 * 2b. The same sequential issues over HTTPS (hall serve --tls: the hall CA, ECDSA P-256, TLS 1.3),
 * the client pinning the CA, on a keep-alive connection like a terminal's: the TLS cost per
 * request (record encryption; the handshake is once per connection and is measured apart, as the
 * first request's round trip). Run right after the plain-HTTP phase, so both see the same minutes.
 */
async function issueLatencyTls(o: Options) {
  return withServer(
    'issue-tls',
    o.inProcess,
    { kiosks: 1 },
    async (server, devices) => {
      const client = new HttpClient(server.url, 1, server.ca);
      try {
        const t0 = performance.now();
        expectStatus(await client.request('GET', '/healthz'), 200, 'healthz');
        const firstRequestWithHandshakeMs = performance.now() - t0;
        const samples = await sequentialIssues(o, client, devices.kiosks[0] ?? '', 'issue over TLS');
        return {
          server: server.mode,
          transport: 'HTTPS (hall CA, keep-alive, client pins the CA)',
          url: server.url.replace(/:\d+$/, ':<port>'),
          latencyMs: summarize(samples.issue),
          serverTimingMs: summarize(samples.issueServer),
          controls: { healthzRoundTripMs: summarize(samples.healthz), firstRequestWithHandshakeMs: round(firstRequestWithHandshakeMs) },
        };
      } finally {
        client.close();
      }
    },
    true,
  );
}

// ---- 3. sustained throughput -----------------------------------------------------------------

/**
 * `total` requests from `clients` clients at once, each sending its next as soon as its last was
 * answered (`send(client index, request index)`): requests/s and the latency of each.
 */
async function concurrently(clients: number, total: number, send: (client: number, i: number) => Promise<void>) {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await send(k, i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds: round(seconds), ticketsPerSecond: round(total / seconds, 2), latencyMs: summarize(samples) };
}

async function throughput(o: Options) {
  return withServer('load', o.inProcess, { kiosks: o.kiosks }, async (server, devices) => {
    const clients = devices.kiosks.map(() => new HttpClient(server.url));
    try {
      // One warm-up issue per kiosk opens its socket and warms the server.
      await Promise.all(
        clients.map(async (c, i) =>
          expectStatus(
            await c.request('POST', '/api/v1/tickets', { token: devices.kiosks[i], body: { serviceId: LOAD_SERVICES[i % LOAD_SERVICES.length] } }),
            201,
            'warm-up issue',
          ),
        ),
      );
      const total = Math.min(o.tickets, LOAD_SERVICES.length * NUMBERS_PER_SERVICE - clients.length);
      const run = await concurrently(clients.length, total, async (k, i) => {
        const res = await clients[k]!.request('POST', '/api/v1/tickets', {
          token: devices.kiosks[k],
          body: { serviceId: LOAD_SERVICES[i % LOAD_SERVICES.length] },
        });
        expectStatus(res, 201, `issue under load #${i + 1}`);
      });
      return { server: server.mode, kiosks: clients.length, tickets: total, ...run };
    } finally {
      for (const c of clients) c.close();
    }
  });
}

// ---- R. against the reference server ------------------------------------------------------------

/**
 * The hall server and the reference server (reference-server.ts) driven by the same client class:
 * a warm-up per side, then alternating blocks of sequential requests with an idle gap between, so
 * both sides see the same minutes of the machine; then `kiosks` clients at once against the
 * reference, to set beside the hall's throughput phase.
 */
async function againstReference(o: Options) {
  return withServer('reference', o.inProcess, { kiosks: 1 }, async (server, devices) => {
    const tmp = tempDir('hall-bench-reference-');
    const reference = await startReferenceServer(join(tmp.dir, 'reference.db'));
    const hallClient = new HttpClient(server.url);
    const referenceClient = new HttpClient(reference.url);
    try {
      let issued = 0;
      let lastServer = { ms: Number.NaN, durableMs: 0 };
      const token = devices.kiosks[0] ?? '';
      const issue = async (): Promise<number> => {
        const serviceId = LOAD_SERVICES[issued++ % LOAD_SERVICES.length];
        const t0 = performance.now();
        const res = await hallClient.request('POST', '/api/v1/tickets', { token, body: { serviceId } });
        const ms = performance.now() - t0;
        expectStatus(res, 201, `issue #${issued}`);
        lastServer = { ms: res.serverMs ?? Number.NaN, durableMs: res.durableMs ?? 0 };
        return ms;
      };
      const post = async (client = referenceClient): Promise<number> => {
        const t0 = performance.now();
        const res = await client.request('POST', '/issue', { body: { serviceId: 'ho-tich', channel: 'kiosk' } });
        const ms = performance.now() - t0;
        expectStatus(res, 201, 'reference POST');
        return ms;
      };
      const hall: number[] = [];
      const ref: number[] = [];
      /** The hall's own time of each measured issue (Server-Timing), and of that the wait for the sync. */
      const hallServer: number[] = [];
      const hallDurable: number[] = [];
      const block = async (send: () => Promise<number>, into: number[] | null, size: number) => {
        for (let i = 0; i < size; i++) {
          const ms = await send();
          into?.push(ms);
          if (into === hall) {
            hallServer.push(lastServer.ms);
            hallDurable.push(lastServer.durableMs);
          }
        }
        await idle(REFERENCE_IDLE_MS);
      };
      for (let done = 0; done < o.referenceWarmup; done += REFERENCE_BLOCK) {
        const size = Math.min(REFERENCE_BLOCK, o.referenceWarmup - done);
        await block(issue, null, size);
        await block(post, null, size);
      }
      for (let done = 0; done < o.n; done += REFERENCE_BLOCK) {
        const size = Math.min(REFERENCE_BLOCK, o.n - done);
        await block(issue, hall, size);
        await block(post, ref, size);
      }
      const clients = Array.from({ length: o.kiosks }, () => new HttpClient(reference.url));
      try {
        const total = Math.min(o.tickets, LOAD_SERVICES.length * NUMBERS_PER_SERVICE - o.kiosks);
        const load = await concurrently(clients.length, total, async (k) => {
          await post(clients[k]);
        });
        return {
          warmupPerSide: o.referenceWarmup,
          block: REFERENCE_BLOCK,
          idleMs: REFERENCE_IDLE_MS,
          issueMs: summarize(hall),
          referenceMs: summarize(ref),
          byPlaceInBlock: {
            issue: byPlaceInBlock(hall),
            reference: byPlaceInBlock(ref),
            issueServer: byPlaceInBlock(hallServer),
            issueSync: byPlaceInBlock(hallDurable),
          },
          tailInBlocks: {
            issue: roundedTail(tailInBlocks({ clientMs: hall, serverMs: hallServer, syncMs: hallDurable }, REFERENCE_BLOCK)),
            reference: roundedTail(tailInBlocks({ clientMs: ref }, REFERENCE_BLOCK)),
          },
          referenceThroughput: {
            clients: clients.length,
            requests: total,
            seconds: load.seconds,
            requestsPerSecond: load.ticketsPerSecond,
            latencyMs: load.latencyMs,
          },
        };
      } finally {
        for (const c of clients) c.close();
      }
    } finally {
      hallClient.close();
      referenceClient.close();
      await reference.stop();
      tmp.cleanup();
    }
  });
}

// ---- 4. WebSocket fan-out --------------------------------------------------------------------

interface StreamEventLike {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  readonly ticketId: string | null;
  readonly counterId: string | null;
}

/** Resolves when every client received an event matching `match`, recording when each did. */
interface Watch {
  readonly match: (e: StreamEventLike) => boolean;
  readonly arrivedAt: Float64Array;
  /** Date.now() at arrival minus the event's server `at`: a cross-check on the same clock, ms resolution. */
  readonly sinceAtMs: Float64Array;
  remaining: number;
  readonly done: Promise<void>;
  resolve(): void;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class DisplayFleet {
  readonly #sockets: WebSocket[] = [];
  #watch: Watch | null = null;
  #ready = 0;

  /** Connects every client, says hello and waits for welcome + snapshot on all of them. */
  async connect(url: string, tokens: readonly string[]): Promise<number> {
    const wsUrl = `${url.replace(/^http/, 'ws')}/api/v1/stream`;
    const started = performance.now();
    const all = Promise.all(
      tokens.map(
        (token, index) =>
          new Promise<void>((resolveReady, reject) => {
            const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
            this.#sockets.push(socket);
            let phase: 'welcome' | 'snapshot' | 'live' = 'welcome';
            socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocol: 1, token })));
            socket.on('error', reject);
            socket.on('close', (code) => {
              if (phase !== 'live') reject(new Error(`display ${index + 1} closed before going live (${code})`));
            });
            socket.on('message', (raw) => {
              const receivedAt = performance.now();
              const msg = JSON.parse(String(raw)) as { type: string; event?: StreamEventLike };
              if (phase === 'welcome') {
                if (msg.type !== 'welcome') return reject(new Error(`display ${index + 1}: expected welcome, got ${msg.type}`));
                phase = 'snapshot';
              } else if (phase === 'snapshot') {
                if (msg.type !== 'snapshot') return reject(new Error(`display ${index + 1}: expected snapshot, got ${msg.type}`));
                phase = 'live';
                this.#ready += 1;
                resolveReady();
              } else if (msg.type === 'event' && msg.event) {
                this.#arrive(index, msg.event, receivedAt);
              }
            });
          }),
      ),
    );
    await withTimeout(
      all,
      STEP_TIMEOUT_MS + tokens.length * 50,
      () => `${tokens.length - this.#ready} of ${tokens.length} displays did not get welcome + snapshot`,
    );
    return performance.now() - started;
  }

  get ready(): number {
    return this.#ready;
  }

  /** Starts watching for an event; set it up before sending the request that causes it. */
  watch(match: (e: StreamEventLike) => boolean): Watch {
    const n = this.#sockets.length;
    let resolveDone = (): void => {};
    const done = new Promise<void>((r) => {
      resolveDone = r;
    });
    const w: Watch = {
      match,
      arrivedAt: new Float64Array(n).fill(Number.NaN),
      sinceAtMs: new Float64Array(n).fill(Number.NaN),
      remaining: n,
      done,
      resolve: resolveDone,
    };
    this.#watch = w;
    if (n === 0) w.resolve();
    return w;
  }

  async wait(w: Watch, what: string): Promise<void> {
    await withTimeout(w.done, STEP_TIMEOUT_MS, () => `${w.remaining} of ${this.#sockets.length} displays did not receive ${what}`);
    if (this.#watch === w) this.#watch = null;
  }

  #arrive(index: number, event: StreamEventLike, receivedAt: number): void {
    const w = this.#watch;
    if (!w || !w.match(event) || !Number.isNaN(w.arrivedAt[index] ?? 0)) return;
    w.arrivedAt[index] = receivedAt;
    w.sinceAtMs[index] = Date.now() - event.at;
    w.remaining -= 1;
    if (w.remaining === 0) w.resolve();
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#sockets.map(
        (s) =>
          new Promise<void>((r) => {
            if (s.readyState === WebSocket.CLOSED) return r();
            s.once('close', () => r());
            s.terminate();
          }),
      ),
    );
  }
}

async function fanOut(o: Options) {
  const plan = { kiosks: 1, displays: o.clients, officerAt: FANOUT_COUNTER };
  return withServer('fanout', o.inProcess, plan, async (server, devices) => {
    const officer = devices.officer;
    if (!officer) throw new Error('no officer provisioned');
    const kiosk = new HttpClient(server.url);
    const counter = new HttpClient(server.url);
    const fleet = new DisplayFleet();
    try {
      const login = expectStatus(
        await counter.request('POST', '/api/v1/sessions', { token: officer.token, body: { username: officer.username, pin: OFFICER_PIN } }),
        201,
        'officer login',
      );
      const session = String(login.json.sessionToken);
      const op = (action: string, body: unknown = {}) =>
        counter.request('POST', `/api/v1/counters/${FANOUT_COUNTER}/${action}`, { token: officer.token, session, body });
      expectStatus(await op('open'), 200, 'open counter');

      const connectMs = await fleet.connect(server.url, devices.displays);

      const delays: number[] = [];
      const sinceAt: number[] = [];
      const callRoundTrip: number[] = [];
      const kioskToken = devices.kiosks[0] ?? '';
      /** Sends a request and waits for both its response and the event on every display. */
      const step = async (what: string, match: (e: StreamEventLike) => boolean, send: () => Promise<HttpResult>, status: number) => {
        const w = fleet.watch(match);
        const t0 = performance.now();
        const res = await send();
        const t1 = performance.now();
        expectStatus(res, status, what);
        await fleet.wait(w, what);
        return { w, t0, t1 };
      };
      for (let i = 0; i < o.calls; i++) {
        await step(
          'ticket.issued',
          (e) => e.type === 'ticket.issued',
          () => kiosk.request('POST', '/api/v1/tickets', { token: kioskToken, body: { serviceId: FANOUT_SERVICE } }),
          201,
        );
        const call = await step(
          'ticket.called',
          (e) => e.type === 'ticket.called' && e.counterId === FANOUT_COUNTER,
          () => op('call-next'),
          200,
        );
        callRoundTrip.push(call.t1 - call.t0);
        for (let k = 0; k < call.w.arrivedAt.length; k++) {
          delays.push((call.w.arrivedAt[k] ?? Number.NaN) - call.t0);
          sinceAt.push(call.w.sinceAtMs[k] ?? Number.NaN);
        }
        await step(
          'service.started',
          (e) => e.type === 'service.started',
          () => op('start'),
          200,
        );
        await step(
          'service.finished',
          (e) => e.type === 'service.finished',
          () => op('finish', { outcome: 'guidance_only' }),
          200,
        );
      }
      return {
        server: server.mode,
        clients: fleet.ready,
        calls: o.calls,
        deliveries: delays.length,
        connectAllMs: round(connectMs),
        deliveryMs: summarize(delays),
        deliverySinceEventAtMs: summarize(sinceAt),
        callNextRoundTripMs: summarize(callRoundTrip),
      };
    } finally {
      await fleet.close();
      kiosk.close();
      counter.close();
    }
  });
}

// ---- report ----------------------------------------------------------------------------------

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/**
 * The samples of alternating blocks split by place: the first of each block (after the idle gap,
 * caches cold) and the rest. The p99 of 1,000 is the eleventh slowest, so the ten first-of-block
 * samples weigh on it; this shows by how much, for each side.
 */
function byPlaceInBlock(samples: readonly number[]): { afterIdleGap: Summary; restOfBlock: Summary } {
  return {
    afterIdleGap: summarize(samples.filter((_, i) => i % REFERENCE_BLOCK === 0)),
    restOfBlock: summarize(samples.filter((_, i) => i % REFERENCE_BLOCK !== 0)),
  };
}

interface MachinePauses {
  readonly afterIdleGap: PauseRounds;
  readonly afterOneMs: PauseRounds;
}

/** The machine's own pauses in a burst of work after an idle gap as long as the anchor's, and after 1 ms (machine-pauses.ts). */
async function machinePauses(): Promise<MachinePauses> {
  return { afterIdleGap: await measurePauses(REFERENCE_IDLE_MS), afterOneMs: await measurePauses(1) };
}

function pausesLine(p: MachinePauses): string {
  const gap = summarize(p.afterIdleGap.lostMs);
  const busy = summarize(p.afterOneMs.lostMs);
  const longest = Math.max(p.afterIdleGap.longestMs, p.afterOneMs.longestMs);
  return `pauses    the machine took ${f2(gap.p50)} ms (median; p90 ${f2(gap.p90)}) of a ${p.afterIdleGap.spinMs} ms burst of work after ${p.afterIdleGap.sleepMs} ms asleep, ${f2(busy.p50)} ms after 1 ms asleep; longest pause ${f2(longest)} ms`;
}

function pausesResult(p: MachinePauses): unknown {
  const of = (r: PauseRounds) => ({ sleepMs: r.sleepMs, spinMs: r.spinMs, rounds: r.rounds, lostMs: summarize(r.lostMs), longestPauseMs: round(r.longestMs) });
  return { afterIdleGap: of(p.afterIdleGap), afterOneMs: of(p.afterOneMs) };
}

/** The table rows of the reference comparison: all samples, then split by place in the block. */
function referenceRows(versus: Awaited<ReturnType<typeof againstReference>>): string[][] {
  const { issue, reference, issueServer, issueSync } = versus.byPlaceInBlock;
  return [
    latencyRow('issue ticket, 1 kiosk sequential', versus.issueMs),
    latencyRow('reference POST', versus.referenceMs),
    latencyRow('  issue, first after an idle gap', issue.afterIdleGap),
    latencyRow('    its server time (Server-Timing)', issueServer.afterIdleGap),
    latencyRow('    of which the wait for the sync', issueSync.afterIdleGap),
    latencyRow('  reference, first after a gap', reference.afterIdleGap),
    latencyRow('  issue, rest of the block', issue.restOfBlock),
    latencyRow('    its server time (Server-Timing)', issueServer.restOfBlock),
    latencyRow('    of which the wait for the sync', issueSync.restOfBlock),
    latencyRow('  reference, rest of the block', reference.restOfBlock),
  ];
}

/** The line that says what lifted each side's p99: its samples inside the blocks slower than it (p99-tail.ts). */
function tailLine(tail: { readonly issue: TailInBlocks; readonly reference: TailInBlocks }): string {
  const { issue, reference } = tail;
  const where = issue.where
    ? ` (${issue.where.outsideServer} mostly outside the server, ${issue.where.sync} mostly in the WAL's sync, ${issue.where.handling} mostly in the handling)`
    : '';
  return `  slower than the p99 inside the blocks (each lifts it one place among the first after a gap): issue ${issue.count}${where}, reference ${reference.count}`;
}

function roundedTail(tail: TailInBlocks): TailInBlocks {
  return { ...tail, p99Ms: round(tail.p99Ms) };
}

function latencyRow(label: string, s: Summary): string[] {
  return [label, String(s.count), f2(s.p50), f2(s.p90), f2(s.p99), f2(s.max), f2(s.mean)];
}

function isoStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

function writeResults(result: unknown, startedAt: Date, prefix = 'hall'): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const files = prefix === 'hall' ? [`hall-${isoStamp(startedAt)}.json`, 'hall-latest.json'] : [`${prefix}-${isoStamp(startedAt)}.json`];
  for (const name of files) {
    const file = join(RESULTS_DIR, name);
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  }
  return files.map((f) => `test/bench/results/${f}`);
}

type Phase = <T>(label: string, run: () => T | Promise<T>) => Promise<T>;

/** `--anchor`: the reference comparison and the throughput phase, and the anchor's three ratios. */
async function anchorOnly(o: Options, phase: Phase, out: (s?: string) => boolean, startedAt: Date, pauses: MachinePauses): Promise<number> {
  const versus = await phase('R issue against the reference server, alternating blocks', () => againstReference(o));
  const load = await phase('3 sustained throughput', () => throughput(o));
  const p99 = versus.issueMs.p99 / versus.referenceMs.p99;
  const p50 = versus.issueMs.p50 / versus.referenceMs.p50;
  const rate = load.ticketsPerSecond / versus.referenceThroughput.requestsPerSecond;
  out();
  out(table([['measurement', 'n', 'p50', 'p90', 'p99', 'max', 'mean'], ...referenceRows(versus)]));
  out(tailLine(versus.tailInBlocks));
  out(`  issue p99 / reference p99 = ${f2(p99)}  (goal ≤ ${f2(REFERENCE_P99_GOAL)})  ${p99 <= REFERENCE_P99_GOAL ? 'PASS' : 'MISS'}`);
  out(`  issue p50 / reference p50 = ${f2(p50)}  (aim ≤ ${f2(REFERENCE_P50_AIM)})`);
  out(
    `  throughput, ${load.kiosks} clients: ${f2(load.ticketsPerSecond)} / ${f2(versus.referenceThroughput.requestsPerSecond)} requests/s = ${f2(rate)}  (aim ≥ ${f2(REFERENCE_THROUGHPUT_AIM)})`,
  );
  const files = writeResults(
    {
      benchmark: 'hall --anchor',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      options: o,
      machine: machineInfo(),
      machinePauses: pausesResult(pauses),
      againstReference: versus,
      throughput: load,
      goals: {
        issueP99OverReferenceP99: { value: round(p99), goal: REFERENCE_P99_GOAL },
        issueP50OverReferenceP50: round(p50),
        throughputOverReference: round(rate),
      },
    },
    startedAt,
    'hall-anchor',
  );
  out(`results   ${files.join(', ')}`);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  let o: Options | 'help';
  try {
    o = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const out = (s = ''): boolean => process.stdout.write(`${s}\n`);
  const startedAt = new Date();
  const machine = machineInfo();
  const disk = diskOf(os.tmpdir());
  const busyBefore = await machineBusy(1000);
  const runStart = cpuMark();
  const serverMode = o.inProcess ? 'in-process (shares the event loop with the clients)' : 'child process (scripts/hall.ts serve, log level warn)';

  out(`hall benchmark${o.quick ? ' (quick)' : ''} — ${startedAt.toISOString()}`);
  out(`machine   ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform} ${machine.arch}, Node ${machine.node}`);
  out(
    `temp dir  ${disk ? `${disk.fsType} on ${disk.device} (mounted at ${disk.mountPoint})${disk.rotational === null ? '' : disk.rotational ? ', kernel reports it rotational' : ', kernel reports it non-rotational'}${disk.model ? `, ${disk.model}` : ''}` : 'filesystem unknown'}`,
  );
  out(
    `load      CPU ${f2(busyBefore)} % busy in the second before the run; load average ${machine.loadAverage.map(f2).join(' ')}${busyBefore > BUSY_WARNING_PERCENT ? '  ⚠ other work is running: expect noisy figures' : ''}`,
  );
  const pauses = await machinePauses();
  out(pausesLine(pauses));
  out(`server    ${serverMode}`);
  out(`sizes     n=${o.n} (+${o.warmup} warm-up), throughput ${o.kiosks} kiosks × ${o.tickets} tickets, fan-out ${o.clients} clients × ${o.calls} calls`);
  out();

  const phase: Phase = async (label, run) => {
    process.stdout.write(`  ${label} … `);
    const t0 = performance.now();
    const r = await run();
    out(`done in ${f2((performance.now() - t0) / 1000)} s`);
    return r;
  };
  if (o.anchorOnly) return anchorOnly(o, phase, out, startedAt, pauses);
  const versus = await phase('1/5 issue against the reference server, alternating blocks', () => againstReference(o));
  const gaps = await phase('2/5 raw durable insert after a gap', () => rawInsertAfterGaps(o));
  const issue = await phase('3/5 issue latency, with the raw insert floor in between', () => issueLatency(o));
  const issueTls = await phase('3b issue latency over TLS (HTTPS with the hall CA)', () => issueLatencyTls(o));
  const raw = { ...issue.rawInsert, gapMs: gaps.gapMs, afterIdleMs: gaps.afterIdleMs, afterWorkMs: gaps.afterWorkMs };
  const load = await phase('4/5 sustained throughput', () => throughput(o));
  const fan = await phase('5/5 WebSocket fan-out', () => fanOut(o));
  const runEnd = cpuMark();
  const othersDuring = othersBusy(runStart, runEnd);
  const stealDuring = stealShare(runStart, runEnd);
  const busyAfter = await machineBusy(1000);
  out();

  // The goal compares like with like: the server's own time to issue a ticket durably (its
  // Server-Timing: parse, authorise, validate, decide, one durable commit, answer) against one
  // durable insert, both without the loopback HTTP round trip that the control row shows apart.
  const ratio = issue.serverTimingMs.p99 / raw.latencyMs.p99;
  const clientRatio = issue.latencyMs.p99 / raw.latencyMs.p99;
  const idleRatio = issue.serverTimingMs.p99 / raw.afterIdleMs.p99;
  const workRatio = issue.serverTimingMs.p99 / raw.afterWorkMs.p99;
  const ratioPass = ratio <= ISSUE_RATIO_GOAL;
  const referenceP99 = versus.issueMs.p99 / versus.referenceMs.p99;
  const referenceP50 = versus.issueMs.p50 / versus.referenceMs.p50;
  const referenceThroughput = load.ticketsPerSecond / versus.referenceThroughput.requestsPerSecond;
  const referencePass = referenceP99 <= REFERENCE_P99_GOAL;
  const fanPass = fan.deliveryMs.p99 <= FANOUT_P99_GOAL_MS;

  out('latency (ms)');
  out(
    table([
      ['measurement', 'n', 'p50', 'p90', 'p99', 'max', 'mean'],
      latencyRow(`R issue ticket, 1 kiosk sequential, blocks of ${versus.block} (client round trip)`, versus.issueMs),
      latencyRow('  reference server POST, the blocks in between (client round trip)', versus.referenceMs),
      latencyRow('  issue, the first of each block (after the idle gap)', versus.byPlaceInBlock.issue.afterIdleGap),
      latencyRow('  reference, the first of each block', versus.byPlaceInBlock.reference.afterIdleGap),
      latencyRow(`1 raw durable insert (WAL, synchronous=FULL), blocks of ${raw.blockSize} between issue blocks`, raw.latencyMs),
      latencyRow(`  same, each after ${raw.gapMs} ms asleep (for information)`, raw.afterIdleMs),
      latencyRow(`  same, each after ${raw.gapMs} ms of CPU work (for information)`, raw.afterWorkMs),
      latencyRow('2 issue ticket, 1 kiosk sequential (server time, Server-Timing)', issue.serverTimingMs),
      latencyRow('  same, HTTP round trip measured by the client', issue.latencyMs),
      latencyRow('  control: GET /healthz round trip (HTTP, no database)', issue.controls.healthzRoundTripMs),
      latencyRow('2b issue ticket over TLS, 1 kiosk sequential (server time, Server-Timing)', issueTls.serverTimingMs),
      latencyRow('  same, HTTPS round trip measured by the client', issueTls.latencyMs),
      latencyRow('  control: GET /healthz round trip (HTTPS, no database)', issueTls.controls.healthzRoundTripMs),
      latencyRow(`3 issue ticket under load, ${load.kiosks} kiosks`, load.latencyMs),
      latencyRow(`4 ticket.called delivery, ${fan.clients} displays × ${fan.calls} calls`, fan.deliveryMs),
      latencyRow('  same, from the event\'s server "at" (1 ms resolution)', fan.deliverySinceEventAtMs),
      latencyRow('  call-next HTTP round trip (officer)', fan.callNextRoundTripMs),
    ]),
  );
  if (issue.serverSide) {
    const s = issue.serverSide;
    out(
      `server-side issueTicket handling (from /metrics): mean ${f2(s.meanMs ?? Number.NaN)} ms, p50 ≤ ${f2(s.p50AtMostMs ?? Number.NaN)} ms, p99 ≤ ${f2(s.p99AtMostMs ?? Number.NaN)} ms (histogram bucket edges)`,
    );
  }
  if (issue.serverCommits) {
    const c = issue.serverCommits;
    out(
      `  of which the commit (from /metrics): ${c.count} commits, mean ${f2(c.meanMs ?? Number.NaN)} ms, p50 ≤ ${f2(c.p50AtMostMs ?? Number.NaN)} ms, p99 ≤ ${f2(c.p99AtMostMs ?? Number.NaN)} ms`,
    );
  }
  if (issue.serverSyncs) {
    const c = issue.serverSyncs;
    out(
      `  and the WAL's group-commit sync (from /metrics): ${c.count} syncs, mean ${f2(c.meanMs ?? Number.NaN)} ms, p50 ≤ ${f2(c.p50AtMostMs ?? Number.NaN)} ms, p99 ≤ ${f2(c.p99AtMostMs ?? Number.NaN)} ms`,
    );
  }
  out(
    `TLS: issue round trip p50 ${f2(issueTls.latencyMs.p50)} ms over HTTPS against ${f2(issue.latencyMs.p50)} ms over HTTP (p99 ${f2(issueTls.latencyMs.p99)} against ${f2(issue.latencyMs.p99)}); the first request with its TLS handshake ${f2(issueTls.controls.firstRequestWithHandshakeMs)} ms`,
  );
  out();
  out('throughput');
  out(`  ${load.kiosks} concurrent kiosks issued ${load.tickets} tickets in ${f2(load.seconds)} s: ${f2(load.ticketsPerSecond)} tickets/s`);
  out(
    `  reference server, ${versus.referenceThroughput.clients} concurrent clients: ${versus.referenceThroughput.requests} requests in ${f2(versus.referenceThroughput.seconds)} s: ${f2(versus.referenceThroughput.requestsPerSecond)} requests/s`,
  );
  out(`  ${fan.clients} display clients connected and received their snapshot in ${f2(fan.connectAllMs)} ms`);
  out();
  out('goals');
  out(tailLine(versus.tailInBlocks));
  out(
    `  issue p99 / reference p99 = ${f2(versus.issueMs.p99)} / ${f2(versus.referenceMs.p99)} = ${f2(referenceP99)}  (goal ≤ ${f2(REFERENCE_P99_GOAL)})  ${referencePass ? 'PASS' : 'MISS'}`,
  );
  out(`  issue p50 / reference p50 = ${f2(versus.issueMs.p50)} / ${f2(versus.referenceMs.p50)} = ${f2(referenceP50)}  (aim ≤ ${f2(REFERENCE_P50_AIM)})`);
  out(
    `  throughput, ${load.kiosks} clients: hall / reference = ${f2(load.ticketsPerSecond)} / ${f2(versus.referenceThroughput.requestsPerSecond)} = ${f2(referenceThroughput)}  (aim ≥ ${f2(REFERENCE_THROUGHPUT_AIM)})`,
  );
  out(
    `  for information (the former anchor), issue p99 (server time) / raw insert p99 = ${f2(issue.serverTimingMs.p99)} / ${f2(raw.latencyMs.p99)} = ${f2(ratio)}  (was ≤ ${f2(ISSUE_RATIO_GOAL)})`,
  );
  out(`  for information, with the HTTP round trip: ${f2(issue.latencyMs.p99)} / ${f2(raw.latencyMs.p99)} = ${f2(clientRatio)}`);
  out(
    `  for information, against the insert after ${raw.gapMs} ms asleep: ${f2(issue.serverTimingMs.p99)} / ${f2(raw.afterIdleMs.p99)} = ${f2(idleRatio)}; after ${raw.gapMs} ms of CPU work: ${f2(issue.serverTimingMs.p99)} / ${f2(raw.afterWorkMs.p99)} = ${f2(workRatio)}`,
  );
  out(`  fan-out delivery p99 = ${f2(fan.deliveryMs.p99)} ms  (goal ≤ ${f2(FANOUT_P99_GOAL_MS)} ms)  ${fanPass ? 'PASS' : 'MISS'}`);

  const finishedAt = new Date();
  const files = writeResults(
    {
      benchmark: 'hall',
      mode: o.quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      options: o,
      machine,
      machineBusyPercent: { before: busyBefore, otherProcessesDuring: othersDuring, stealDuring, after: busyAfter },
      machinePauses: pausesResult(pauses),
      tempDirDisk: disk,
      server: o.inProcess ? 'in-process' : 'child-process',
      units: 'milliseconds unless named otherwise',
      againstReference: versus,
      rawInsert: raw,
      issueLatency: (({ rawInsert: _inRawInsert, ...rest }) => rest)(issue),
      issueLatencyTls: issueTls,
      throughput: load,
      fanOut: fan,
      goals: {
        issueP99OverReferenceP99: {
          value: round(referenceP99),
          goal: REFERENCE_P99_GOAL,
          pass: referencePass,
          measuredAs: 'client round trip, alternating blocks',
        },
        issueP50OverReferenceP50: { value: round(referenceP50), aim: REFERENCE_P50_AIM },
        throughputOverReference: { value: round(referenceThroughput), aim: REFERENCE_THROUGHPUT_AIM },
        issueP99OverRawP99: {
          value: round(ratio),
          formerGoal: ISSUE_RATIO_GOAL,
          pass: ratioPass,
          measuredAs: 'server time (Server-Timing)',
          note: 'for information: the anchor before the reference server',
        },
        issueRoundTripP99OverRawP99: { value: round(clientRatio), note: 'client-side, includes the loopback HTTP round trip' },
        issueP99OverRawAfterIdleP99: { value: round(idleRatio), note: 'for information: each raw insert made after 1 ms asleep' },
        issueP99OverRawAfterWorkP99: {
          value: round(workRatio),
          note: 'for information: each raw insert made after 1 ms of CPU work, as the server commits between requests',
        },
        fanOutDeliveryP99Ms: { value: fan.deliveryMs.p99, goal: FANOUT_P99_GOAL_MS, pass: fanPass },
      },
    },
    startedAt,
  );
  out();
  const noisy = busyAfter > BUSY_WARNING_PERCENT || (othersDuring ?? 0) > BUSY_WARNING_PERCENT;
  out(
    `load      other processes used ${othersDuring === null ? '–' : f2(othersDuring)} % of the CPU during the run${stealDuring === null ? '' : ` (hypervisor steal ${f2(stealDuring)} %)`}; ${f2(busyAfter)} % busy in the second after it${noisy ? '  ⚠ other work was running: the figures are noisy' : ''}`,
  );
  out(`results   ${files.join(', ')}`);
  return 0;
}
