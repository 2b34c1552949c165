/**
 * Screenshots of the province dashboard at 1440×900 (docs/screens/province*.png), part of
 * `npm run screens`; alone: `node --import tsx test/screens/province-screens.ts`. Runs the province
 * part of `npm start -- --province` (scripts/demo-province.ts: a throwaway PostgreSQL cluster, the
 * hub, a month of simulated history, two live demo halls with paced traffic) on 127.0.0.1, lets the
 * live halls work for half a minute, then logs in as the demo supervisor.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startProvinceDemo } from '../../scripts/demo-province.ts';
import { launchChromium } from '../support/chromium.ts';
import { tempDir } from '../support/hall-server.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const OUT = join('docs', 'screens');
/** How long the live demo halls take tickets and serve before the first screenshot. */
const WORK_MS = 30_000;

async function shot(p: Page, name: string): Promise<void> {
  await p.waitForTimeout(300); // let transitions and fonts settle
  await p.screenshot({ path: join(OUT, `${name}.png`) });
  process.stdout.write(`docs/screens/${name}.png\n`);
}

export async function provinceScreens(): Promise<void> {
  const staticDir = ensureRendererBuilt();
  const tmp = tempDir('province-screens-');
  const demo = await startProvinceDemo({
    port: 0,
    host: '127.0.0.1',
    staticDir,
    historyHalls: 12,
    hallsDir: tmp.dir,
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  const browser = await launchChromium({ lang: 'vi-VN' });
  try {
    await new Promise((r) => setTimeout(r, WORK_MS));
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    await page.goto(`${demo.hubUrl}/province/`);
    await page.getByLabel('Tên đăng nhập').fill(demo.supervisor.username);
    await page.getByLabel('Mã PIN').fill(demo.supervisor.pin);
    await shot(page, 'province-login');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('hall-phuong-hai-chau').waitFor();
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor();
    await shot(page, 'province');
    await page.getByRole('button', { name: 'Bộ phận Một cửa phường Hải Châu' }).click();
    await page.getByTestId('hall-detail').getByTestId('detail-counters').waitFor();
    await shot(page, 'province-hall');
    await page.getByRole('button', { name: 'Bộ chỉ số 766' }).click();
    await page.getByTestId('ranking').locator('tbody tr').first().waitFor();
    await shot(page, 'province-766');
    await page.getByRole('button', { name: 'Năng suất QĐ 468' }).click();
    await page.getByTestId('productivity').locator('tbody tr').first().waitFor();
    await shot(page, 'province-468');
  } finally {
    await browser.close();
    await demo.stop();
    tmp.cleanup();
  }
}

if (process.argv[1]?.endsWith('province-screens.ts')) await provinceScreens();
