/**
 * Soak runs of the terminal apps in Chromium (used by `npm run bench -- terminals`): one page
 * through a business day's work, with Playwright's clock installed so idle timeouts, rating
 * windows and the display's clock run fast, and the page's JS heap and DOM counters (Chrome
 * DevTools Protocol, once garbage collection has settled) read at the start and at the end.
 */
import type { Page } from '@playwright/test';
import { api } from './hall-server.ts';

export interface PageMemory {
  /** JS heap in use once garbage collection has settled, bytes. */
  readonly heapBytes: number;
  /** DOM nodes alive (Memory.getDOMCounters), attached or not. */
  readonly nodes: number;
  readonly listeners: number;
}

/**
 * The page's heap and DOM counters once garbage collection has settled. Blink frees a dropped
 * DOM tree over several collections (wrappers first, then the nodes, swept lazily), and a tree
 * the page has just dropped stays held for a second or two more (seen: a count unchanged for
 * 1.5 s, then down by 800), so a count read after one or two collections holds dead nodes, more
 * or fewer by chance: collect, wait, and repeat until the node count has not moved for
 * SETTLED_MS.
 */
export async function pageMemory(page: Page): Promise<PageMemory> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let dom = { nodes: -1, jsEventListeners: 0 };
    for (let round = 0, still = 0; round < MAX_GC_ROUNDS && still * GC_PAUSE_MS < SETTLED_MS; round++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await new Promise((resolve) => setTimeout(resolve, GC_PAUSE_MS));
      const next = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
      still = next.nodes === dom.nodes ? still + 1 : 0;
      dom = next;
    }
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return { heapBytes: heap.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
  } finally {
    await cdp.detach();
  }
}

/** How long the node count must stay unchanged between collections GC_PAUSE_MS apart; at most MAX_GC_ROUNDS in all. */
const SETTLED_MS = 4_000;
const GC_PAUSE_MS = 250;
const MAX_GC_ROUNDS = 120;

export interface SoakResult {
  readonly label: string;
  readonly units: number;
  readonly start: PageMemory;
  readonly end: PageMemory;
  readonly seconds: number;
  readonly notes: Readonly<Record<string, number>>;
}

/** In the page: resolves with the first truthy value of `probe` (re-tried on every DOM change). */
const UNTIL = `(probe) => new Promise((resolve) => {
  const first = probe();
  if (first) return resolve(first);
  const o = new MutationObserver(() => { const v = probe(); if (v) { o.disconnect(); resolve(v); } });
  o.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
})`;

/**
 * `count` kiosk sessions in the page, tapped as a citizen does: a field then "Lấy số thứ tự"
 * (every fifth through the field's first procedure and the priority step), the ticket on screen,
 * "Hoàn tất". Runs inside the page so the browser's own work is what is measured. A tap is what a
 * finger gives the page (pointerdown, pointerup, click), so the kiosk sees the citizen's activity.
 * `window.__soakAt` tells how far it got (for the stall report).
 */
function kioskSessionsScript(fields: readonly string[], offset: number, count: number): string {
  return `(async () => {
    const until = ${UNTIL};
    const q = (s) => document.querySelector(s);
    const button = (text) => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === text);
    const tap = (el) => {
      for (const type of ['pointerdown', 'pointerup']) el.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, isPrimary: true, pointerType: 'touch' }));
      el.click();
    };
    const fields = ${JSON.stringify(fields)};
    const screen = (name) => until(() => document.querySelector('.kiosk[data-screen="' + name + '"]'));
    for (let i = ${offset}; i < ${offset + count}; i++) {
      window.__soakAt = i;
      await screen('home');
      tap(await until(() => button(fields[i % fields.length])));
      await screen('field');
      if (i % 5 === 4) {
        tap(await until(() => q('ul.list button')));
        await screen('procedure');
        tap(await until(() => button('Lấy số thứ tự')));
        await screen('priority');
        tap(await until(() => q('[data-testid="take-number"]')));
      } else {
        tap(await until(() => q('[data-testid="quick-take-number"]')));
      }
      // The ticket on screen; the print goes on behind it (a jump of the clock may time a device call out).
      await until(() => q('[data-testid="ticket-number"]'));
      tap(await until(() => button('Hoàn tất')));
    }
    await screen('home');
  })()`;
}

