/**
 * `npm run hall -- [command] [options]`: the hall server and its maintenance commands.
 *
 *   (serve)      --db PATH --port N --host H --site DIR [--static DIR] [--open-all-hours] [--provincial-url URL]
 *                (--provincial-url replaces provincial.baseUrl of the site, e.g. a local simulator)
 *                [--province-hub URL]  (delivers the event log to that province hub; its credential in PROVINCE_HUB_TOKEN)
 *                [--csca DIR]  (CSCA certificates the server verifies CCCD chips against: elderly priority from a verified birth date)
 *                [--issue-limit BURST:REFILL_MS]  (tickets per device: a burst, then one per refill time; hall-limits.ts
 *                 has the default, which no person at a kiosk reaches; load tests and simulators raise it)
 *                [--cert FILE --key FILE | --tls] [--tls-names NAME,…] [--insecure-http]
 *                (transport: tls-transport.ts; HTTPS with the hall CA of <data dir>/tls by default off loopback)
 *   verify-log   --db PATH [--json] [--checkpoints FILE]
 *                (the chain, then the log against its keyed day-close checkpoints; FILE: the provincial
 *                 system's copy of them, a JSON array, which also finds checkpoints deleted from the hall)
 *   enroll       --role kiosk|display|counter|dashboard|rating --name NAME [--counter ID] [--token] [--valid-minutes N] [--valid-days N] [--cert FILE]
 *                (also prints the fingerprint of the certificate terminals pin: the hall CA, or the top of --cert)
 *   add-staff    --username U --name "Full name" --role officer|supervisor|admin --pin NNNNNN [--counters id,id] [--birth-date dd/mm/yyyy]
 *   seed-demo    --out FILE   (demo staff and device tokens from the site's demo-seed.json)
 *   kpis         --db PATH --site DIR --from YYYY-MM-DD --to YYYY-MM-DD [--group-by service|counter|officer|procedure|day|hour|month|weekday_hour] [--json]
 *                (read-only: the getKpis report as JSON, or as an aligned table)
 *   report       --db PATH --site DIR (--period YYYY|YYYY-Qn|YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD) [--json]
 *                (read-only: KPIs, TT 01/2018 scores, QĐ 468 productivity and QĐ 766 indicators of the period)
 *   import-tickets FILE.csv --db PATH --site DIR [--skip-invalid] [--json]
 *                (history from another queue system; invalid rows listed by line; all or nothing
 *                 unless --skip-invalid; run it while the hall server is stopped)
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSite, readSiteLogo, withOpenAllHours } from '../../kiosk-config/load-site.ts';
import { AccessStore, DEVICE_ROLES, STAFF_ROLES, type DeviceRole, type StaffRole } from '../store/access-store.ts';
import { hmacChainSealer, verifyEventChain, type ChainSealer } from '../store/event-log.ts';
import { CheckpointSigner, verifyCheckpoints, type CheckpointVerification, type LogCheckpoint } from '../store/log-checkpoints.ts';
import { hallKeyPath, loadHallKey } from './dossier-crypto.ts';
import { deriveHallKey } from './hall-keys.ts';
import { KpiQueries } from '../store/kpi-queries.ts';
import { KpiRollups } from '../store/kpi-rollups.ts';
import { openHallDatabase } from '../store/open-database.ts';
import { Access, DEFAULT_DEVICE_TOKEN_DAYS, DEFAULT_PAIRING_MINUTES } from './access.ts';
import { keepHelperThreadsLow } from './helper-threads.ts';
import { createRootLogger } from './logger.ts';
import { kpiReport, parseKpiQuery, type KpiReport } from './routes/kpi-routes.ts';
import { hashPin } from './secrets.ts';
import { ADMIN_COMMANDS, AdminUsageError, runAdminCommand, type AdminCommand } from './cli-admin.ts';
import { PIN_PROBLEM_MESSAGES, pinProblem } from '../core/pin-policy.ts';
import { ImportFileError, importTicketsFile } from './import-tickets.ts';
import { periodReportCommand } from './report-command.ts';
import { hallTlsOf, pinLine, pinnedFingerprint, transportPlan, type TransportPlan } from './tls-transport.ts';

export const DEFAULTS = { db: 'var/hall.db', port: '8080', host: '127.0.0.1', site: 'kiosk-config/sites/demo-hall', static: 'dist/renderer' } as const;

class UsageError extends Error {}

const OPTIONS = {
  db: { type: 'string', default: DEFAULTS.db },
  port: { type: 'string', default: DEFAULTS.port },
  host: { type: 'string', default: DEFAULTS.host },
  site: { type: 'string', default: DEFAULTS.site },
  static: { type: 'string' },
  'open-all-hours': { type: 'boolean', default: false },
  'provincial-url': { type: 'string' },
  'province-hub': { type: 'string' },
  json: { type: 'boolean', default: false },
  role: { type: 'string' },
  name: { type: 'string' },
  counter: { type: 'string' },
  token: { type: 'boolean', default: false },
  'valid-minutes': { type: 'string', default: String(DEFAULT_PAIRING_MINUTES) },
  'valid-days': { type: 'string', default: String(DEFAULT_DEVICE_TOKEN_DAYS) },
  username: { type: 'string' },
  id: { type: 'string' },
  pin: { type: 'string' },
  counters: { type: 'string', default: '' },
  'birth-date': { type: 'string' },
  out: { type: 'string', default: 'var/demo-devices.json' },
  from: { type: 'string' },
  to: { type: 'string' },
  'group-by': { type: 'string', default: 'none' },
  period: { type: 'string' },
  'skip-invalid': { type: 'boolean', default: false },
  csca: { type: 'string' },
  checkpoints: { type: 'string' },
  'issue-limit': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  tls: { type: 'boolean', default: false },
  'tls-names': { type: 'string', default: '' },
  'insecure-http': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function openDb(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  return openHallDatabase(path);
}

function required<T extends string>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}`);
  return value;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive whole number, got "${value}"`);
  return n;
}

/** `--issue-limit BURST:REFILL_MS`. */
function issueLimitOf(value: string): { burst: number; refillMs: number } {
  const m = /^(\d{1,9}):(\d{1,9})$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
    throw new UsageError(`--issue-limit must be BURST:REFILL_MS with whole numbers of at least 1, got "${value}"`);
  return { burst: Number(m[1]), refillMs: Number(m[2]) };
}

