/**
 * Test harness for the hall server: a real server on 127.0.0.1 port 0 with a temp SQLite file,
 * enrolled devices and logged-in officers, and a tiny JSON client. Also starts the server as a
 * child process (`npm run hall` entry) for crash tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HallConfig } from '../../electron/common/hall-config.ts';
import { AccessStore, type DeviceRole, type StaffRole } from '../../electron/store/access-store.ts';
import { createHallServer, type HallServer, type HallServerOptions } from '../../electron/server/hall-server.ts';
import { hashPin } from '../../electron/server/secrets.ts';
import type { LiveKpiOptions } from '../../electron/server/live-kpis.ts';
import type { ProvincialSyncOptions } from '../../electron/server/sync/provincial-sync.ts';
import { createRootLogger } from '../../electron/server/logger.ts';
import { loadSite, readSiteLogo, withOpenAllHours } from '../../kiosk-config/load-site.ts';
import { HALL_SERVER_ARGS } from '../../scripts/hall-process.ts';
import { testFetch } from './test-tls.ts';

export const DEMO_SITE = 'kiosk-config/sites/demo-hall';

/**
 * The ticket issue limit the harnesses opt in to: tests and benchmarks issue tickets from one
 * device far faster than a person at a kiosk can (hall-limits.ts keeps the real limit). A test of
 * the limit itself passes `server.limits.issue` (e.g. DEFAULT_ISSUE_LIMITS), which wins.
 */
export const HARNESS_ISSUE_LIMITS = { burst: 1_000_000, refillMs: 1 } as const;
/** The same for a server started as a process (`serve --issue-limit BURST:REFILL_MS`). */
export const HARNESS_ISSUE_LIMIT_ARGS: readonly string[] = ['--issue-limit', `${HARNESS_ISSUE_LIMITS.burst}:${HARNESS_ISSUE_LIMITS.refillMs}`];

export function tempDir(prefix = 'hall-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The demo site's logo, for a test hall whose config names one (the demo hall's does). */
export function demoLogoFor(config: HallConfig): Uint8Array | null {
  return config.hall.brand.logo === null ? null : readSiteLogo(DEMO_SITE, config);
}

/** The demo hall, open every hour of every day (tests run on the real clock at any time). */
export function openDemoHall(): HallConfig {
  return withOpenAllHours(loadSite(DEMO_SITE));
}

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly json: T;
  readonly headers: Headers;
}

export async function api<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; session?: string; body?: unknown; rawBody?: string; contentType?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.session) headers['x-staff-session'] = options.session;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await testFetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

export interface TestHall {
  readonly url: string;
  readonly server: HallServer;
  readonly config: HallConfig;
  readonly dbPath: string;
  /** Enrols a device directly and returns its token. */
  device(role: DeviceRole, counterId?: string | null, validDays?: number): string;
  /** Adds a staff member and logs them in on a counter device; returns both secrets. */
  officerAt(counterId: string, role?: StaffRole): Promise<{ token: string; session: string }>;
  close(): Promise<void>;
}

/**
 * `provincial`: the provincial sync's options; by default an empty environment, so the demo hall's
 * provincial section has no secret and nothing is ever sent (tests that want a sender pass one).
 */
export async function startTestHall(
  options: {
    config?: HallConfig;
    clock?: () => number;
    dbPath?: string;
    live?: LiveKpiOptions;
    provincial?: ProvincialSyncOptions;
    server?: Pick<
      HallServerOptions,
      | 'hallKey'
      | 'staticDir'
      | 'onDossierSubmitted'
      | 'purgeTimerMs'
      | 'dayTimerMs'
      | 'timers'
      | 'limits'
      | 'log'
      | 'provinceHub'
      | 'cardTrustStore'
      | 'tls'
      | 'groupCommit'
      | 'logoPng'
    >;
  } = {},
): Promise<TestHall> {
  const tmp = options.dbPath ? null : tempDir();
  const dbPath = options.dbPath ?? join(tmp?.dir ?? '.', 'hall.db');
  const config = options.config ?? openDemoHall();
  const server = createHallServer({
    dbPath,
    config,
    clock: options.clock,
    log: createRootLogger('silent'),
    live: options.live,
    provincial: options.provincial ?? { env: {} },
    logoPng: demoLogoFor(config),
    ...options.server,
    limits: { issue: HARNESS_ISSUE_LIMITS, ...options.server?.limits },
  });
  const url = await server.listen(0, '127.0.0.1');
  const store = new AccessStore(server.db);
  const device = (role: DeviceRole, counterId: string | null = null, validDays = 30): string =>
    server.access.createEnrolledDevice({ id: randomUUID(), role, name: `${role} ${counterId ?? ''}`.trim(), counterId, validDays });
  return {
    url,
    server,
    config,
    dbPath,
    device,
    async officerAt(counterId, role = 'officer') {
      const token = device('counter', counterId);
      const username = `officer-${randomUUID().slice(0, 8)}`;
      store.addStaff({
        id: randomUUID(),
        username,
        displayName: 'Cán bộ kiểm thử',
        role,
        pinHash: hashPin('123456'),
        counterIds: [counterId],
        now: Date.now(),
      });
      const login = await api(url, 'POST', '/api/v1/sessions', { token, body: { username, pin: '123456' } });
      if (login.status !== 201) throw new Error(`login failed: ${JSON.stringify(login.json)}`);
      return { token, session: login.json.sessionToken as string };
    },
    async close() {
      await server.close();
      tmp?.cleanup();
    },
  };
}

export interface HallProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `scripts/hall.ts serve` as a child process, with the V8 flags of `npm run hall`, and waits
 * for its "listening on" line, with the harness's issue limit (HARNESS_ISSUE_LIMIT_ARGS). `extra.args` are added to the command line and `extra.env` to the
 * environment; the provincial secret of the environment is passed only through `extra.env`.
 */
export function startHallProcess(
  dbPath: string,
  site = DEMO_SITE,
  extra: { args?: readonly string[]; env?: Record<string, string> } = {},
): Promise<HallProcess> {
  const { PROVINCIAL_TOKEN: _notPassed, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [
      ...HALL_SERVER_ARGS,
      '--db',
      dbPath,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--site',
      site,
      '--open-all-hours',
      ...HARNESS_ISSUE_LIMIT_ARGS,
      ...(extra.args ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, HALL_LOG_LEVEL: 'warn', ...extra.env },
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started server behind
      reject(new Error(`hall server did not start within 20 s: ${err}`));
    }, 20_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /hall server listening on (https?:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], child, exited });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hall server exited early (${code}): ${err}`));
    });
  });
}
