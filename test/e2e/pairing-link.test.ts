/**
 * Pairing links (`npm start` prints them): the rating tablet and the dashboard opened in Debian
 * Chromium with a one-time pairing code in the URL fragment pair themselves and open ready, the
 * code leaves the address bar, and a second page with the same code shows the pairing screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from '@playwright/test';
import { launchChromium } from '../support/chromium.ts';
import { startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const WAIT = { timeout: 20_000 };

describe('pairing links', () => {
  let hall: E2eHall;
  let browser: Browser;
  before(async () => {
    hall = await startE2eHall(ensureRendererBuilt());
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('the rating tablet pairs from its link, bound to its counter, and drops the code from the address bar', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${hall.url}/rating/#pair=${hall.pairingCode('rating', 'quay-1')}`);
    await page.getByTestId('rating-idle').waitFor(WAIT);
    assert.equal(new URL(page.url()).hash, '');
    const stored = JSON.parse((await page.evaluate<string | null>("localStorage.getItem('hall.device.rating')")) ?? '{}');
    assert.equal(stored.counterId, 'quay-1');
    assert.match(stored.token, /^dev/);
  });

  it('the dashboard pairs from its link; the same code a second time shows the pairing screen', async () => {
    const code = hall.pairingCode('dashboard');
    const first = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await first.goto(`${hall.url}/dashboard/#pair=${code}`);
    await first.getByTestId('kpis').waitFor(WAIT);
    assert.equal(new URL(first.url()).hash, '');
    const second = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await second.goto(`${hall.url}/dashboard/#pair=${code}`);
    await second.getByLabel('Mã ghép nối').waitFor(WAIT);
    assert.equal(await second.evaluate<string | null>("localStorage.getItem('hall.device.dashboard')"), null);
  });
});