async function serve(v: Values): Promise<void> {
  const log = createRootLogger();
  const site = loadSite(v.site);
  const config = v['open-all-hours'] ? withOpenAllHours(site) : site;
  if (v['open-all-hours']) log.warn('opening hours overridden: tickets are issued at any hour (demo and tests only)');
  const staticDir = v.static ?? (existsSync(DEFAULTS.static) ? DEFAULTS.static : null);
  mkdirSync(dirname(v.db), { recursive: true });
  const provincialUrl = v['provincial-url'] ?? null;
  if (provincialUrl !== null && !/^https?:\/\/\S+$/.test(provincialUrl))
    throw new UsageError(`--provincial-url must be an http(s) URL, got "${provincialUrl}"`);
  const hubUrl = v['province-hub'] ?? null;
  if (hubUrl !== null && !/^https?:\/\/\S+$/.test(hubUrl)) throw new UsageError(`--province-hub must be an http(s) URL, got "${hubUrl}"`);
  const hubToken = process.env.PROVINCE_HUB_TOKEN;
  if (hubUrl !== null && !hubToken) throw new UsageError('--province-hub needs the hall credential (npm run province -- enroll-hall) in PROVINCE_HUB_TOKEN');
  // Loaded here only: the HTTP stack is a large import the other commands do not need.
  const { createHallServer } = await import('./hall-server.ts');
  const { loadTrustStore } = await import('../../devices/card-reader/passive-authentication.ts');
  const cardTrustStore = v.csca === undefined ? [] : loadTrustStore(v.csca);
  if (v.csca !== undefined && cardTrustStore.length === 0) throw new UsageError(`--csca ${v.csca} holds no certificate (.pem, .crt, .cer, .der)`);
  const issue = v['issue-limit'] === undefined ? null : issueLimitOf(v['issue-limit']);
  if (issue !== null) log.warn(issue, 'ticket issue limit per device set on the command line');
  let plan: TransportPlan;
  try {
    plan = transportPlan({ host: v.host, tls: v.tls, insecureHttp: v['insecure-http'], cert: v.cert ?? null, key: v.key ?? null });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const tls = await hallTlsOf(plan, { dbPath: v.db, names: v['tls-names'].split(',').filter(Boolean), hallName: config.hall.name.en, log });
  const server = createHallServer({
    dbPath: v.db,
    config,
    staticDir,
    log,
    provincial: { baseUrl: provincialUrl },
    cardTrustStore,
    tls,
    logoPng: readSiteLogo(v.site, site),
    insecureHttp: plan.kind === 'plain',
    ...(issue === null ? {} : { limits: { issue } }),
    ...(hubUrl !== null && hubToken ? { provinceHub: { baseUrl: hubUrl, token: hubToken } } : {}),
  });
  const port = Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${v.port}"`);
  const url = await server.listen(port, v.host);
  // The request thread must not queue behind V8's GC and compiler threads (helper-threads.ts).
  const helpers = keepHelperThreadsLow();
  log.info({ url, db: v.db, site: config.hall.id, static: staticDir, caFingerprint: tls?.caFingerprint ?? null }, 'hall server listening');
  if (tls) process.stdout.write(`hall CA fingerprint (SHA-256): ${tls.caFingerprint}\n`);
  // A plain line for scripts and tests that start the server and need its address.
  process.stdout.write(`hall server listening on ${url}\n`);
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    helpers.stop();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** The provincial system's copy of the checkpoints (`--checkpoints FILE`): the `data` of each log.checkpoint it received. */
function externalCheckpoints(path: string): LogCheckpoint[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--checkpoints ${path}: not a JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  const list = Array.isArray(parsed) ? parsed : [];
  const ok = (c: Record<string, unknown>): boolean =>
    Number.isSafeInteger(c.seq) &&
    typeof c.headHash === 'string' &&
    Number.isSafeInteger(c.at) &&
    typeof c.businessDate === 'string' &&
    typeof c.mac === 'string';
  if (!Array.isArray(parsed) || !list.every((c) => c !== null && typeof c === 'object' && ok(c as Record<string, unknown>))) {
    throw new UsageError(`--checkpoints ${path}: expected a JSON array of {seq, headHash, at, businessDate, mac}`);
  }
  return (list as LogCheckpoint[]).map(({ seq, headHash, at, businessDate, mac }) => ({ seq, headHash, at, businessDate, mac }));
}

/** The line after the chain's: what the checkpoints say. */
function checkpointSummary(c: CheckpointVerification): string {
  if (c.checked === 0) return 'no day-close checkpoint yet';
  const macs = c.macsChecked ? 'MACs checked' : 'MACs not checked: no hall data key';
  return `${c.checked} day-close checkpoint${c.checked === 1 ? ' holds' : 's hold'} (${macs}), anchored through seq ${c.anchoredSeq}`;
}

function verifyLog(v: Values): number {
  const external = v.checkpoints === undefined ? [] : externalCheckpoints(v.checkpoints);
  const db = openHallDatabase(v.db, { readonly: true });
  try {
    // With the hall data key the digests of hall-only fields and the checkpoints' MACs are checked
    // too; without it, the links and the checkpoints' positions only.
    let sealer: ChainSealer | undefined;
    let signer: CheckpointSigner | null = null;
    if (process.env.HALL_DATA_KEY || existsSync(hallKeyPath(v.db))) {
      const key = loadHallKey({ dbPath: v.db, env: process.env, mustExist: true }).key;
      sealer = hmacChainSealer(deriveHallKey(key, 'eventChainDigest'));
      signer = new CheckpointSigner(deriveHallKey(key, 'logCheckpoint'));
    } else if (!v.json) {
      process.stdout.write("no hall data key found: checking the links only, not the digests of person hashes nor the checkpoints' MACs\n");
    }
    const result = verifyEventChain(db, sealer);
    const checkpoints = verifyCheckpoints(db, signer, external);
    const ok = result.ok && checkpoints.ok;
    if (v.json) process.stdout.write(`${JSON.stringify({ ...result, ok, chainOk: result.ok, checkpoints })}\n`);
    else {
      if (!result.ok)
        process.stdout.write(
          `event log BROKEN at seq ${result.firstBroken?.seq}: ${result.firstBroken?.reason} (${result.checked} events verified before it)\n`,
        );
      else if (checkpoints.ok)
        process.stdout.write(`event log intact: ${result.checked} events, last seq ${result.lastSeq}; ${checkpointSummary(checkpoints)}\n`);
      else process.stdout.write(`event log chain links hold: ${result.checked} events, last seq ${result.lastSeq}\n`);
      if (!checkpoints.ok) {
        process.stdout.write(
          `event log does NOT match its day-close checkpoints (${checkpoints.problems.length} problem${checkpoints.problems.length === 1 ? '' : 's'}):\n`,
        );
        for (const p of checkpoints.problems) process.stdout.write(`  ${p.kind}: ${p.reason}\n`);
      }
    }
    return ok ? 0 : 1;
  } finally {
    db.close();
  }
}

function enroll(v: Values): void {
  const role = required(v.role, 'role') as DeviceRole;
  if (!DEVICE_ROLES.includes(role)) throw new UsageError(`--role must be one of ${DEVICE_ROLES.join(', ')}`);
  const name = required(v.name, 'name');
  const config = loadSite(v.site);
  const counterId = v.counter ?? null;
  if ((role === 'counter' || role === 'rating') && counterId === null) throw new UsageError(`a ${role} device needs --counter <counter id>`);
  if (counterId !== null && !config.counters.some((c) => c.id === counterId)) {
    throw new UsageError(`unknown counter "${counterId}"; use one of: ${config.counters.map((c) => c.id).join(', ')}`);
  }
  const pin = pinnedFingerprint(v.db, v.cert ?? null);
  const db = openDb(v.db);
  try {
    const access = new Access(new AccessStore(db), Date.now);
    const id = randomUUID();
    if (v.token) {
      const token = access.createEnrolledDevice({ id, role, name, counterId, validDays: positiveInt(v['valid-days'], 'valid-days') });
      process.stdout.write(v.json ? `${JSON.stringify({ deviceId: id, role, token, caFingerprint: pin })}\n` : `${token}\n`);
      if (!v.json) process.stderr.write(`${pinLine(pin)}\n`);
    } else {
      const minutes = positiveInt(v['valid-minutes'], 'valid-minutes');
      const code = access.createPairing({ id, role, name, counterId, validMinutes: minutes });
      process.stdout.write(
        v.json
          ? `${JSON.stringify({ deviceId: id, role, pairingCode: code, validMinutes: minutes, caFingerprint: pin })}\n`
          : `pairing code for ${role} "${name}": ${code} (valid ${minutes} minutes, one use)\n${pinLine(pin)}\n`,
      );
    }
  } finally {
    db.close();
  }
}

function addStaff(v: Values): void {
  const role = required(v.role, 'role') as StaffRole;
  if (!STAFF_ROLES.includes(role)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  const pin = required(v.pin, 'pin');
  const birthDate = v['birth-date'] ?? null;
  if (birthDate !== null && !/^\d{2}\/\d{2}\/\d{4}$/.test(birthDate)) throw new UsageError(`--birth-date must be dd/mm/yyyy, got "${birthDate}"`);
  const weak = pinProblem(pin, { birthDate });
  if (weak) throw new UsageError(`--pin: ${PIN_PROBLEM_MESSAGES[weak].en}`);
  const counterIds = v.counters
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const db = openDb(v.db);
  try {
    const store = new AccessStore(db);
    const username = required(v.username, 'username');
    if (store.staffByUsername(username)) throw new UsageError(`staff "${username}" already exists`);
    store.addStaff({
      id: randomUUID(),
      username,
      displayName: required(v.name, 'name').normalize('NFC'),
      role,
      pinHash: hashPin(pin),
      counterIds,
      now: Date.now(),
      birthDate,
    });
    process.stdout.write(`added ${role} ${username}\n`);
  } finally {
    db.close();
  }
}

interface DemoSeed {
  staff: { username: string; displayName: string; role: StaffRole; pin: string; counterIds?: string[] }[];
  devices: { role: DeviceRole; name: string; counterId?: string }[];
}

/** Idempotent: staff that exist are kept; device tokens are issued once and kept in --out. */
function seedDemo(v: Values): void {
  if (existsSync(v.out)) {
    process.stdout.write(`demo devices already seeded (${v.out})\n`);
    return;
  }
  const seed = JSON.parse(readFileSync(join(v.site, 'demo-seed.json'), 'utf8')) as DemoSeed;
  const db = openDb(v.db);
  try {
    const store = new AccessStore(db);
    const access = new Access(store, Date.now);
    for (const s of seed.staff) {
      if (store.staffByUsername(s.username)) continue;
      store.addStaff({
        id: randomUUID(),
        username: s.username,
        displayName: s.displayName,
        role: s.role,
        pinHash: hashPin(s.pin),
        counterIds: s.counterIds ?? [],
        now: Date.now(),
      });
    }
    const devices = seed.devices.map((d) => {
      const id = randomUUID();
      const token = access.createEnrolledDevice({ id, role: d.role, name: d.name, counterId: d.counterId ?? null, validDays: DEFAULT_DEVICE_TOKEN_DAYS });
      return { id, role: d.role, name: d.name, counterId: d.counterId ?? null, token };
    });
    mkdirSync(dirname(v.out), { recursive: true });
    writeFileSync(v.out, `${JSON.stringify({ devices }, null, 2)}\n`, { mode: 0o600 });
    process.stdout.write(`seeded ${seed.staff.length} staff and ${devices.length} devices; tokens in ${v.out}\n`);
  } finally {
    db.close();
  }
}

const NO_DATA = '–';

/** The report as a text table: one line per row, numbers right-aligned. */
export function kpiTable(report: KpiReport): string {
  const { targets } = report;
  const head = `KPIs ${report.from} … ${report.to} by ${report.groupBy}; targets: wait ≤ ${targets.waitMinutes} min, service ≤ ${targets.serviceMinutes} min (times in minutes, ${NO_DATA} = no data)\n`;
  if (report.rows.length === 0) return `${head}(no tickets)\n`;
  const cell = (x: number | null): string => (x === null ? NO_DATA : String(x));
  const header = ['key', 'tickets', 'served', 'no-shows', 'wait mean', 'median', 'p90', 'wait ok %', 'service mean', 'service ok %', 'ratings', 'satisfied %'];
  const lines = report.rows.map((r) => [
    r.key,
    cell(r.tickets),
    cell(r.served),
    cell(r.noShows),
    cell(r.waitMeanMin),
    cell(r.waitMedianMin),
    cell(r.waitP90Min),
    cell(r.withinWaitTargetPct),
    cell(r.serviceMeanMin),
    cell(r.withinServiceTargetPct),
    cell(r.ratings),
    cell(r.satisfactionPct),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (l: readonly string[]): string =>
    l
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${head}${[header, ...lines].map(format).join('\n')}\n`;
}

const QUERY_FLAGS: Readonly<Record<string, string>> = { from: '--from', to: '--to', groupBy: '--group-by' };

function kpis(v: Values): void {
  const parsed = parseKpiQuery({ from: required(v.from, 'from'), to: required(v.to, 'to'), groupBy: v['group-by'] });
  if (!parsed.ok) throw new UsageError(parsed.issues.map((i) => `${QUERY_FLAGS[i.path] ?? i.path}: ${i.message}`).join('; '));
  const config = loadSite(v.site);
  if (!existsSync(v.db)) throw new Error(`no hall database at ${v.db}`);
  const db = openHallDatabase(v.db, { readonly: true });
  try {
    const report = kpiReport(new KpiQueries(db, undefined, new KpiRollups(db, config.targets)), config, parsed.query);
    process.stdout.write(v.json ? `${JSON.stringify(report)}\n` : kpiTable(report));
  } finally {
    db.close();
  }
}

function importTickets(v: Values, file: string | undefined): number {
  const path = required(file, 'FILE.csv (the file to import)');
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  const config = loadSite(v.site);
  const db = openDb(v.db);
  try {
    const started = Date.now();
    const summary = importTicketsFile(db, config, path, { skipInvalid: v['skip-invalid'], now: Date.now() });
    if (v.json) {
      process.stdout.write(`${JSON.stringify({ ...summary, seconds: (Date.now() - started) / 1000 })}\n`);
    } else {
      for (const row of summary.invalid) process.stdout.write(`line ${row.line}: ${row.message}\n`);
      if (summary.invalidCount > summary.invalid.length) process.stdout.write(`… and ${summary.invalidCount - summary.invalid.length} more invalid rows\n`);
      process.stdout.write(
        summary.committed
          ? `imported ${summary.imported} tickets (${summary.firstBusinessDate ?? '–'} … ${summary.lastBusinessDate ?? '–'}), skipped ${summary.invalidCount} invalid rows, import ${summary.importId}\n`
          : `nothing imported: ${summary.invalidCount} invalid rows; fix them or pass --skip-invalid\n`,
      );
    }
    return summary.committed ? 0 : 1;
  } catch (error) {
    if (error instanceof ImportFileError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
}

function admin(v: Values, command: AdminCommand): number {
  const db = openHallDatabase(v.db);
  try {
    process.stdout.write(runAdminCommand(new AccessStore(db), command, { id: v.id, username: v.username, pin: v.pin, json: v.json }, Date.now()));
    return 0;
  } catch (error) {
    if (error instanceof AdminUsageError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage()}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    process.stdout.write(usage());
    return 0;
  }
  const command = positionals[0] ?? 'serve';
  try {
    switch (command) {
      case 'serve':
        await serve(v);
        return -1; // keeps running
      case 'verify-log':
        return verifyLog(v);
      case 'enroll':
        enroll(v);
        return 0;
      case 'add-staff':
        addStaff(v);
        return 0;
      case 'seed-demo':
        seedDemo(v);
        return 0;
      case 'kpis':
        kpis(v);
        return 0;
      case 'list-devices':
      case 'revoke-device':
      case 'list-staff':
      case 'disable-staff':
      case 'enable-staff':
      case 'reset-pin':
        return admin(v, command);
      case 'report':
        return periodReportCommand(v);
      case 'import-tickets':
        return importTickets(v, positionals[1]);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n${usage()}`);
      return 2;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function usage(): string {
  return `usage: npm run hall -- [serve|verify-log|enroll|add-staff|seed-demo|kpis|report|import-tickets|${ADMIN_COMMANDS.join('|')}] [options]
  serve        --db ${DEFAULTS.db} --port ${DEFAULTS.port} --host ${DEFAULTS.host} --site ${DEFAULTS.site} [--static DIR] [--open-all-hours] [--csca DIR] [--issue-limit BURST:REFILL_MS]
               [--cert FILE --key FILE | --tls] [--tls-names hall.example,10.0.0.5] [--insecure-http]
               (HTTPS by default off loopback, with a hall CA made in <db folder>/tls; plain HTTP on
                loopback unless --tls or --cert; --insecure-http allows plain HTTP on the LAN)
  verify-log   --db PATH [--json] [--checkpoints FILE]
  enroll       --role ${DEVICE_ROLES.join('|')} --name NAME [--counter ID] [--token] [--valid-minutes ${DEFAULT_PAIRING_MINUTES}] [--valid-days ${DEFAULT_DEVICE_TOKEN_DAYS}] [--cert FILE] [--json]
  add-staff    --username U --name "Họ và tên" --role ${STAFF_ROLES.join('|')} --pin NNNNNN [--counters quay-1,quay-2] [--birth-date dd/mm/yyyy]
               (6–8 digits; runs, repeats and the birth date are refused)
  seed-demo    [--out var/demo-devices.json]
  kpis         --db PATH --site DIR --from YYYY-MM-DD --to YYYY-MM-DD [--group-by service|counter|officer|procedure|day|hour|month|weekday_hour] [--json]
  report       --db PATH --site DIR (--period 2026-Q1|2026|2026-03 | --from YYYY-MM-DD --to YYYY-MM-DD) [--json]
  import-tickets FILE.csv --db PATH --site DIR [--skip-invalid] [--json]
  list-devices | list-staff  --db PATH [--json]
  revoke-device --db PATH --id DEVICE_ID
  disable-staff | enable-staff  --db PATH --username U
  reset-pin    --db PATH --username U --pin NNNNNN
`;
}
