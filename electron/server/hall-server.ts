/**
 * Composition root of the hall server: database, engine service, access control, routes,
 * WebSocket stream, metrics, static renderer files and the end-of-day timer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError, ERROR_CODES, isDomainError } from '../common/errors.ts';
import type { HallConfig } from '../common/hall-config.ts';
import { AccessStore } from '../store/access-store.ts';
import { KpiQueries } from '../store/kpi-queries.ts';
import { openHallDatabase, type HallDatabase } from '../store/open-database.ts';
import { QueueStore } from '../store/queue-store.ts';
import { Access, type SecurityEvent } from './access.ts';
import { loginLockedAlert } from '../core/alerts.ts';
import { HallService } from './hall-service.ts';
import { uuidv7 } from './ids.ts';
import { IDEMPOTENCY_HEADER, IdempotencyGate, REPLAYED_HEADER, type IdempotencyOptions } from './idempotency-gate.ts';
import { IdempotencyStore } from '../store/idempotency-store.ts';
import { parseBody, readBody, readRawBody } from './http/body.ts';
import { Router, type Route, type RouteResult } from './http/route.ts';
import { createRootLogger, type Logger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { openApiDocument } from './openapi.ts';
import { counterRoutes } from './routes/counter-routes.ts';
import { deviceHealthRoutes } from './routes/device-health-routes.ts';
import { DeviceHealthBoard } from './device-health-board.ts';
import { hallRoutes } from './routes/hall-routes.ts';
import { kpiRoutes } from './routes/kpi-routes.ts';
import { ratingRoutes } from './routes/rating-routes.ts';
import { ticketRoutes } from './routes/ticket-routes.ts';
import { serveStatic } from './static-files.ts';
import { StreamHub } from './stream-hub.ts';
import { LiveKpis, type LiveKpiOptions } from './live-kpis.ts';
import { liveRoutes } from './routes/live-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { appointmentRoutes } from './routes/appointment-routes.ts';
import { dossierStatusRoutes } from './routes/dossier-status-routes.ts';
import { outboxRoutes } from './routes/outbox-routes.ts';
import { ProvincialSync, type ProvincialSyncOptions } from './sync/provincial-sync.ts';
import { dossierDelivery, enqueueSubmittedDossier } from './sync/dossier-delivery.ts';
import { DossierStore } from '../store/dossier-store.ts';
import type { DossierView } from '../common/dossier-wire.ts';
import { AesGcmSealer, loadHallKey } from './dossier-crypto.ts';
import { DossierService } from './dossier-service.ts';
import { DossierReception, outcomeView } from './dossier-reception.ts';
import { OutcomeStore } from '../store/outcome-store.ts';
import { dossierRoutes } from './routes/dossier-routes.ts';
import { hallLimits, type HallLimitOverrides } from './hall-limits.ts';
import { PdfChecker } from './pdf-checker.ts';
import { HallKeys } from './hall-keys.ts';
import { hmacChainSealer } from '../store/event-log.ts';
import { EventLogShipper } from './sync/event-log-shipper.ts';
import { httpHubTransport } from './sync/hub-transport.ts';
import { PersonHashRetention } from '../store/person-hash-retention.ts';
import { businessDateOf } from '../core/business-time.ts';
import { periodReportRoutes } from './routes/period-report-routes.ts';
import { ReportQueries, staffNames } from '../store/report-queries.ts';
import { KpiRollups } from '../store/kpi-rollups.ts';

export interface HallServerOptions {
  readonly dbPath: string;
  readonly config: HallConfig;
  /** Folder of built renderer apps to serve at /; none when omitted. */
  readonly staticDir?: string | null;
  readonly clock?: () => number;
  readonly log?: Logger;
  readonly deviceTokenDays?: number;
  readonly staffSessionHours?: number;
  /** How often to check for end-of-day closing. */
  readonly dayTimerMs?: number;
  /** Live KPI push throttle and alert timers (tests shorten them). */
  readonly live?: LiveKpiOptions;
  /** The provincial one-stop system: secret source, base URL override, timers (sync/provincial-sync.ts). */
  readonly provincial?: ProvincialSyncOptions;
  /**
   * The 32-byte hall data key sealing dossiers' personal data; by default HALL_DATA_KEY or the file
   * `<dbPath>.key` (dossier-crypto.ts).
   */
  readonly hallKey?: Uint8Array;
  /**
   * The province hub the event log is delivered to: overrides the configuration's `provinceHub`
   * (tests and `npm start -- --province` pass the URL and the credential directly).
   */
  readonly provinceHub?: { readonly baseUrl: string; readonly token: string; readonly batchSize?: number; readonly pollMs?: number; readonly heartbeatMs?: number };
  /** How often to delete personal data whose retention ended (also done at start). */
  readonly purgeTimerMs?: number;
  /** Idempotency-Key retention (idempotency-gate.ts). */
  readonly idempotency?: IdempotencyOptions;
  /** Runs inside each dossier's submit transaction (the outbox enqueues there). */
  readonly onDossierSubmitted?: (dossier: DossierView, tx: HallDatabase) => void;
  /** Limits on hostile input (hall-limits.ts); defaults when omitted. */
  readonly limits?: HallLimitOverrides;
}

