/**
 * The browser journeys run over HTTPS and WSS (e2e-hall.ts): Debian Chromium trusts the hall CA
 * only through its public-key pin (--ignore-certificate-errors-spki-list, chromium.ts), the same
 * trust a terminal sets up at pairing. Shown here: the dashboard opens over https with its live
 * stream on wss and shows the CA fingerprint to check at pairing; the same browser refuses an
 * impostor serving another CA's certificate for the same address; a browser without the pin
 * refuses the hall itself (the pin is what makes it trusted, not a blanket exception).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from '@playwright/test';
import { ownHallTls, wantedNames } from '../../electron/server/hall-tls.ts';
import { CHROMIUM_PATH, launchChromium } from '../support/chromium.ts';
import { startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { tempDir } from '../support/hall-server.ts';
import { until } from '../support/keypad-rating-steps.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const WAIT = { timeout: 20_000 };

describe('browser journeys over HTTPS with the hall CA pinned', () => {
  let hall: E2eHall;
  let browser: Browser;
  let tmp: ReturnType<typeof tempDir>;
  let impostor: Server;
  let impostorUrl: string;
  before(async () => {
    hall = await startE2eHall(ensureRendererBuilt());
    browser = await launchChromium();
    tmp = tempDir('e2e-impostor-');
    const other = await ownHallTls({ dir: join(tmp.dir, 'tls'), names: wantedNames([], [], 'localhost'), hallName: 'Test hall' });
    impostor = createServer({ key: other.key, cert: other.cert }, (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>impostor</p>'));
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    impostorUrl = `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await hall?.close();
    await new Promise<void>((resolve) => impostor?.close(() => resolve()));
    tmp?.cleanup();
  });

  it('the dashboard opens over https, follows the hall over wss and shows the CA fingerprint', async () => {
    assert.match(hall.url, /^https:/);
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${hall.url}/dashboard/#pair=${hall.pairingCode('dashboard')}`);
    await page.getByTestId('kpis').waitFor(WAIT);
    assert.equal(await page.evaluate('location.protocol'), 'https:');
    // The figures come by HTTPS first; the stream opens beside them, not necessarily before.
    await until(() => sockets.some((u) => u.startsWith('wss://127.0.0.1:') && u.endsWith('/api/v1/stream')), 'a wss stream to /api/v1/stream');
    await page.getByRole('button', { name: 'Cấu hình' }).click();
    const shown = await page.getByTestId('ca-fingerprint').textContent(WAIT);
    assert.ok(shown?.includes(hall.caFingerprint), shown ?? '');
  });

  it('the same browser refuses an impostor with another CA’s certificate for the hall’s address', async () => {
    const page = await (await browser.newContext()).newPage();
    await assert.rejects(page.goto(`${impostorUrl}/dashboard/`), /ERR_CERT_AUTHORITY_INVALID/);
  });

  it('without the pin Chromium refuses the hall itself', async () => {
    const plain = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await (await plain.newContext()).newPage();
      await assert.rejects(page.goto(`${hall.url}/dashboard/`), /ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await plain.close();
    }
  });
});
