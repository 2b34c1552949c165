/**
 * The last step of `npm start` (scripts/start.sh seeds the demo database and builds the renderer
 * first): runs the whole demo hall on this machine until Ctrl+C.
 *   0. the provincial one-stop system simulator on 127.0.0.1 (any free port), seeded with demo
 *      dossiers and today's appointments; the hall server is pointed at it with a fresh token;
 *   1. the hall server (`scripts/hall.ts serve`, with the node flags of `npm run hall`) as a child;
 *   2. one Node device host per terminal with simulated devices: the kiosk's ticket printer, 2D
 *      scanner and CCCD reader (the made-up demo citizen's card lies on it; typing `card` and
 *      Enter here lifts it or puts it back), counter 1's rating keypad (`rate <level>` presses a key;
 *      its ratings are sent to the hall as counter 1's seeded rating device) and scanner, the display
 *      (health only); the kiosk and counter 1 digitise papers through SANE's test backend (sane:test);
 *   3. the terminals in browser mode: Chromium app windows when a display and Chromium exist,
 *      otherwise each role's URL printed. It says which mode ran and why (the Electron shell runs
 *      only where its binary can: scripts/terminal-detect.ts).
 * With PROVINCE_DEMO=1 (`npm start -- --province`) it first starts the province part
 * (scripts/demo-province.ts: a throwaway PostgreSQL cluster, the province hub serving the province
 * dashboard, a month of simulated history and two more live demo halls) and the demo hall delivers
 * its event log to that hub too; Ctrl+C removes the cluster.
 * Environment: PORT, HOST, HALL_HOURS as in scripts/start.sh; DB and DEVICES name the seeded files;
 * PROVINCE_PORT (default 8090) and PROVINCE_HISTORY_HALLS (default 8) for the province demo.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEVICE_HOST_QUERY_PARAM, type TerminalRole } from '../electron/common/device-contract.ts';
import { parseDeviceList } from '../devices/manager/device-config.ts';
import { createDeviceLogger } from '../devices/manager/device-logger.ts';
import { startDeviceHost, type DeviceHost } from '../devices/terminal/device-host.ts';
import type { CardReaderSimulator } from '../devices/simulators/card-reader.simulator.ts';
import type { KeypadSimulator } from '../devices/simulators/keypad.simulator.ts';
import { DEMO_CITIZEN } from '../devices/simulators/virtual-cccd/citizen.ts';
import { loadSite } from '../kiosk-config/load-site.ts';
import { startProvinceDemo, type ProvinceDemo } from './demo-province.ts';
import { HALL_SERVER_ARGS } from './hall-process.ts';
import { seedDemo } from './provincial/demo-data.ts';
import { ProvincialSimulator } from './provincial/simulator.ts';
import { detectTerminalMode } from './terminal-detect.ts';

const PORT = process.env.PORT ?? '8080';
const HOST = process.env.HOST ?? '127.0.0.1';
const DB = process.env.DB ?? 'var/demo/hall.db';
const DEVICES = process.env.DEVICES ?? 'var/demo/devices.json';
const CHROMIUM = '/usr/bin/chromium';
const DEMO_COUNTER = 'quay-1';

interface SeededDevice {
  readonly role: string;
  readonly counterId: string | null;
  readonly token: string;
}

interface Terminal {
  readonly role: TerminalRole;
  readonly counterId: string | null;
  readonly devices: unknown;
}

const TERMINALS: readonly Terminal[] = [
  {
    role: 'kiosk',
    counterId: null,
    devices: [
      { id: 'printer', kind: 'printer', uri: 'sim:printer' },
      { id: 'scanner', kind: 'scanner', uri: 'sim:scanner' },
      { id: 'card', kind: 'cardReader', uri: 'sim:card' },
      { id: 'document-scanner', kind: 'documentScanner', uri: 'sane:test' },
    ],
  },
  { role: 'display', counterId: null, devices: [] },
  {
    role: 'counter',
    counterId: DEMO_COUNTER,
    devices: [
      { id: 'keypad', kind: 'keypad', uri: 'sim:keypad' },
      { id: 'scanner', kind: 'scanner', uri: 'sim:scanner' },
      { id: 'document-scanner', kind: 'documentScanner', uri: 'sane:test' },
    ],
  },
];

const DEMO_SITE = 'kiosk-config/sites/demo-hall';

const children: ChildProcess[] = [];
const hosts: DeviceHost[] = [];
let provincial: ProvincialSimulator | null = null;
let province: ProvinceDemo | null = null;

function tokenFor(seeded: readonly SeededDevice[], role: string, counterId: string | null): string {
  const found = seeded.find((d) => d.role === role && d.counterId === counterId);
  if (!found) throw new Error(`${DEVICES} has no ${role} device${counterId ? ` for ${counterId}` : ''}: run npm start again to reseed`);
  return found.token;
}

/** The simulator of the provincial system, and what the hall server needs to reach it. */
async function startProvincialSimulator(): Promise<{ args: string[]; env: Record<string, string> }> {
  const site = loadSite(DEMO_SITE);
  if (!site.provincial) return { args: [], env: {} };
  const auth = site.provincial.auth;
  const token = randomBytes(24).toString('base64url');
  provincial = await ProvincialSimulator.start({ token, port: 0, host: '127.0.0.1' });
  const seeded = seedDemo(provincial, site);
  process.stdout.write(
    `Provincial system simulator on ${provincial.url}\n` +
      `  dossier codes to look up: ${seeded.dossiers.map((d) => d.code).join(', ')}\n` +
      `  appointment QR codes for today: ${seeded.appointments.map((a) => `HEN:${a.code}`).join(', ')}\n`,
  );
  const variable = auth.kind === 'bearer' ? auth.tokenEnv : auth.passwordEnv;
  return { args: ['--provincial-url', provincial.url], env: { [variable]: token } };
}