export interface HallServer {
  readonly http: Server;
  readonly db: HallDatabase;
  readonly hall: HallService;
  readonly access: Access;
  readonly dossiers: DossierService;
  readonly routes: readonly Route[];
  readonly provincial: ProvincialSync;
  /** The event log's delivery to the province hub; null when no hub is configured. */
  readonly provinceHub: EventLogShipper | null;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'access-control-allow-origin': '*',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (status === 204 || body === null) {
    res.writeHead(status, { ...SECURITY_HEADERS, ...extraHeaders }).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendFile(res: ServerResponse, status: number, file: NonNullable<RouteResult['file']>, extraHeaders: Record<string, string>): void {
  const bytes = typeof file.bytes === 'string' ? Buffer.from(file.bytes, 'utf8') : file.bytes;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'content-type': file.contentType,
    'content-length': bytes.byteLength,
    'content-disposition': `attachment; filename="${file.fileName}"`,
  });
  res.end(bytes);
}

/** Server-Timing (W3C): the server's own handling time, from the request's arrival to its answer. */
function serverTiming(started: bigint): Record<string, string> {
  return { 'server-timing': `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(3)}` };
}

/** How long a connection whose request body was left unread stays open after the answer. */
const UNREAD_BODY_LINGER_MS = 2_000;

/**
 * Closing a socket that still has unread request bytes makes the kernel answer with a reset, and a
 * client still uploading may then lose the answer it was sent (a 413 it never sees). So after the
 * answer only our side is closed (FIN): the client reads the answer and the end of the stream while
 * its upload stays blocked (nothing more is read), and the socket is destroyed a little later.
 * Node would destroy it right away for `Connection: close` (socket.destroySoon); this socket's
 * destroySoon is replaced for that reason.
 */
function lingerThenClose(req: IncomingMessage): void {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), UNREAD_BODY_LINGER_MS).unref();
  };
}

/** The province hub's shipper from the options or the configuration (its token from the environment), or null. */
function createShipper(options: HallServerOptions, db: HallDatabase, log: Logger): EventLogShipper | null {
  const configured = options.config.provinceHub;
  const token = options.provinceHub?.token ?? (configured ? process.env[configured.tokenEnv] : undefined);
  const baseUrl = options.provinceHub?.baseUrl ?? configured?.baseUrl;
  if (!baseUrl) return null;
  if (!token) {
    log.warn({ tokenEnv: configured?.tokenEnv }, 'province hub configured without its credential in the environment; the event log is not delivered');
    return null;
  }
  const c = options.config;
  return new EventLogShipper({
    db,
    transport: httpHubTransport({ baseUrl, token, timeoutMs: configured?.timeoutMs ?? 10_000 }),
    hall: {
      id: c.hall.id, name: c.hall.name.vi, district: configured?.district ?? null, level: c.targets.level, timeZone: c.schedule.timeZone,
      targets: { waitMinutes: c.targets.waitMinutes, serviceMinutes: c.targets.serviceMinutes, satisfactionPct: c.targets.satisfactionPct },
    },
    batchSize: options.provinceHub?.batchSize ?? configured?.batchSize ?? 500,
    log,
    ...(options.provinceHub?.pollMs === undefined ? {} : { pollMs: options.provinceHub.pollMs }),
    ...(options.provinceHub?.heartbeatMs === undefined ? {} : { heartbeatMs: options.provinceHub.heartbeatMs }),
  });
}

