/**
 * Pairing links (`npm start` prints them): the rating tablet and the dashboard opened in Debian
 * Chromium with a one-time pairing code in the URL fragment pair themselves and open ready, the
 * code leaves the address bar, and a second page with the same code shows the pairing screen. The
 * dashboard's token is an HttpOnly cookie page script cannot read, refused to another origin's page.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from '@playwright/test';
import { launchChromium } from '../support/chromium.ts';
import { startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { testHallTls } from '../support/test-tls.ts';

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
    // The idle screen shows while the app still starts (AppShell): wait for the pairing to be kept.
    await page.waitForFunction("localStorage.getItem('hall.device.rating') !== null", null, WAIT);
    assert.equal(new URL(page.url()).hash, '');
    const stored = JSON.parse((await page.evaluate<string | null>("localStorage.getItem('hall.device.rating')")) ?? '{}');
    assert.equal(stored.counterId, 'quay-1');
    assert.match(stored.token, /^dev/);
  });

  it('the dashboard pairs from its link; the same code a second time shows the pairing screen', async () => {
    const code = hall.pairingCode('dashboard');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const first = await context.newPage();
    await first.goto(`${hall.url}/dashboard/#pair=${code}`);
    await first.getByTestId('kpis').waitFor(WAIT);
    assert.equal(new URL(first.url()).hash, '');

    // Its token is an HttpOnly cookie: no page script can read it (hardening finding 10).
    const [jar] = (await context.cookies(hall.url)).filter((c) => c.name === 'hall_device');
    assert.deepEqual([jar?.httpOnly, jar?.sameSite, jar?.value.startsWith('dev_')], [true, 'Strict', true]);
    assert.equal(await first.evaluate('document.cookie'), '');
    const remembered = (await first.evaluate<string | null>("localStorage.getItem('hall.device.dashboard')")) ?? '';
    assert.ok(!remembered.includes(jar?.value ?? '-'), remembered);
    assert.equal(JSON.parse(remembered).token, null);
    // It keeps working after a reload (the live stream and the API ride on the cookie).
    await first.reload();
    await first.getByTestId('kpis').waitFor(WAIT);
    await first.locator('[data-testid="connection"][data-status="live"]').waitFor(WAIT);

    // A page of another origin on the same host is "same-site": the browser sends the Strict
    // cookie with its request, and the hall refuses it for its Origin.
    const tls = await testHallTls();
    const attacker = createServer({ key: tls.key, cert: tls.cert }, (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>x</title>'),
    );
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const evil = await context.newPage();
      await evil.goto(`https://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const answered = evil.waitForResponse((r) => r.url().endsWith('/api/v1/hall/config'));
      await evil.evaluate((url) => fetch(url, { credentials: 'include', mode: 'no-cors' }).catch(() => null), `${hall.url}/api/v1/hall/config`);
      const response = await answered;
      // 403, not 401: the browser did send the cookie, and the hall refused it for where the request came from.
      assert.equal(response.status(), 403);
    } finally {
      attacker.close();
    }
    const second = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await second.goto(`${hall.url}/dashboard/#pair=${code}`);
    await second.getByLabel('Mã ghép nối').waitFor(WAIT);
    assert.equal(await second.evaluate<string | null>("localStorage.getItem('hall.device.dashboard')"), null);
  });
});
