/**
 * Composition root of the hall server: opens the database, constructs the stores and services,
 * registers the routes, WebSocket stream, metrics and static renderer files, and starts the
 * scheduled jobs (scheduled-jobs.ts). Wiring only: the rules live in core/, the jobs in one module.
 */
import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HallConfig } from '../common/hall-config.ts';
import { AccessStore } from '../store/access-store.ts';
import { KpiQueries } from '../store/kpi-queries.ts';
import { IdleCheckpoints } from '../store/idle-checkpoints.ts';
import { openHallDatabase, type HallDatabase } from '../store/open-database.ts';
import { QueueStore } from '../store/queue-store.ts';
import { Access } from './access.ts';
import { IssueLimiter } from './device-flooding.ts';
import { SecurityAlerts } from './security-alerts.ts';
import { HallService } from './hall-service.ts';
import { idsFrom } from './ids.ts';
import { IdempotencyGate, type IdempotencyOptions } from './idempotency-gate.ts';
import { youngGenerationCollection } from './idle-collector.ts';
import { startIdleWork } from './idle-work.ts';
import { IdempotencyStore } from '../store/idempotency-store.ts';
import { createHttpApp } from './http/http-app.ts';
import type { Route } from './http/route.ts';
import { createRootLogger, type Logger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { counterRoutes } from './routes/counter-routes.ts';
import { deviceHealthRoutes } from './routes/device-health-routes.ts';
import { DeviceHealthBoard } from './device-health-board.ts';
import { hallRoutes } from './routes/hall-routes.ts';
import { kpiRoutes } from './routes/kpi-routes.ts';
import { ratingRoutes } from './routes/rating-routes.ts';
import { ticketRoutes } from './routes/ticket-routes.ts';
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
import { AesGcmSealer, hallKeyFor } from './dossier-crypto.ts';
import { DossierService } from './dossier-service.ts';
import { DossierReception, outcomeView } from './dossier-reception.ts';
import { OutcomeStore } from '../store/outcome-store.ts';
import { dossierRoutes } from './routes/dossier-routes.ts';
import { hallLimits, type HallLimitOverrides } from './hall-limits.ts';
import { PdfChecker } from './pdf-checker.ts';
import { HallKeys } from './hall-keys.ts';
import type { HallTls } from './hall-tls.ts';
import { checkPlainHttp, PlainHttpRefusedError } from './tls-transport.ts';
import { hmacChainSealer } from '../store/event-log.ts';
import type { EventLogShipper } from './sync/event-log-shipper.ts';
import { provinceHubShipper, type ProvinceHubConnection } from './sync/province-hub-shipper.ts';
import { logAnchor } from './sync/log-anchor.ts';
import { PersonHashRetention } from '../store/person-hash-retention.ts';
import { periodReportRoutes } from './routes/period-report-routes.ts';
import { ChipVerifier } from './chip-check.ts';
import { PriorityQueries } from '../store/priority-queries.ts';
import { createHash, type X509Certificate } from 'node:crypto';
import { ReportQueries, staffNames } from '../store/report-queries.ts';
import { KpiRollups } from '../store/kpi-rollups.ts';
import { TicketLinkStore } from '../store/ticket-link-store.ts';
import { TicketLinks } from './ticket-links.ts';
import { PublicTicketFeed } from './public-ticket-feed.ts';
import { publicTicketRoutes } from './routes/public-ticket-routes.ts';
import { hallJobs, nodeTimers, ScheduledJobs, type Timers } from './scheduled-jobs.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { Administration } from './administration.ts';

export interface HallServerOptions {
  readonly dbPath: string;
  readonly config: HallConfig;
  /** Folder of built renderer apps to serve at /; none when omitted. */
  readonly staticDir?: string | null;
  readonly clock?: () => number;
  readonly log?: Logger;
  /** Overrides limits.deviceToken.validDays (hall-limits.ts). */
  readonly deviceTokenDays?: number;
  readonly staffSessionHours?: number;
  /**
   * Group commit (default true): commands commit with synchronous=NORMAL and are acknowledged
   * after the WAL's shared fsync (store/wal-sync.ts); false makes every commit fsync inside itself.
   */
  readonly groupCommit?: boolean;
  /** A fatal storage failure (the WAL's fsync failed), after it is logged; default: exit with code 70. */
  readonly onFatal?: (error: unknown) => void;
  /** How often to check for end-of-day closing. */
  readonly dayTimerMs?: number;
  /** Where the scheduled jobs' timers come from (scheduled-jobs.ts): node:timers by default, a fake clock in tests. */
  readonly timers?: Timers;
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
  readonly provinceHub?: ProvinceHubConnection;
  /** How often to delete personal data whose retention ended (also done at start). */
  readonly purgeTimerMs?: number;
  /** Idempotency-Key retention (idempotency-gate.ts). */
  readonly idempotency?: IdempotencyOptions;
  /** Runs inside each dossier's submit transaction (the outbox enqueues there). */
  readonly onDossierSubmitted?: (dossier: DossierView, tx: HallDatabase) => void;
  /** Limits on hostile input (hall-limits.ts); defaults when omitted. */
  readonly limits?: HallLimitOverrides;
  /**
   * CSCA certificates the hall verifies CCCD chips against (`hall serve --csca DIR`): a chip it
   * verified gives the elderly priority; without them every priority is the citizen's declaration.
   */
  readonly cardTrustStore?: readonly X509Certificate[];
  /**
   * The server's TLS material (hall-tls.ts): HTTPS and WSS on the one port. Without it the server
   * speaks plain HTTP, which listen() allows on a loopback address only, unless `insecureHttp`.
   */
  readonly tls?: HallTls | null;
  /** The hall's logo (PNG bytes, checked by the site loader: kiosk-config/load-site.ts readSiteLogo); none when omitted. */
  readonly logoPng?: Uint8Array | null;
  /** Allows plain HTTP on a non-loopback address (`hall serve --insecure-http`); listen() logs a warning. */
  readonly insecureHttp?: boolean;
}

/** Re-exported: callers of listen() catch it from here (tls-transport.ts holds the rule). */
export { PlainHttpRefusedError };

export interface HallServer {
  /** The Fastify instance (inject() in tests); its `server` is the node:http server. */
  readonly app: FastifyInstance;
  readonly http: Server;
  readonly db: HallDatabase;
  readonly hall: HallService;
  readonly access: Access;
  readonly dossiers: DossierService;
  readonly routes: readonly Route[];
  readonly provincial: ProvincialSync;
  /** The event log's delivery to the province hub; null when no hub is configured. */
  readonly provinceHub: EventLogShipper | null;
  /** The TLS material served, or null for plain HTTP. */
  readonly tls: HallTls | null;
  /** Resolves to the server's URL (https:// with TLS); rejects with PlainHttpRefusedError (see HallServerOptions.tls). */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createHallServer(options: HallServerOptions): HallServer {
  const log = options.log ?? createRootLogger();
  const clock = options.clock ?? Date.now;
  const db = openHallDatabase(options.dbPath);
  const accessStore = new AccessStore(db);
  const limits = hallLimits(options.limits);
  // Access and IssueLimiter report refusals here, so it comes first; the dashboard (LiveKpis) and the
  // device list it uses are built later from Access. `live` and `access` are therefore referenced
  // late: raiseUntil and deviceName run only when a request is refused, after this function returned.
  const securityAlerts = new SecurityAlerts({
    log: log.child({ module: 'access' }),
    clock,
    raiseUntil: (alert, until) => live.raiseUntil(alert, until),
    deviceName: (deviceId) => access.devices().find((d) => d.id === deviceId)?.name ?? null,
    login: limits.login,
    timeZone: options.config.schedule.timeZone,
  });
  const access = new Access(accessStore, clock, { login: limits.login, onSecurityEvent: (e) => securityAlerts.onSecurityEvent(e) });
  let stream: StreamHub | null = null;
  const metrics = new Metrics({ hall: { snapshot: () => hall.snapshot() }, streamClients: () => stream?.clientCount ?? 0 });
  // The daily KPI rollups: rebuilt here when the hall's targets changed since they were counted.
  const rollups = new KpiRollups(db, options.config.targets);
  if (rollups.ensure()) log.info({ targets: rollups.targets }, 'daily KPI rollups rebuilt');
  let dossierStore: DossierStore;
  let hallKeys: HallKeys;
  let sealer: AesGcmSealer;
  try {
    const hallKey = hallKeyFor(db, { dbPath: options.dbPath, given: options.hallKey, env: process.env, log });
    sealer = new AesGcmSealer(hallKey);
    dossierStore = new DossierStore(db, sealer);
    hallKeys = new HallKeys(hallKey);
  } catch (error) {
    db.close(); // a key problem stops the start: nothing may run without the dossiers' key
    throw error;
  }
  // A look-up writes pending links first (`hall` is built below; the look-up runs only at request time).
  const ticketLinks = new TicketLinks(hallKeys.key('ticketLink'), new TicketLinkStore(db), options.config.publicBaseUrl ?? null, () => hall.flushProjections());
  const anchorLog = logAnchor(db, options.config.hall.id, hallKeys.key('logCheckpoint'));
  // Group commit: a command's events are durable when the WAL's shared sync completes, and the
  // HTTP layer answers nothing before that (store/wal-sync.ts).
  const queueStore = new QueueStore(db, hmacChainSealer(hallKeys.key('eventChainDigest')), rollups, {
    deferredSync: options.groupCommit ?? true,
    onSync: (seconds) => metrics.observeSync(seconds),
    // Every issued ticket's page link is written with the projection rows (ticket-links.ts).
    projectEvents: (events) => ticketLinks.recordIssued(events),
  });
  // WAL checkpoints wait for an idle moment (store/idle-checkpoints.ts, idle-work.ts below).
  const checkpoints = new IdleCheckpoints(db);
  const hall = new HallService({
    config: options.config,
    // A day close writes the log's keyed checkpoint and queues its copy to the provincial system (log-anchor.ts).
    inCommit: anchorLog,
    store: queueStore,
    clock,
    newId: idsFrom(clock),
    onBackgroundError: (error, task) => log.error({ err: error instanceof Error ? error.message : String(error), task }, `${task} failed`),
    onCommit: (seconds) => {
      metrics.observeCommit(seconds);
      checkpoints.noteCommit();
    },
    onDurabilityFailure: (error) => {
      // What was committed since the last good fsync may be lost; nothing of it was answered or shown.
      log.fatal(
        { err: error instanceof Error ? error.message : String(error) },
        'the event log could not be made durable; stopping (check the disk, then restart)',
      );
      (options.onFatal ?? (() => process.exit(70)))(error);
    },
  });
  const issueLimiter = new IssueLimiter(limits.issue, clock, (e) => securityAlerts.onFlooding(e));
  const deps = {
    hall,
    access,
    issueLimiter,
    personKey: hallKeys.key('personHash'),
    chips: new ChipVerifier(options.cardTrustStore ?? [], (reason) =>
      log.warn({ module: 'chip-check', reason }, 'a chip sent with a ticket did not verify; its priority counts as declared'),
    ),
    deviceTokenDays: options.deviceTokenDays ?? limits.deviceToken.validDays,
    caFingerprint: options.tls?.caFingerprint ?? null,
    logo: options.logoPng ? { png: options.logoPng, version: createHash('sha256').update(options.logoPng).digest('hex').slice(0, 8) } : null,
    staffSessionHours: options.staffSessionHours ?? 12,
    kpis: new KpiQueries(db, () => hall.flushProjections(), rollups),
    priorities: new PriorityQueries(db, () => hall.flushProjections()),
    ticketLinks,
    dossierCodeOf: (ticketId: string): string | null => dossiers.codeOfTicket(ticketId),
  };
  if (!deps.chips.configured) log.info('no CSCA trust store (--csca): chips cannot be verified, every priority counts as declared');
  const pdfChecker = new PdfChecker(limits.pdf);
  const outcomes = new OutcomeStore(db);
  const dossiers = new DossierService({
    store: dossierStore,
    outcomeOf: (dossierId) => outcomeView(outcomes.latest(dossierId)),
    linkOf: (ticketId) => ticketLinks.linkOf(ticketId),
    checkPaper: (bytes) => pdfChecker.check(bytes),
    hall,
    clock,
    newId: idsFrom(clock),
    personKey: deps.personKey,
    draftLimits: limits.drafts,
    admitIssue: (actor) => issueLimiter.admit({ id: actor.deviceId }),
    onFlooding: (e) => securityAlerts.onFlooding(e),
    onSubmitted: (dossier, tx) => {
      // The provincial copy is queued in the submit transaction; the sender is woken once it commits.
      enqueueSubmittedDossier(tx, options.config.hall.id, dossier, clock());
      options.onDossierSubmitted?.(dossier, tx);
      setImmediate(() => provincial.worker?.nudge());
    },
  });
  const reception = new DossierReception({ dossiers, store: dossierStore, outcomes, hall, clock });
  stream = new StreamHub(hall, access, log.child({ module: 'stream' }));
  const publicFeed = new PublicTicketFeed(hall, log.child({ module: 'public-ticket' }), limits.publicFeed);
  const deviceBoard = new DeviceHealthBoard(clock);
  const live = new LiveKpis(hall, deps.kpis, stream, log.child({ module: 'live-kpis' }), {
    ...options.live,
    devices: () =>
      deviceBoard.view(access.devices()).terminals.map((t) => ({ deviceId: t.deviceId, name: t.name, counterId: t.counterId, devices: t.devices })),
  });
  const delivery = dossierDelivery(dossiers);
  // A delivery recorded before a crash but whose dossier was not marked synced (older releases
  // marked the two in separate transactions): completed now, before the sender starts.
  const repaired = delivery.repair?.() ?? 0;
  if (repaired > 0) log.warn({ repaired }, 'marked synced the dossiers whose delivery was recorded without it');
  const provincial = new ProvincialSync({
    db,
    config: options.config,
    kpis: deps.kpis,
    personKey: deps.personKey,
    clock,
    newId: idsFrom(clock),
    log: log.child({ module: 'provincial' }),
    options: options.provincial,
    delivery,
  });
  const provinceHub = provinceHubShipper({
    config: options.config,
    connection: options.provinceHub,
    env: process.env,
    db,
    log: log.child({ module: 'province-hub' }),
  });
  if (provinceHub) {
    hall.onEvents(() => provinceHub.nudge());
    provinceHub.start();
  }
  const routes = [
    ...ticketRoutes(deps),
    ...counterRoutes(deps),
    ...hallRoutes(deps),
    ...kpiRoutes(deps),
    ...ratingRoutes(deps),
    ...liveRoutes(live),
    ...reportRoutes(deps, () => staffNames(db)),
    ...dossierRoutes(deps, dossiers, reception),
    ...outboxRoutes(provincial),
    ...dossierStatusRoutes(provincial),
    ...appointmentRoutes(deps, provincial),
    ...deviceHealthRoutes(deviceBoard, access),
    ...adminRoutes(new Administration({ store: accessStore, access, hall, clock, closeRevokedStreams: () => stream?.recheckDevices() ?? 0 })),
    ...publicTicketRoutes({ links: ticketLinks, feed: publicFeed, requestsPerMinute: options.config.publicTicketPage.requestsPerMinute }),
    ...periodReportRoutes(deps, new ReportQueries(db, () => hall.flushProjections(), rollups), () => staffNames(db)),
  ];
  const idempotency = new IdempotencyGate(new IdempotencyStore(db, (write) => queueStore.writeBesideLog(write), sealer), clock, {
    ...options.idempotency,
    fingerprintKey: hallKeys.key('idempotencyFingerprint'),
  });

  const jobs = new ScheduledJobs(
    hallJobs(
      { config: options.config, clock, log, hall, dossiers, personHashes: new PersonHashRetention(db), ticketLinks, idempotency, live, provincial },
      { dayCloseMs: options.dayTimerMs, purgeMs: options.purgeTimerMs, alertCheckMs: options.live?.idleCheckMs },
    ),
    options.timers ?? nodeTimers,
    log.child({ module: 'jobs' }),
  );
  jobs.start();
  // The projection rows, the WAL checkpoint and young-generation collections in idle moments instead of inside requests (idle-work.ts).
  const youngGeneration = youngGenerationCollection();
  if (youngGeneration === null) log.info('V8 gc() not exposed (node --expose-gc): young-generation collections stay inside requests');
  const idleWork = startIdleWork(
    [
      // The projection rows first, so that the checkpoint after them copies their pages too.
      { name: 'projection flush', run: () => hall.flushWhenIdle() },
      {
        name: 'WAL checkpoint',
        run: () => {
          const done = checkpoints.runIfDue();
          if (done !== null) metrics.observeCheckpoint(done.seconds);
        },
      },
      ...(youngGeneration === null ? [] : [youngGeneration]),
    ],
    (error, job) => log.error({ err: error instanceof Error ? error.message : String(error), job }, `idle ${job} failed`),
  );

  const app = createHttpApp({
    routes,
    access,
    idempotency,
    metrics,
    stream,
    log,
    hallName: options.config.hall.name.en,
    staticDir: options.staticDir ?? null,
    allowedOrigins: options.config.hall.allowedOrigins,
    trustedProxies: options.config.publicTicketPage.trustedProxies,
    tls: options.tls ?? null,
    health: () => ({ status: 'ok', seq: hall.lastSeq, businessDate: hall.state.businessDate, time: clock() }),
    // Every event a request causes records its device and staff member (HallService.actingAs).
    actingAs: (caller, work) => hall.actingAs({ deviceId: caller.device?.id ?? null, staffId: caller.staff?.id ?? null }, work),
    onResponseSent: () => idleWork.touch(),
    beforeAnswer: () => hall.whenDurable(),
  });

  return {
    app,
    http: app.server,
    db,
    hall,
    access,
    dossiers,
    routes,
    provincial,
    provinceHub,
    tls: options.tls ?? null,
    async listen(port, host = '127.0.0.1') {
      checkPlainHttp(host, { tls: Boolean(options.tls), insecureHttp: options.insecureHttp === true, log });
      await app.listen({ port, host });
      const addr = app.server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return `${options.tls ? 'https' : 'http'}://${shownHost}:${addr.port}`;
    },
    async close() {
      const jobsStopped = jobs.stop();
      await provinceHub?.stop();
      await provincial.close();
      await jobsStopped;
      idleWork.stop();
      live.close();
      stream.close();
      publicFeed.close();
      await pdfChecker.close();
      await app.close();
      await hall.close();
      hall.flushProjections();
      db.close();
    },
  };
}