/** A batch of sessions that has not finished after this long has stalled (a batch takes seconds). */
const BATCH_STALL_MS = 120_000;
/** A called number not on the display after this long has stalled (it takes milliseconds). */
const CALL_STALL_MS = 30_000;

/** Runs `work`; if it has not finished after `ms`, fails with what `where` tells about the page. */
async function withinOrStalled<T>(work: Promise<T>, ms: number, where: () => Promise<string>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => void where().then((w) => reject(new Error(`soak stalled for ${ms / 1000} s: ${w}`)), reject), ms);
  });
  try {
    return await Promise.race([work, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The kiosk: `sessions` sessions, one in every 25 left on a field until the idle timeout ends it
 * (the clock jumps 90 s: warning, then the wipe). Memory is read after `warmup` sessions and at the end.
 */
export async function soakKiosk(
  kiosk: Page,
  options: { readonly sessions: number; readonly fields: readonly string[]; readonly warmup: number; readonly progress?: (done: number) => void },
): Promise<SoakResult> {
  const started = performance.now();
  let done = 0;
  let idleExits = 0;
  const where = async () =>
    `at kiosk session ${await kiosk.evaluate<number>('window.__soakAt')}, screen ${await kiosk.evaluate<string>(`document.querySelector('.kiosk')?.dataset.screen ?? 'none'`)}`;
  const run = async (count: number): Promise<void> => {
    while (count > 0) {
      const batch = Math.min(count, 24);
      await withinOrStalled(kiosk.evaluate(kioskSessionsScript(options.fields, done, batch)), BATCH_STALL_MS, where);
      done += batch;
      count -= batch;
      if (count > 0 && done % 24 === 0) {
        // A citizen walks away from a field screen: the idle timeout ends the session.
        await kiosk.getByRole('button', { name: options.fields[done % options.fields.length]!, exact: true }).click();
        await kiosk.getByTestId('quick-take-number').waitFor();
        await kiosk.clock.fastForward(90_000);
        await kiosk.getByTestId('field-tile').first().waitFor();
        await kiosk.getByTestId('quick-take-number').waitFor({ state: 'detached' });
        idleExits += 1;
        done += 1;
        count -= 1;
      }
      options.progress?.(done);
    }
  };
  const warmup = Math.min(options.warmup, Math.floor(options.sessions / 2));
  await run(warmup);
  const start = await pageMemory(kiosk);
  await run(options.sessions - warmup);
  const end = await pageMemory(kiosk);
  return { label: 'kiosk sessions', units: done, start, end, seconds: (performance.now() - started) / 1000, notes: { idleExits } };
}

export interface DisplayDayOptions {
  readonly hallUrl: string;
  readonly kioskToken: string;
  readonly officer: { readonly token: string; readonly session: string };
  readonly counterId: string;
  readonly serviceIds: readonly string[];
  readonly calls: number;
  /** Length of the day the calls are spread over (ms); the page's clock jumps by its share after each call. */
  readonly dayMs: number;
  readonly warmup: number;
  /** Called after each call with the number of calls done. */
  readonly progress?: (done: number) => void;
}

/**
 * The display through a day: `calls` tickets issued and called at one counter (then marked
 * no-show to free it), each announced with the chime and the voice pack's clips to its end before
 * the next call, the page's clock moving by the call's share of the day. The display counts the
 * clips it started (HTMLMediaElement.play) and the chimes (two tones each).
 */
export async function soakDisplay(display: Page, o: DisplayDayOptions): Promise<SoakResult> {
  const started = performance.now();
  const step = Math.floor(o.dayMs / o.calls);
  const call = async (i: number): Promise<void> => {
    const serviceId = o.serviceIds[i % o.serviceIds.length]!;
    const issued = await api(o.hallUrl, 'POST', '/api/v1/tickets', { token: o.kioskToken, body: { serviceId } });
    if (issued.status !== 201) throw new Error(`issue ${i}: ${JSON.stringify(issued.json)}`);
    const number = issued.json.ticket.number as string;
    const shown = withinOrStalled(
      display.evaluate(
        `(${UNTIL})(() => [...document.querySelectorAll('[data-testid="calling-number"]')].some((e) => e.textContent === ${JSON.stringify(number)}))`,
      ),
      CALL_STALL_MS,
      async () => `display call ${i}: ${number} not shown as called`,
    );
    shown.catch(() => {}); // awaited below; a failure before that must not go unhandled
    const called = await api(o.hallUrl, 'POST', `/api/v1/counters/${o.counterId}/call-next`, { ...o.officer, body: {} });
    if (called.json.ticket?.number !== number) throw new Error(`call ${i}: expected ${number}, got ${JSON.stringify(called.json)}`);
    await shown;
    // The call's announcement to its end (the chime's wait runs on the page's clock, the clips in
    // real time), then the rest of the call's share of the day.
    let advanced = 0;
    const started = performance.now();
    while (!(await display.evaluate<boolean>(ANNOUNCEMENT_OVER))) {
      if (performance.now() - started > CALL_STALL_MS) throw new Error(`display call ${i}: ${number} still being announced after ${CALL_STALL_MS / 1000} s`);
      await display.clock.runFor(ANNOUNCE_TICK_MS);
      advanced += ANNOUNCE_TICK_MS;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (step > advanced) await display.clock.runFor(step - advanced);
    await api(o.hallUrl, 'POST', `/api/v1/counters/${o.counterId}/no-show`, { ...o.officer, body: {} });
  };
  const warmup = Math.min(o.warmup, Math.floor(o.calls / 2));
  for (let i = 0; i < warmup; i++) await call(i);
  const start = await pageMemory(display);
  for (let i = warmup; i < o.calls; i++) {
    await call(i);
    o.progress?.(i + 1);
  }
  await display.clock.runFor(60_000);
  const end = await pageMemory(display);
  const clips = await display.evaluate<number>('window.__clipsStarted ?? 0');
  const announcements = await display.evaluate<number>('window.__chimes ?? 0');
  return {
    label: 'display day',
    units: o.calls,
    start,
    end,
    seconds: (performance.now() - started) / 1000,
    notes: { clipsStarted: clips, chimes: announcements },
  };
}

/** The display's announcement caption is empty: its queue has played out. */
const ANNOUNCEMENT_OVER = `(document.querySelector('[data-testid="announcement"]')?.textContent ?? '').trim() === ''`;
/** Steps of the page's clock while an announcement plays (its chime waits 700 ms on that clock). */
const ANNOUNCE_TICK_MS = 250;

/**
 * Counts, in the display page, the voice clips started and the chimes played (init script). The
 * clips play at 16 times their speed (the most Chromium allows), so a day's 3,000 announcements
 * each play to their end in minutes of real time, not hours.
 */
export const COUNT_PLAYBACK = `(() => {
  window.__clipsStarted = 0;
  window.__chimes = 0;
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (...args) { window.__clipsStarted += 1; this.playbackRate = 16; return play.apply(this, args); };
  const osc = globalThis.AudioContext && AudioContext.prototype.createOscillator;
  if (osc) AudioContext.prototype.createOscillator = function (...args) { window.__chimes += 0.5; return osc.apply(this, args); };
})()`;

/**
 * The counter serving `citizens` citizens, as an officer does it: N calls the next, S starts,
 * "Kết thúc" finishes; the rating window's time then passes on the fast clock.
 */
export async function soakCounter(
  counter: Page,
  o: { readonly hallUrl: string; readonly kioskToken: string; readonly serviceId: string; readonly citizens: number; readonly warmup: number },
): Promise<SoakResult> {
  const started = performance.now();
  const serve = async (i: number): Promise<void> => {
    const issued = await api(o.hallUrl, 'POST', '/api/v1/tickets', { token: o.kioskToken, body: { serviceId: o.serviceId } });
    if (issued.status !== 201) throw new Error(`issue ${i}: ${JSON.stringify(issued.json)}`);
    const number = issued.json.ticket.number as string;
    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).waitFor();
    await counter.keyboard.press('n');
    await counter.getByTestId('current-number').filter({ hasText: number }).waitFor();
    await counter.keyboard.press('s');
    await counter.getByTestId('current-status').filter({ hasText: 'Đang phục vụ' }).waitFor();
    await counter.getByRole('button', { name: /Kết thúc/ }).click();
    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).waitFor();
    // The rating window's 30 s pass on the page's clock.
    await counter.clock.runFor(31_000);
  };
  const warmup = Math.min(o.warmup, Math.floor(o.citizens / 2));
  for (let i = 0; i < warmup; i++) await serve(i);
  const start = await pageMemory(counter);
  for (let i = warmup; i < o.citizens; i++) await serve(i);
  const end = await pageMemory(counter);
  return { label: 'counter citizens', units: o.citizens, start, end, seconds: (performance.now() - started) / 1000, notes: {} };
}
