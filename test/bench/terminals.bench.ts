/**
 * `npm run bench -- terminals [--short] [--runs N] [--cold N] [--sessions N] [--calls N] [--citizens N]`:
 * the terminal apps in Debian Chromium against a local hall
 * server (in process, temp SQLite) serving the built renderer.
 *
 *   1. kiosk JS size     gzip size of every script the kiosk page loads (its entry and the chunks
 *                        it preloads). Goal ≤ 100 KB.
 *   2. cold start        a new browser context (empty cache) opens the kiosk: from navigation start
 *                        to the first field tile on screen (config loaded, tappable), measured in
 *                        the page. Goal p95 ≤ 1.5 s.
 *   3. tap → ticket      from the tap on a field's "Lấy số thứ tự" (the quick path's second tap) to
 *                        the ticket number on screen, measured inside the page (performance.now);
 *                        the procedure path's "Lấy số thứ tự" (priority step) beside it. The printer
 *                        is the simulated one behind the real device host; the number shows before
 *                        the print is confirmed, so printer mechanics are excluded. Goal p95 ≤ 100 ms.
 *   4. display update    from sending callNext (HTTP, benchmark process) to the called number
 *                        appearing on the display page (MutationObserver, wall clock of the same
 *                        machine). Goal p95 ≤ 100 ms.
 *   5. soak              (test/support/soak.ts) one kiosk page through --sessions sessions (default
 *                        2,000), one display through a 12-hour day of --calls calls with their voice
 *                        (default 3,000), one counter serving --citizens citizens (default 150), the
 *                        pages' clocks fast (Playwright clock); JS heap after GC and DOM nodes after a
 *                        warm-up and at the end. Goals: heap growth ≤ 5 MB and DOM nodes flat (the
 *                        end within 5 % or 50 nodes of the start) for the kiosk and the display.
 *
 * --short runs everything at a small scale (5 runs, 3 cold starts, 50 sessions, 50 calls, 10
 * citizens) to check the benchmark works; its figures are printed, not written.
 *
 * Prints a table and writes test/bench/results/terminals-latest.json (and a dated copy) with the
 * load average of the machine at the start and the end. A missed goal is reported, not an error.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../support/chromium.ts';
import type { Browser, Page } from '@playwright/test';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { logIn, openCounter } from '../support/counter-steps.ts';
import { kioskToPriorityStep } from '../support/kiosk-steps.ts';
import { COUNT_PLAYBACK, soakCounter, soakDisplay, soakKiosk, type SoakResult } from '../support/soak.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { startSimulatedTerminals, type SimulatedTerminals } from '../support/simulated-terminals.ts';

export const description = 'terminal apps in Chromium: kiosk JS gzip size, cold start, tap → ticket, display update, soak (heap and DOM over a day)';

const FULL = { runs: '40', cold: '20', sessions: '2000', calls: '3000', citizens: '150' } as const;
const SHORT = { runs: '5', cold: '3', sessions: '50', calls: '50', citizens: '10' } as const;
const GOALS = { kioskGzipKb: 100, coldStartP95Ms: 1_500, tapToTicketP95Ms: 100, displayUpdateP95Ms: 100, soakHeapGrowthMb: 5 } as const;
const KIOSK_FIELDS = ['Hộ tịch', 'Chứng thực', 'Xây dựng', 'Đăng ký kinh doanh', 'Lao động - Thương binh và Xã hội'] as const;
const DAY_SERVICES = ['ho-tich', 'chung-thuc', 'xay-dung', 'dang-ky-kinh-doanh', 'ldtbxh'] as const;

/** DOM nodes count as flat when the end is within 5 % or 50 nodes of the start. */
function flat(start: number, end: number): boolean {
  return end - start <= Math.max(50, start * 0.05);
}

/** Records, in the page, when the first field tile is on screen (ms since navigation start). */
const FIRST_TILE = `new MutationObserver((_, o) => {
  if (document.querySelector('[data-testid="field-tile"]')) {
    window.__interactiveAt = performance.now();
    o.disconnect();
  }
}).observe(document, { childList: true, subtree: true })`;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** In the kiosk page: clicks the element and resolves with the ms until the ticket number is in the DOM. */
const tapToTicket = (selector: string): string => `new Promise((resolve) => {
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="ticket-number"]')) {
      observer.disconnect();
      resolve(performance.now() - start);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  document.querySelector(${JSON.stringify(selector)}).click();
})`;