/** The province hub the demo hall delivers to (npm start -- --province), or nothing. */
async function startProvince(): Promise<{ args: string[]; env: Record<string, string> }> {
  if (process.env.PROVINCE_DEMO !== '1') return { args: [], env: {} };
  const port = Number(process.env.PROVINCE_PORT ?? '8090');
  const historyHalls = Number(process.env.PROVINCE_HISTORY_HALLS ?? '8');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PROVINCE_PORT must be 0–65535, got "${process.env.PROVINCE_PORT}"`);
  if (!Number.isInteger(historyHalls) || historyHalls < 0)
    throw new Error(`PROVINCE_HISTORY_HALLS must be a whole number, got "${process.env.PROVINCE_HISTORY_HALLS}"`);
  province = await startProvinceDemo({
    port,
    host: HOST,
    staticDir: join('dist', 'renderer'),
    historyHalls,
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  return { args: ['--province-hub', province.hubUrl], env: { PROVINCE_HUB_TOKEN: province.demoHallToken } };
}

async function startHallServer(): Promise<string> {
  const hours = process.env.HALL_HOURS === 'real' ? [] : ['--open-all-hours'];
  const link = await startProvincialSimulator();
  const hub = await startProvince();
  const child = spawn(process.execPath, [...HALL_SERVER_ARGS, 'serve', '--db', DB, '--port', PORT, '--host', HOST, ...hours, ...link.args, ...hub.args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...link.env, ...hub.env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
      const m = /hall server listening on (https?:\/\/\S+)|"url":"(https?:\/\/[^"]+)"/.exec(out);
      const url = m?.[1] ?? m?.[2];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`the hall server exited (${String(code)}) before it listened`)));
  });
}

/**
 * A one-time pairing code for a browser-paired device (rating tablet, dashboard), made with the
 * hall CLI's enroll on the running hall's database and put in the page's URL fragment
 * (`#pair=…`): the page pairs itself on first load. Empty when enrolling failed (then the page
 * asks for a code, as without the demo).
 */
