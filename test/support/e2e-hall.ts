/**
 * A hall server for browser tests: the demo hall (open at every hour, started clear of midnight:
 * midnight-guard.ts) on 127.0.0.1 over HTTPS and WSS with the test process's hall CA (test-tls.ts;
 * Chromium pins it, chromium.ts), serving the built renderer apps, with a temp SQLite file that
 * survives restart() (same port, same database), so a test can stop the server and check that
 * every screen recovers by itself.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { HallConfig } from '../../electron/common/hall-config.ts';
import { createHallServer, type HallServer, type HallServerOptions } from '../../electron/server/hall-server.ts';
import { createRootLogger } from '../../electron/server/logger.ts';
import { hashPin } from '../../electron/server/secrets.ts';
import { AccessStore, type DeviceRole, type StaffRole } from '../../electron/store/access-store.ts';
import { demoLogoFor, HARNESS_ISSUE_LIMITS, openDemoHall, tempDir } from './hall-server.ts';
import { waitClearOfMidnight } from './midnight-guard.ts';
import { testHallTls } from './test-tls.ts';

export interface E2eHall {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  /** The hall CA's fingerprint a terminal pins (device hosts take it as hallCaFingerprint). */
  readonly caFingerprint: string;
  readonly config: HallConfig;
  server(): HallServer;
  /** Enrols a device and returns its token; `name` is what screens show of it (default "<role> test"). */
  device(role: DeviceRole, counterId?: string | null, name?: string): string;
  pairingCode(role: DeviceRole, counterId?: string | null, name?: string): string;
  /** Adds an officer allowed at the counter; returns the username (PIN 123456). */
  officer(counterId: string, displayName?: string): string;
  /** Adds a supervisor with `username` (PIN SUPERVISOR_PIN), for the dashboard's administration page. */
  supervisor(username: string, displayName: string): void;
  /** Stops the server (clients see the connection drop). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same database. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export const OFFICER_PIN = '123456';
/** The PIN of the supervisors `supervisor()` adds. */
export const SUPERVISOR_PIN = '246810';

export interface E2eHallOptions {
  /** Runs on the database file before the server first opens it (e.g. a history import). */
  readonly seed?: (dbPath: string, config: HallConfig) => void | Promise<void>;
  /** Server options read at every start (e.g. a CSCA trust store known only once the terminals run). */
  readonly server?: () => Pick<HallServerOptions, 'cardTrustStore'>;
  /** The hall's clock (default the real one): a journey moves it ahead to make waits long without waiting. */
  readonly clock?: () => number;
  /** The port to listen on (a test that must know its address before the start, e.g. for publicBaseUrl); 0 by default. */
  readonly port?: number;
}

/** A port free on 127.0.0.1 now (the system's pick for port 0), for a server started right after. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startE2eHall(staticDir: string, config: HallConfig = openDemoHall(), options: E2eHallOptions = {}): Promise<E2eHall> {
  await waitClearOfMidnight(config.schedule.timeZone);
  const tmp = tempDir('hall-e2e-');
  const dbPath = join(tmp.dir, 'hall.db');
  try {
    await options.seed?.(dbPath, config);
  } catch (error) {
    tmp.cleanup();
    throw error;
  }
  let port = options.port ?? 0;
  let current: HallServer | null = null;
  const tls = await testHallTls();
  const open = async () => {
    // The browser journeys issue tickets faster than people do: the harness's issue limit (hall-server.ts).
    const server = createHallServer({
      dbPath,
      config,
      staticDir,
      log: createRootLogger('silent'),
      tls,
      logoPng: demoLogoFor(config),
      limits: { issue: HARNESS_ISSUE_LIMITS },
      ...(options.clock ? { clock: options.clock } : {}),
      ...options.server?.(),
    });
    await server.listen(port, '127.0.0.1');
    port = (server.http.address() as AddressInfo).port;
    current = server;
  };
  await open();
  const server = () => {
    if (!current) throw new Error('hall server is stopped');
    return current;
  };
  const addStaff = (username: string, displayName: string, role: StaffRole, pin: string, counterIds: string[]): void => {
    new AccessStore(server().db).addStaff({ id: randomUUID(), username, displayName, role, pinHash: hashPin(pin), counterIds, now: Date.now() });
  };
  return {
    url: `https://127.0.0.1:${port}`,
    caFingerprint: tls.caFingerprint,
    config,
    server,
    device: (role, counterId = null, name = `${role} test`) => server().access.createEnrolledDevice({ id: randomUUID(), role, name, counterId, validDays: 1 }),
    pairingCode: (role, counterId = null, name = `${role} test`) =>
      server().access.createPairing({ id: randomUUID(), role, name, counterId, validMinutes: 15 }),
    officer(counterId, displayName = 'Nguyễn Thị Lan') {
      const username = `officer-${randomUUID().slice(0, 8)}`;
      addStaff(username, displayName, 'officer', OFFICER_PIN, [counterId]);
      return username;
    },
    supervisor(username, displayName) {
      addStaff(username, displayName, 'supervisor', SUPERVISOR_PIN, []);
    },
    async stop() {
      const s = current;
      current = null;
      await s?.close();
    },
    start: open,
    async close() {
      await current?.close();
      current = null;
      tmp.cleanup();
    },
  };
}