/** The log holds events whose digests were keyed from the hall data key: the key must exist. */
function hasKeyedEvents(db: HallDatabase): boolean {
  const format = db.prepare("SELECT value FROM hall_meta WHERE key = 'event_chain_format'").pluck().get();
  return format !== undefined && format !== '1' && db.prepare("SELECT 1 FROM events WHERE type = 'ticket.issued' LIMIT 1").get() !== undefined;
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1] ?? null;
}

export function createHallServer(options: HallServerOptions): HallServer {
  const log = options.log ?? createRootLogger();
  const clock = options.clock ?? Date.now;
  const db = openHallDatabase(options.dbPath);
  const accessStore = new AccessStore(db);
  const limits = hallLimits(options.limits);
  const access = new Access(accessStore, clock, { login: limits.login, onSecurityEvent: (e) => onSecurityEvent(e) });
  const metrics = new Metrics();
  // The daily KPI rollups: rebuilt here when the hall's targets changed since they were counted.
  const rollups = new KpiRollups(db, options.config.targets);
  if (rollups.ensure()) log.info({ targets: rollups.targets }, 'daily KPI rollups rebuilt');
  let dossierStore: DossierStore;
  let hallKeys: HallKeys;
  try {
    let hallKey = options.hallKey;
    if (hallKey === undefined) {
      const loaded = loadHallKey({ dbPath: options.dbPath, env: process.env, mustExist: DossierStore.hasSealedData(db) || hasKeyedEvents(db) });
      if (loaded.created) log.warn({ path: loaded.path }, 'created the hall data key; back it up apart from the database');
      hallKey = loaded.key;
    }
    dossierStore = new DossierStore(db, new AesGcmSealer(hallKey));
    hallKeys = new HallKeys(hallKey);
  } catch (error) {
    db.close(); // a key problem stops the start: nothing may run without the dossiers' key
    throw error;
  }
  const hall = new HallService({
    config: options.config,
    store: new QueueStore(db, hmacChainSealer(hallKeys.key('eventChainDigest')), rollups),
    clock,
    newId: () => uuidv7(clock()),
    onBackgroundError: (error, task) => log.error({ err: error instanceof Error ? error.message : String(error), task }, `${task} failed`),
    onCommit: (seconds) => metrics.observeCommit(seconds),
  });
  const deps = {
    hall,
    access,
    personKey: hallKeys.key('personHash'),
    deviceTokenDays: options.deviceTokenDays ?? 365,
    staffSessionHours: options.staffSessionHours ?? 12,
    kpis: new KpiQueries(db, () => hall.flushProjections(), rollups),
    dossierCodeOf: (ticketId: string): string | null => dossiers.codeOfTicket(ticketId),
  };
  const pdfChecker = new PdfChecker(limits.pdf);
  const outcomes = new OutcomeStore(db);
  const dossiers = new DossierService({
    store: dossierStore,
    outcomeOf: (dossierId) => outcomeView(outcomes.latest(dossierId)),
    checkPaper: (bytes) => pdfChecker.check(bytes),
    hall,
    clock,
    newId: () => uuidv7(clock()),
    personKey: deps.personKey,
    onSubmitted: (dossier, tx) => {
      // The provincial copy is queued in the submit transaction; the sender is woken once it commits.
      enqueueSubmittedDossier(tx, options.config.hall.id, dossier, clock());
      options.onDossierSubmitted?.(dossier, tx);
      setImmediate(() => provincial.worker?.nudge());
    },
  });
  const reception = new DossierReception({ dossiers, store: dossierStore, outcomes, hall, clock });
  const stream = new StreamHub(hall, access, log.child({ module: 'stream' }));
  const deviceBoard = new DeviceHealthBoard(clock);
  const live = new LiveKpis(hall, deps.kpis, stream, log.child({ module: 'live-kpis' }), {
    ...options.live,
    devices: () => deviceBoard.view(access.devices()).terminals.map((t) => ({ deviceId: t.deviceId, name: t.name, counterId: t.counterId, devices: t.devices })),
  });
  const securityLog = log.child({ module: 'access' });
  /** Failed logins and pairings are logged (ids and counts, never a PIN, code or username); lockouts alert the dashboard. */
  function onSecurityEvent(e: SecurityEvent): void {
    if (e.kind === 'login_locked') {
      securityLog.warn({ subject: e.subject, deviceId: e.device.id, staffId: e.staff?.id ?? null, until: e.until }, 'staff logins locked after repeated wrong PINs');
      const policy = e.subject === 'account' ? limits.login.account : limits.login.device;
      live.raiseUntil(loginLockedAlert(e, policy.maxFailures, clock(), e.until, options.config.schedule.timeZone), e.until);
    } else if (e.kind === 'login_failed') {
      securityLog.warn({ deviceId: e.deviceId, staffId: e.staffId, failures: e.failures }, 'staff login failed');
    } else if (e.kind === 'login_refused') {
      securityLog.warn({ deviceId: e.deviceId, staffId: e.staffId, reason: e.reason }, 'staff login refused before the PIN was checked');
    } else {
      securityLog.warn({ reason: e.reason }, 'device pairing failed');
    }
  }
  const delivery = dossierDelivery(dossiers);
  // A delivery recorded before a crash but whose dossier was not marked synced (older releases
  // marked the two in separate transactions): completed now, before the sender starts.
  const repaired = delivery.repair?.() ?? 0;
  if (repaired > 0) log.warn({ repaired }, 'marked synced the dossiers whose delivery was recorded without it');
  const provincial = new ProvincialSync({
    db, config: options.config, kpis: deps.kpis, personKey: deps.personKey, clock, newId: () => uuidv7(clock()),
    log: log.child({ module: 'provincial' }), options: options.provincial, delivery,
  });
  const provinceHub = createShipper(options, db, log.child({ module: 'province-hub' }));
  if (provinceHub) {
    hall.onEvents(() => provinceHub.nudge());
    provinceHub.start();
  }
  const routes = [
    ...ticketRoutes(deps), ...counterRoutes(deps), ...hallRoutes(deps), ...kpiRoutes(deps), ...ratingRoutes(deps),
    ...liveRoutes(live), ...reportRoutes(deps), ...dossierRoutes(deps, dossiers, reception),
    ...outboxRoutes(provincial), ...dossierStatusRoutes(provincial), ...appointmentRoutes(deps, provincial),
    ...deviceHealthRoutes(deviceBoard, access),
    ...periodReportRoutes(deps, new ReportQueries(db, () => hall.flushProjections(), rollups), () => staffNames(db)),
  ];
  const router = new Router(routes);
  const idempotency = new IdempotencyGate(new IdempotencyStore(db), clock, options.idempotency);
  const openapi = JSON.stringify(openApiDocument(routes, options.config.hall.name.en));

  const closedOnStart = hall.closeDayIfDue();
  if (closedOnStart > 0) log.info({ events: closedOnStart }, 'closed the previous business day at start');
  const dayTimer = setInterval(() => {
    try {
      hall.closeDayIfDue();
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'end-of-day closing failed; will retry');
    }
  }, options.dayTimerMs ?? 30_000);
  dayTimer.unref();

  const personHashes = new PersonHashRetention(db);
  const purge = (when: string): void => {
    try {
      const purged = dossiers.purgeDue();
      if (purged > 0) log.info({ purgedCount: purged }, `retention purge removed sealed dossier fields (${when})`);
      hall.flushProjections(); // a pending projection row must not write a hash back afterwards
      const now = clock();
      const dropped = personHashes.dropExpired(businessDateOf(now, options.config.schedule.timeZone), now);
      if (dropped.tickets + dropped.appointments > 0) log.info(dropped, `retention purge cleared person hashes (${when})`);
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'dossier retention purge failed; will retry');
    }
  };
  purge('at start');
  const forgetKeys = (): void => {
    try {
      idempotency.purge();
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'idempotency key purge failed; will retry');
    }
  };
  forgetKeys();
  const purgeTimer = setInterval(() => {
    purge('timer');
    forgetKeys();
  }, options.purgeTimerMs ?? 600_000);
  purgeTimer.unref();

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const started = process.hrtime.bigint();
    let operation = 'unmatched';
    let status = 500;
    let rawRoute = false;
    // A raw-body route answered before its body was read (refused, or over the limit): the rest of
    // the body is not read; the connection closes after the answer instead.
    const closeIfUnread = (): Record<string, string> => {
      if (!rawRoute || req.complete) return {};
      lingerThenClose(req);
      return { connection: 'close' };
    };
    try {
      const matched = router.match(req.method ?? 'GET', url.pathname);
      if (matched === null) throw new DomainError('NOT_FOUND', { path: url.pathname });
      if (matched === 'method') throw new DomainError('METHOD_NOT_ALLOWED', { method: req.method });
      const { route: r, params } = matched;
      operation = r.operationId;
      rawRoute = r.rawBody !== undefined;
      const raw = req.method === 'GET' || rawRoute ? Buffer.alloc(0) : await readBody(req);
      // Authenticate before reading the body's meaning: a wrong role learns nothing about validation.
      const sessionHeader = req.headers['x-staff-session'];
      const sessionToken = typeof sessionHeader === 'string' ? sessionHeader : null;
      const caller = access.authorize(r.access, bearer(req), sessionToken, params.counterId ?? null);
      const body = r.body ? parseBody(raw, req.headers['content-type'], r.body) : undefined;
      const readRaw = (): Promise<Buffer> => {
        if (!r.rawBody) throw new Error(`route ${r.operationId} declares no raw body`);
        return readRawBody(req, r.rawBody.limit);
      };
      // A retry of an answered state-changing call gets the first answer; the handler does not run again.
      const gate = rawRoute ? null : idempotency.begin({ method: r.method, path: url.pathname, deviceId: caller.device?.id ?? null, header: req.headers[IDEMPOTENCY_HEADER], body: raw });
      if (gate?.kind === 'replay') {
        status = gate.status;
        sendJson(res, gate.status, gate.body, { ...serverTiming(started), [REPLAYED_HEADER]: 'true' });
        return;
      }
      let result: RouteResult;
      try {
        // Every event the request causes records its device and staff member (HallService.actingAs).
        const actor = { deviceId: caller.device?.id ?? null, staffId: caller.staff?.id ?? null };
        result = await hall.actingAs(actor, () => r.handler({ params, body, caller, sessionToken, query: url.searchParams, headers: req.headers, readRawBody: readRaw }));
      } catch (error) {
        gate?.abandon();
        throw error;
      }
      gate?.finish(result.status, result.file ? null : result.body);
      status = result.status;
      if (result.file) sendFile(res, result.status, result.file, { ...serverTiming(started), ...closeIfUnread() });
      else sendJson(res, result.status, result.body, { ...serverTiming(started), ...closeIfUnread() });
    } catch (error) {
      const domain = isDomainError(error) ? error : null;
      if (!domain) log.error({ err: error instanceof Error ? error.stack : String(error), operation }, 'request failed');
      else if (domain.code === 'INTERNAL') log.error({ operation }, 'request failed');
      const e = domain ?? new DomainError('INTERNAL');
      status = ERROR_CODES[e.code].http;
      if (!res.headersSent) sendJson(res, status, e.toBody(), { ...serverTiming(started), ...closeIfUnread() });
    } finally {
      metrics.observe(operation, status, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hall.local');
    } catch {
      sendJson(res, 404, new DomainError('NOT_FOUND', { reason: 'malformed URL' }).toBody());
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...SECURITY_HEADERS,
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': 'authorization, content-type, idempotency-key, x-staff-session, x-paper-sha256, x-paper-pages, x-paper-dpi, x-paper-ocr-confidence',
        'access-control-max-age': '600',
      }).end();
      return;
    }
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok', seq: hall.lastSeq, businessDate: hall.state.businessDate, time: clock() });
      return;
    }
    if (url.pathname === '/metrics') {
      const text = metrics.render(hall, stream.clientCount);
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text);
      return;
    }
    if (url.pathname === '/api/v1/openapi.json') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' }).end(openapi);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      void handleApi(req, res, url);
      return;
    }
    if (options.staticDir && serveStatic(options.staticDir, req, res, url.pathname)) return;
    sendJson(res, 404, new DomainError('NOT_FOUND', { path: url.pathname }).toBody());
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/api/v1/stream') stream.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;

  return {
    http: server,
    db,
    hall,
    access,
    dossiers,
    routes,
    provincial,
    provinceHub,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve(`http://${shownHost}:${addr.port}`);
        });
      });
    },
    async close() {
      clearInterval(dayTimer);
      await provinceHub?.stop();
      await provincial.close();
      clearInterval(purgeTimer);
      live.close();
      stream.close();
      await pdfChecker.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      hall.flushProjections();
      db.close();
    },
  };
}
