/**
 * The hall display in Vietnamese first and English second, in Debian Chromium at 1920×1080 against
 * the real hall server (the demo hall: six services): with three counters calling, six recent
 * calls and a call being announced, every heading, column label, service name, the call's caption
 * and the connection's state read in Vietnamese with their English under them, smaller but at
 * least 18 px; nothing overflows the screen or is cut off; the voice stays Vietnamese.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const WAIT = { timeout: 30_000 };
const VIEWPORT = { width: 1920, height: 1080 };
/** The smallest English text, in CSS pixels at 1920×1080 (the Vietnamese is larger still). */
const MIN_ENGLISH_PX = 18;

/** A Vietnamese text and the English after it, as the page shows them. */
interface Pair {
  readonly vi: string;
  readonly en: string;
  readonly viPx: number;
  readonly enPx: number;
  /** The English starts below the Vietnamese (its own line). */
  readonly enBelow: boolean;
}

/**
 * For each element matching `selector`: its English (the element marked lang="en") and the
 * Vietnamese just before it; null when the element has no English.
 */
function pairsIn(page: Page, selector: string): Promise<(Pair | null)[]> {
  return page.evaluate<(Pair | null)[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
    const en = el.querySelector('[lang="en"]');
    const vi = en?.previousElementSibling;
    if (!en || !vi) return null;
    const px = (e) => parseFloat(getComputedStyle(e).fontSize);
    return {
      vi: vi.textContent.trim(),
      en: en.textContent.trim(),
      viPx: px(vi),
      enPx: px(en),
      enBelow: en.getBoundingClientRect().top >= vi.getBoundingClientRect().bottom - 2,
    };
  })`);
}

/** Every element outside the viewport, or cut off by an ancestor that clips its overflow, with the document's scroll size. */
function overflow(page: Page): Promise<{ scroll: [number, number]; outside: string[] }> {
  return page.evaluate(`(() => {
    const name = (e) => e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + ' "' + (e.textContent || '').trim().slice(0, 30) + '"';
    const outside = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) outside.push(name(el) + ' outside the screen');
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const b = a.getBoundingClientRect();
        if (r.right > b.right + 0.5 || r.bottom > b.bottom + 0.5) outside.push(name(el) + ' cut off by ' + name(a));
      }
    }
    const doc = document.documentElement;
    return { scroll: [doc.scrollWidth, doc.scrollHeight], outside };
  })()`);
}

describe('display: Vietnamese first, English second, on one 1920×1080 screen', () => {
  let hall: E2eHall;
  let browser: Browser;
  let display: Page;
  const clips: string[] = [];
  const officers = new Map<string, { token: string; session: string }>();

  const counter = async (counterId: string, action: string, body: object = {}) => {
    const r = await api(hall.url, 'POST', `/api/v1/counters/${counterId}/${action}`, { ...officers.get(counterId), body });
    assert.equal(r.status, 200, `${counterId} ${action}: ${JSON.stringify(r.json)}`);
    return r.json;
  };

  before(async () => {
    hall = await startE2eHall(ensureRendererBuilt());
    const kiosk = hall.device('kiosk');
    // People waiting in each of the six queues.
    for (const [serviceId, n] of [
      ['ho-tich', 4],
      ['chung-thuc', 4],
      ['dat-dai', 3],
      ['xay-dung', 2],
      ['dang-ky-kinh-doanh', 1],
      ['ldtbxh', 1],
    ] as const) {
      for (let i = 0; i < n; i++) assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } })).status, 201);
    }
    for (const counterId of ['quay-1', 'quay-2', 'quay-3']) {
      const token = hall.device('counter', counterId);
      const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username: hall.officer(counterId), pin: OFFICER_PIN } });
      assert.equal(login.status, 201, JSON.stringify(login.json));
      officers.set(counterId, { token, session: login.json.sessionToken as string });
      await counter(counterId, 'open');
    }
    // Five calls before the display starts: three served, two still called.
    for (const counterId of ['quay-1', 'quay-2', 'quay-3']) {
      await counter(counterId, 'call-next');
      await counter(counterId, 'start');
      await counter(counterId, 'finish', { outcome: 'guidance_only' });
    }
    await counter('quay-1', 'call-next');
    await counter('quay-2', 'call-next');

    browser = await launchChromium();
    display = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    const token = hall.device('display');
    await display.addInitScript(`localStorage.setItem('hall.device.display', ${JSON.stringify(JSON.stringify({ token, counterId: null, role: 'display' }))})`);
    display.on('request', (r) => {
      if (r.url().endsWith('.wav')) clips.push(new URL(r.url()).pathname);
    });
    await display.goto(`${hall.url}/display/`);
    await display.locator('ol.recent li').nth(4).waitFor(WAIT);
  });

  after(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('a call is captioned in Vietnamese, then in English, and spoken in Vietnamese; nothing overflows the screen while it shows', async () => {
    const called = await counter('quay-3', 'call-next');
    const number = called.ticket.number as string;
    const caption = display.getByTestId('announcement').filter({ hasText: `Mời công dân có số ${number} đến quầy số 3` });
    await caption.waitFor(WAIT);
    const [pair] = await pairsIn(display, '[data-testid="announcement"]');
    assert.deepEqual(pair && [pair.vi, pair.en], [`Mời công dân có số ${number} đến quầy số 3`, `Number ${number}, please go to counter 3`]);
    assert.ok(pair && pair.enBelow && pair.enPx < pair.viPx && pair.enPx >= MIN_ENGLISH_PX, JSON.stringify(pair));

    // Three counters calling, six recent calls, six queues, and the caption: the worst case of the screen.
    assert.equal(await display.getByTestId('calling-row').count(), 3);
    assert.equal(await display.locator('ol.recent li').count(), 6);
    const { scroll, outside } = await overflow(display);
    assert.deepEqual(scroll, [VIEWPORT.width, VIEWPORT.height], 'no scrolling');
    assert.deepEqual(outside, [], 'nothing outside the screen or cut off');

    await display.waitForRequest((r) => r.url().endsWith('/to-counter.wav'), WAIT);
    assert.ok(clips.length > 0 && clips.every((path) => path.startsWith('/voice/vi/')), `the Vietnamese voice only: ${clips.join(', ')}`);
  });

  it('every heading and column label in Vietnamese with its English under it, smaller but readable from afar', async () => {
    const pairs = [...(await pairsIn(display, 'h2')), ...(await pairsIn(display, 'th'))];
    assert.deepEqual(
      pairs.map((p) => p && [p.vi, p.en]),
      [
        ['Đang mời', 'Now calling'],
        ['Thời gian chờ trung bình hôm nay', 'Average wait today'],
        ['Số vừa gọi', 'Recently called'],
        ['Đang chờ', 'Waiting'],
        ['Số', 'Number'],
        ['Quầy', 'Counter'],
      ],
    );
    const [target] = await pairsIn(display, '[data-testid="wait-target"]');
    assert.deepEqual(target && [target.vi, target.en], ['Mục tiêu 15 phút', 'Target 15 minutes']);
    const [hallName] = await pairsIn(display, 'h1');
    assert.deepEqual(hallName && [hallName.vi, hallName.en], [hall.config.hall.name.vi, hall.config.hall.name.en]);
    for (const p of [...pairs, target, hallName]) assert.ok(p && p.enBelow && p.enPx < p.viPx && p.enPx >= MIN_ENGLISH_PX, JSON.stringify(p));
    // The connection's badge (shared with the other apps) and its English under it.
    const badgeEnglish = '[data-testid="connection"] + [lang="en"]';
    assert.equal(await display.getByTestId('connection').textContent(), 'Đã kết nối');
    assert.equal(await display.locator(badgeEnglish).textContent(), 'Connected');
    const badgePx = await display.evaluate<number>(`parseFloat(getComputedStyle(document.querySelector('${badgeEnglish}')).fontSize)`);
    assert.ok(badgePx >= MIN_ENGLISH_PX, `${badgePx} px`);
  });

  it("each queue's name in Vietnamese with the configuration's English under it", async () => {
    const pairs = await pairsIn(display, '[data-testid^="waiting-"]');
    assert.deepEqual(
      pairs.map((p) => p && [p.vi, p.en]),
      hall.config.services.map((s) => [`${s.prefix} · ${s.name.vi}`, s.name.en]),
    );
    for (const p of pairs) assert.ok(p && p.enBelow && p.enPx < p.viPx && p.enPx >= MIN_ENGLISH_PX, JSON.stringify(p));
    assert.deepEqual(await seriousA11yViolations(display), []);
  });

  it('six counters calling at once still fit the screen', async () => {
    for (const counterId of ['quay-4', 'quay-5', 'quay-6']) {
      const token = hall.device('counter', counterId);
      const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username: hall.officer(counterId), pin: OFFICER_PIN } });
      assert.equal(login.status, 201, JSON.stringify(login.json));
      officers.set(counterId, { token, session: login.json.sessionToken as string });
      await counter(counterId, 'open');
      await counter(counterId, 'call-next');
    }
    await display.locator('[data-testid="calling-row"][data-counter="6"]').waitFor(WAIT);
    assert.equal(await display.getByTestId('calling-row').count(), 6);
    const { scroll, outside } = await overflow(display);
    assert.deepEqual(scroll, [VIEWPORT.width, VIEWPORT.height], 'no scrolling');
    assert.deepEqual(outside, [], 'nothing outside the screen or cut off');
  });
});
