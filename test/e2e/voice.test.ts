/**
 * A call at counter 57 is spoken with its number, in Debian Chromium against the real hall server:
 * the demo hall with its sixth counter numbered 57; the display (a TV browser with its device
 * token) loads the offline voice pack's manifest and plays the call's clips, the last one
 * "counter-57" ("năm mươi bảy"), never falling back to speech synthesis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api, openDemoHall } from '../support/hall-server.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const WAIT = { timeout: 30_000 };

describe('voice call at counter 57 in Chromium', () => {
  let hall: E2eHall;
  let browser: Browser;
  let display: Page;
  const clips: string[] = [];

  before(async () => {
    const staticDir = ensureRendererBuilt();
    const demo = openDemoHall();
    const config = { ...demo, counters: demo.counters.map((c) => (c.id === 'quay-6' ? { ...c, number: 57 } : c)) };
    hall = await startE2eHall(staticDir, config);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    display = await context.newPage();
    const token = hall.device('display');
    await display.addInitScript(`localStorage.setItem('hall.device.display', ${JSON.stringify(JSON.stringify({ token, counterId: null, role: 'display' }))})`);
    // Speech synthesis would be the fallback: record any use of it.
    await display.addInitScript('window.__spoken = []; if (window.speechSynthesis) window.speechSynthesis.speak = (u) => window.__spoken.push(u.text);');
    display.on('request', (r) => {
      if (r.url().endsWith('.wav')) clips.push(new URL(r.url()).pathname.replace('/voice/vi/', ''));
    });
    await display.goto(`${hall.url}/display/`);
  });

  after(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('speaks "đến quầy số năm mươi bảy" from the voice pack', async () => {
    const serviceId = hall.config.counters.find((c) => c.id === 'quay-6')?.services[0]?.serviceId ?? '';
    const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: hall.device('kiosk'), body: { serviceId } });
    assert.equal(issued.status, 201, JSON.stringify(issued.json));
    const number = issued.json.ticket.number as string;
    const username = hall.officer('quay-6');
    const counterToken = hall.device('counter', 'quay-6');
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: counterToken, body: { username, pin: OFFICER_PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    const officer = { token: counterToken, session: login.json.sessionToken as string };
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-6/open', officer)).status, 200);
    const counter57 = display.waitForRequest((r) => r.url().endsWith('/voice/vi/counter-57.wav'), WAIT);
    const called = await api(hall.url, 'POST', '/api/v1/counters/quay-6/call', { ...officer, body: { ticketId: issued.json.ticket.id } });
    assert.equal(called.status, 200, JSON.stringify(called.json));
    await display
      .getByTestId('announcement')
      .filter({ hasText: `Mời công dân có số ${number} đến quầy số 57` })
      .waitFor(WAIT);
    await counter57;
    const expected = ['invite', ...[...number].map((ch) => (/\d/.test(ch) ? `digit-${ch}` : `letter-${ch}`)), 'to-counter', 'counter-57'].map(
      (k) => `${k}.wav`,
    );
    // A clip heard twice in one call (the two 0s of A001) is fetched once: the browser reuses it.
    const fetched = [...new Set(expected)];
    await display.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wav')).length >= n, fetched.length, WAIT);
    assert.deepEqual(clips.slice(0, fetched.length), fetched);
    assert.deepEqual(await display.evaluate('window.__spoken'), [], 'no speech-synthesis fallback');
  });
});