function pairingLink(role: 'rating' | 'dashboard', name: string, counterId: string | null): string {
  const r = spawnSync(
    process.execPath,
    [
      ...HALL_SERVER_ARGS,
      'enroll',
      '--db',
      DB,
      '--role',
      role,
      '--name',
      name,
      '--valid-minutes',
      '120',
      '--json',
      ...(counterId ? ['--counter', counterId] : []),
    ],
    { encoding: 'utf8' },
  );
  const code = r.status === 0 ? (JSON.parse(r.stdout) as { pairingCode?: string }).pairingCode : undefined;
  if (!code) process.stderr.write(`npm start: no pairing code for the ${role} (${r.stderr.trim()}); it will ask for one\n`);
  return code ? `#pair=${code}` : '';
}

/**
 * The hall CA of an HTTPS demo hall (HOST off loopback: hall serve makes it in the database's
 * folder): its fingerprint for the device hosts, its public-key pin for the Chromium windows.
 */
function demoHallCa(hallUrl: string): { fingerprint: string; spkiSha256: string } | null {
  if (!hallUrl.startsWith('https:')) return null;
  const ca = new X509Certificate(readFileSync(join(dirname(DB), 'tls', 'ca.pem')));
  return {
    fingerprint: ca.fingerprint256,
    spkiSha256: createHash('sha256')
      .update(ca.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64'),
  };
}

function openWindow(url: string, role: string, size: string, ca: { spkiSha256: string } | null): void {
  const profile = join('var', 'demo', `chromium-${role}`);
  mkdirSync(profile, { recursive: true });
  const child = spawn(
    CHROMIUM,
    [
      `--app=${url}`,
      `--user-data-dir=${profile}`,
      ...(ca ? [`--ignore-certificate-errors-spki-list=${ca.spkiSha256}`] : []),
      `--window-size=${size}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    { stdio: 'ignore' },
  );
  children.push(child);
}

/**
 * Hands on the simulated devices from this console, one command per line on stdin:
 *   card     lifts the demo card (the made-up demo citizen, devices/simulators/virtual-cccd/citizen.ts)
 *            off the kiosk's reader, or puts it back; it lies there from the start;
 *   rate L   presses the key of rating level L on counter 1's keypad (e.g. `rate very_satisfied`);
 *            it counts only while the counter's rating window is open, like a real keypad.
 */
function demoControls(card: CardReaderSimulator | undefined, keypad: KeypadSimulator | undefined): void {
  card?.insert();
  const levels = keypad ? Object.values(keypad.profile.keys) : [];
  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => {
    const [command, argument] = line.trim().split(/\s+/);
    if (command === 'card' && card) {
      if (card.present) card.remove();
      else card.insert();
      process.stdout.write(`demo card ${card.present ? 'on' : 'off'} the kiosk reader\n`);
    } else if (command === 'rate' && keypad) {
      const level = levels.find((l) => l === argument);
      if (level === undefined) {
        process.stdout.write(`rate needs one of: ${levels.join(', ')}\n`);
        return;
      }
      keypad.press(level);
      process.stdout.write(
        `pressed ${level} on the keypad of ${DEMO_COUNTER}${keypad.ledsOn ? '' : ' (its keys are dark: no rating window is open, so the press is ignored)'}\n`,
      );
    }
  });
  process.once('SIGINT', () => input.close());
}

function stop(): void {
  for (const host of hosts) void host.close();
  void provincial?.close();
  for (const child of children) child.kill('SIGTERM');
  // The province demo stops its halls and hub and removes its PostgreSQL cluster before the exit.
  const done = province ? province.stop().catch(() => undefined) : Promise.resolve();
  void done.then(() => setTimeout(() => process.exit(0), 500).unref());
}

async function main(): Promise<void> {
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const seeded = (JSON.parse(readFileSync(DEVICES, 'utf8')) as { devices: SeededDevice[] }).devices;
  const hallUrl = await startHallServer();
  const ca = demoHallCa(hallUrl);
  const logger = createDeviceLogger();
  const pages: { role: string; url: string; size: string }[] = [];
  let card: CardReaderSimulator | undefined;
  let keypad: KeypadSimulator | undefined;
  for (const t of TERMINALS) {
    const host = await startDeviceHost({
      role: t.role,
      counterId: t.counterId,
      deviceToken: tokenFor(seeded, t.role, t.counterId),
      devices: parseDeviceList(t.devices),
      logger,
      // The counter's keypad rates under the seeded rating device of its counter.
      ...(t.role === 'counter' ? { hallUrl, hallCaFingerprint: ca?.fingerprint ?? null, ratingToken: tokenFor(seeded, 'rating', t.counterId) } : {}),
    });
    hosts.push(host);
    card ??= host.manager.simulators.card;
    keypad ??= host.manager.simulators.keypad;
    const size = t.role === 'kiosk' ? '540,960' : t.role === 'display' ? '960,540' : '1280,800';
    pages.push({ role: t.role, url: `${hallUrl}/${t.role}/?${DEVICE_HOST_QUERY_PARAM}=${encodeURIComponent(host.url)}`, size });
  }
  demoControls(card, keypad);
  pages.push(
    { role: 'rating', url: `${hallUrl}/rating/${pairingLink('rating', `Máy đánh giá ${DEMO_COUNTER}`, DEMO_COUNTER)}`, size: '800,1280' },
    { role: 'dashboard', url: `${hallUrl}/dashboard/${pairingLink('dashboard', 'Màn hình giám sát', null)}`, size: '1440,900' },
  );

  const electron = detectTerminalMode({ electronDir: join('node_modules', 'electron'), platform: process.platform, env: process.env });
  const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const windows = display && existsSync(CHROMIUM);
  const why = electron.mode === 'browser' ? electron.reason : 'Electron can run here: start a terminal with npm run terminal -- --terminal-config <file>';
  process.stdout.write(`\nTerminals: browser mode (${why}); ${windows ? 'opening Chromium app windows' : 'no display: open these URLs in Chromium'}.\n`);
  for (const p of pages) {
    process.stdout.write(`  ${p.role.padEnd(10)} ${p.url}\n`);
    if (windows) openWindow(p.url, p.role, p.size, ca);
  }
  process.stdout.write(
    `  Counter ${DEMO_COUNTER} has a simulated rating keypad whose ratings go to the hall server; type rate very_satisfied\n` +
      `    (or another level) and Enter here to press a key while its rating window is open.\n` +
      `  The rating tablet and dashboard URLs carry a one-time pairing code (valid 2 hours): open each once and it pairs\n` +
      `    itself. Another browser asks for a code: npm run hall -- enroll --db ${DB} --role rating --counter ${DEMO_COUNTER} --name "Máy đánh giá"  (or --role dashboard)\n` +
      `  The demo card lies on the kiosk's card reader: choose "Đặt thẻ CCCD lên đầu đọc" and enter its CAN ${DEMO_CITIZEN.idNumber.slice(-6)};\n` +
      `    type card and Enter here to lift it or put it back.\n` +
      `  Officer PINs: kiosk-config/sites/demo-hall/demo-seed.json. Stop with Ctrl+C.\n\n`,
  );
  if (province) {
    process.stdout.write(
      `Province dashboard  ${province.hubUrl}/province/\n` +
        `  supervisor login  ${province.supervisor.username}   PIN ${province.supervisor.pin}   (valid until Ctrl+C; the cluster is thrown away)\n` +
        `  live halls        ${province.liveHalls.join(', ')} (this demo hall included: a ticket taken at the kiosk shows there)\n` +
        `  hub API           ${province.hubUrl}/api/v1/openapi.json\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  stop();
  process.exitCode = 1;
});