/** In the display page: resolves with the wall-clock time (ms) at which `number` shows as called. */
function numberShownAt(number: string): string {
  return `new Promise((resolve) => {
    const has = () => [...document.querySelectorAll('[data-testid="calling-number"]')].some((e) => e.textContent === ${JSON.stringify(number)});
    const observer = new MutationObserver(() => {
      if (has()) {
        observer.disconnect();
        resolve(performance.timeOrigin + performance.now());
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  })`;
}

function kioskScripts(dist: string): string[] {
  const html = readFileSync(join(dist, 'kiosk', 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
}

interface Figures {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** Progress on stderr (the figures go to stdout at the end). */
const progress = (what: string): void => void process.stderr.write(`terminals bench: ${what}\n`);

const figures = (values: readonly number[]): Figures => ({ p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) });

export async function main(argv: readonly string[]): Promise<number> {
  const { values: given } = parseArgs({
    args: [...argv],
    options: {
      short: { type: 'boolean', default: false },
      runs: { type: 'string' },
      cold: { type: 'string' },
      sessions: { type: 'string' },
      calls: { type: 'string' },
      citizens: { type: 'string' },
    },
  });
  const scale = given.short ? SHORT : FULL;
  const values = {
    runs: given.runs ?? scale.runs,
    cold: given.cold ?? scale.cold,
    sessions: given.sessions ?? scale.sessions,
    calls: given.calls ?? scale.calls,
    citizens: given.citizens ?? scale.citizens,
  };
  for (const [name, value] of Object.entries(values)) {
    if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`--${name} must be a positive whole number, got "${value}"`);
  }
  const loadAtStart = loadavg();
  const runs = Number(values.runs);
  const dist = ensureRendererBuilt();
  const scripts = kioskScripts(dist);
  const gzipBytes = scripts.reduce((sum, s) => sum + gzipSync(readFileSync(join(dist, s)), { level: 9 }).length, 0);

  const hall = await startE2eHall(dist);
  const kioskToken = hall.device('kiosk');
  const terminals = await startSimulatedTerminals({ hallUrl: hall.url, tokens: { kiosk: kioskToken, display: hall.device('display') } });
  const counterToken = hall.device('counter', 'quay-3');
  const username = hall.officer('quay-3');
  const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: counterToken, body: { username, pin: OFFICER_PIN } });
  const officer = { token: counterToken, session: login.json.sessionToken as string };
  await api(hall.url, 'POST', '/api/v1/counters/quay-3/open', { ...officer, body: {} });
  const browser = await launchChromium();
  const soaks: SoakResult[] = [];
  try {
    progress('cold start');
    // 2. cold start: a new context (empty cache) each time
    const cold: number[] = [];
    for (let i = 0; i < Number(values.cold); i++) {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      await page.addInitScript(FIRST_TILE);
      await page.goto(terminals.pageUrl('kiosk'));
      await page.getByTestId('field-tile').first().waitFor();
      cold.push(await page.evaluate<number>('window.__interactiveAt'));
      await context.close();
    }

    progress('tap → ticket');
    // 3. tap → ticket: the quick path's second tap, and the procedure path's priority step
    const kiosk = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    await kiosk.goto(terminals.pageUrl('kiosk'));
    const tap: number[] = [];
    const tapProcedure: number[] = [];
    for (let i = 0; i < runs; i++) {
      await kiosk.getByRole('button', { name: 'Chứng thực', exact: true }).click();
      await kiosk.getByTestId('quick-take-number').waitFor();
      tap.push(await kiosk.evaluate<number>(tapToTicket('[data-testid="quick-take-number"]')));
      await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
      await kioskToPriorityStep(kiosk, { field: 'Chứng thực' });
      tapProcedure.push(await kiosk.evaluate<number>(tapToTicket('[data-testid="take-number"]')));
      await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    }

    progress('display update');
    // 4. display update after callNext
    const display = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await display.goto(terminals.pageUrl('display'));
    await display.locator('[data-testid="connection"][data-status="live"]').waitFor();
    const update: number[] = [];
    for (let i = 0; i < runs; i++) {
      const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'dat-dai' } });
      const number = issued.json.ticket.number as string;
      await display.locator('[data-testid="waiting-dat-dai"]').waitFor();
      const seen = display.evaluate<number>(numberShownAt(number));
      seen.catch(() => {}); // awaited below; a failure before that must not go unhandled
      await new Promise((r) => setTimeout(r, 30)); // observer installed
      const sent = performance.timeOrigin + performance.now();
      const called = await api(hall.url, 'POST', '/api/v1/counters/quay-3/call-next', { ...officer, body: {} });
      if (called.json.ticket?.number !== number) throw new Error(`expected ${number} to be called, got ${JSON.stringify(called.json)}`);
      update.push((await seen) - sent);
      await api(hall.url, 'POST', '/api/v1/counters/quay-3/no-show', { ...officer, body: {} });
    }
    await display.context().close();
    await kiosk.context().close();

    progress(`soak: ${values.sessions} kiosk sessions`);
    // 5. soak: a kiosk page through the sessions, on its own hall (daily number ranges)
    soaks.push(
      await soakOnFreshHall(
        dist,
        browser,
        async (h, t, page) => {
          void h;
          await page.goto(t.pageUrl('kiosk'));
          let reported = 0;
          const progressEvery = (done: number) => {
            if (done - reported < 250) return;
            reported = done;
            progress(`soak: ${done} kiosk sessions done`);
          };
          return soakKiosk(page, { sessions: Number(values.sessions), fields: KIOSK_FIELDS, warmup: 50, progress: progressEvery });
        },
        { width: 1080, height: 1920 },
      ),
    );
    // the display's day, then a counter serving citizens, on another
    const calls = Number(values.calls);
    progress(`soak: a display day of ${calls} calls`);
    soaks.push(
      await soakOnFreshHall(
        dist,
        browser,
        async (h, t, page, kioskTokenOfHall) => {
          const counterId = 'quay-6';
          const token = h.device('counter', counterId);
          const session = (await api(h.url, 'POST', '/api/v1/sessions', { token, body: { username: h.officer(counterId), pin: OFFICER_PIN } })).json
            .sessionToken as string;
          await api(h.url, 'POST', `/api/v1/counters/${counterId}/open`, { token, session, body: {} });
          await page.addInitScript(COUNT_PLAYBACK);
          await page.goto(t.pageUrl('display'));
          await page.locator('[data-testid="connection"][data-status="live"]').waitFor();
          return soakDisplay(page, {
            hallUrl: h.url,
            kioskToken: kioskTokenOfHall,
            officer: { token, session },
            counterId,
            serviceIds: DAY_SERVICES,
            calls,
            dayMs: 12 * 3_600_000,
            warmup: 50,
            progress: (done) => void (done % 250 === 0 && progress(`soak: ${done} display calls done`)),
          });
        },
        { width: 1920, height: 1080 },
      ),
    );
    progress(`soak: a counter serving ${values.citizens} citizens`);
    soaks.push(
      await soakOnFreshHall(
        dist,
        browser,
        async (h, t, page, kioskTokenOfHall) => {
          await page.goto(t.pageUrl('counter'));
          await logIn(page, h.officer('quay-1'));
          await openCounter(page);
          return soakCounter(page, { hallUrl: h.url, kioskToken: kioskTokenOfHall, serviceId: 'ho-tich', citizens: Number(values.citizens), warmup: 10 });
        },
        { width: 1366, height: 768 },
      ),
    );

    const mb = (bytes: number) => bytes / 1_048_576;
    const soakFigures = soaks.map((r) => ({
      label: r.label,
      units: r.units,
      seconds: Math.round(r.seconds),
      heapStartMb: Math.round(mb(r.start.heapBytes) * 100) / 100,
      heapEndMb: Math.round(mb(r.end.heapBytes) * 100) / 100,
      heapGrowthMb: Math.round(mb(r.end.heapBytes - r.start.heapBytes) * 100) / 100,
      nodesStart: r.start.nodes,
      nodesEnd: r.end.nodes,
      listenersStart: r.start.listeners,
      listenersEnd: r.end.listeners,
      notes: r.notes,
    }));
    const result = {
      at: new Date().toISOString(),
      // 1-, 5- and 15-minute load averages of the machine (other work disturbs the figures).
      loadAverage: { start: loadAtStart.map((l) => Math.round(l * 100) / 100), end: loadavg().map((l) => Math.round(l * 100) / 100) },
      scale: values,
      runs,
      kioskScripts: scripts,
      kioskGzipKb: Math.round((gzipBytes / 1024) * 10) / 10,
      coldStartMs: figures(cold),
      tapToTicketMs: figures(tap),
      tapToTicketProcedureMs: figures(tapProcedure),
      displayUpdateMs: figures(update),
      soak: soakFigures,
      goals: GOALS,
    };
    const soakMet = (label: string) => {
      const f = soakFigures.find((x) => x.label === label);
      return f !== undefined && f.heapGrowthMb <= GOALS.soakHeapGrowthMb && flat(f.nodesStart, f.nodesEnd);
    };
    const met = {
      kioskGzip: result.kioskGzipKb <= GOALS.kioskGzipKb,
      coldStart: result.coldStartMs.p95 <= GOALS.coldStartP95Ms,
      tapToTicket: result.tapToTicketMs.p95 <= GOALS.tapToTicketP95Ms,
      displayUpdate: result.displayUpdateMs.p95 <= GOALS.displayUpdateP95Ms,
      kioskSoak: soakMet('kiosk sessions'),
      displaySoak: soakMet('display day'),
    };
    const f = (n: number) => n.toFixed(1);
    const line = (name: string, v: Figures, goal: number, ok: boolean) =>
      `${name.padEnd(19)}p50 ${f(v.p50)} ms  p95 ${f(v.p95)} ms  max ${f(v.max)} ms   goal p95 ≤ ${goal} ms   ${ok ? 'met' : 'MISSED'}`;
    process.stdout.write(
      [
        `kiosk JS gzip      ${f(result.kioskGzipKb)} KB (${scripts.length} scripts)   goal ≤ ${GOALS.kioskGzipKb} KB   ${met.kioskGzip ? 'met' : 'MISSED'}`,
        line('cold start', result.coldStartMs, GOALS.coldStartP95Ms, met.coldStart),
        line('tap → ticket', result.tapToTicketMs, GOALS.tapToTicketP95Ms, met.tapToTicket),
        `${'  (procedure path)'.padEnd(19)}p50 ${f(result.tapToTicketProcedureMs.p50)} ms  p95 ${f(result.tapToTicketProcedureMs.p95)} ms  max ${f(result.tapToTicketProcedureMs.max)} ms`,
        line('display update', result.displayUpdateMs, GOALS.displayUpdateP95Ms, met.displayUpdate),
        ...soakFigures.map(
          (x) =>
            `soak: ${`${x.units} ${x.label}`.padEnd(24)} heap ${f(x.heapStartMb)} → ${f(x.heapEndMb)} MB (${x.heapGrowthMb >= 0 ? '+' : ''}${f(x.heapGrowthMb)})  DOM nodes ${x.nodesStart} → ${x.nodesEnd}  listeners ${x.listenersStart} → ${x.listenersEnd}  ${x.seconds} s  ${Object.entries(
              x.notes,
            )
              .map(([k, v]) => `${k} ${v}`)
              .join(' ')}` +
            (x.label === 'counter citizens' ? '' : `   goal ≤ ${GOALS.soakHeapGrowthMb} MB, nodes flat   ${soakMet(x.label) ? 'met' : 'MISSED'}`),
        ),
        '',
      ].join('\n'),
    );
    process.stdout.write(`load average (1, 5, 15 min): start ${result.loadAverage.start.join(' ')}, end ${result.loadAverage.end.join(' ')}\n`);
    if (given.short) {
      process.stdout.write('--short: figures not written\n');
      return 0;
    }
    const dir = join('test', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const text = `${JSON.stringify({ ...result, met }, null, 2)}\n`;
    writeFileSync(join(dir, `terminals-${result.at.slice(0, 19).replace(/:/g, '-')}Z.json`), text);
    writeFileSync(join(dir, 'terminals-latest.json'), text);
    return 0;
  } finally {
    await browser.close();
    await terminals.stop();
    await hall.close();
  }
}

/** Runs one soak on a hall of its own (fresh database: the day's number ranges are the soak's). */
async function soakOnFreshHall(
  dist: string,
  browser: Browser,
  run: (hall: E2eHall, terminals: SimulatedTerminals, page: Page, kioskToken: string) => Promise<SoakResult>,
  viewport: { readonly width: number; readonly height: number },
): Promise<SoakResult> {
  const hall = await startE2eHall(dist);
  const kioskToken = hall.device('kiosk');
  const terminals = await startSimulatedTerminals({
    hallUrl: hall.url,
    tokens: { kiosk: kioskToken, display: hall.device('display'), counter: hall.device('counter', 'quay-1') },
    counterId: 'quay-1',
  });
  const context = await browser.newContext({ viewport });
  try {
    await context.clock.install();
    return await run(hall, terminals, await context.newPage(), kioskToken);
  } finally {
    await context.close();
    await terminals.stop();
    await hall.close();
  }
}
