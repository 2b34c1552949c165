/**
 * EForm in Debian Chromium on a page of its own (test/support/eform-harness, built by Vite into a
 * temp folder and served on 127.0.0.1 port 0): the card's values marked "Từ thẻ CCCD", a
 * conditional field appearing, a repeated group growing and shrinking, validateForm's Vietnamese
 * messages under their fields through aria-describedby with the focus on the first, the keypad
 * snippet typing into the focused field, the read-only rendering, and axe-core.
 */
import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Browser, Page } from '@playwright/test';
import { build } from 'vite';
import { launchChromium } from '../support/chromium.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

describe('e-form in Chromium', () => {
  let out: string;
  let server: Server;
  let browser: Browser;
  let page: Page;

  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'eform-harness-'));
    await build({
      configFile: false,
      root: 'test/support/eform-harness',
      base: '/',
      logLevel: 'warn',
      plugins: [svelte()],
      build: { outDir: out, emptyOutDir: true, target: 'chrome120' },
    });
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(out, path === '/' ? 'index.html' : path);
      readFile(file).then(
        (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.getByRole('heading', { name: 'Tờ khai thử', level: 1 }).waitFor({ timeout: 15_000 });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('shows the values read from the card, marked as such, with the address split into its parts', async () => {
    assert.equal(await page.getByLabel('Họ, chữ đệm, tên', { exact: true }).inputValue(), 'Nguyễn Văn An');
    assert.equal(await page.getByLabel('Tỉnh, thành phố – Nơi cư trú').inputValue(), 'Thành phố Hà Nội');
    assert.equal(await page.getByLabel('Xã, phường, đặc khu – Nơi cư trú').inputValue(), 'Phường Hoàn Kiếm');
    assert.equal(await page.locator('#ef-fullName-card').textContent(), 'Từ thẻ CCCD');
    assert.match((await page.getByLabel('Họ, chữ đệm, tên', { exact: true }).getAttribute('aria-describedby')) ?? '', /ef-fullName-card/);
    assert.equal(await page.locator('#ef-residence-card').count(), 1);
    await page.getByLabel('Họ, chữ đệm, tên', { exact: true }).fill('Nguyễn Văn Anh');
    assert.equal(await page.locator('#ef-fullName-card').count(), 0, 'an edited value is no longer from the card');
  });

  it('shows a conditional field only while its condition holds', async () => {
    assert.equal(await page.getByLabel('Quan hệ khác').count(), 0);
    await page.getByRole('button', { name: 'Khác', exact: true }).click();
    await page.getByLabel('Quan hệ khác').waitFor();
    await page.getByRole('button', { name: 'Cha', exact: true }).click();
    assert.equal(await page.getByLabel('Quan hệ khác').count(), 0);
  });

  it('adds and removes items of a repeated group', async () => {
    await page.getByRole('button', { name: 'Thêm con' }).click();
    await page.getByLabel('Ngày sinh – Con thứ 2').waitFor();
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'ef-children-1-born', 'the new item takes the focus');
    await page.getByRole('button', { name: 'Xóa Con thứ 2' }).click();
    assert.equal(await page.getByLabel('Ngày sinh – Con thứ 2').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Xóa Con thứ 1' }).count(), 0, 'never below the minimum');
  });

  it('types with the keypad into the focused field: the date pad writes dd/mm/yyyy', async () => {
    await page.getByLabel('Ngày sinh – Con thứ 1').focus();
    assert.equal(await page.getByTestId('keypad-kind').textContent(), 'digits');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Gõ 1' }).click();
    assert.equal(await page.getByLabel('Ngày sinh – Con thứ 1').inputValue(), '11/1');
  });

  it("puts validateForm's Vietnamese messages under their fields and focuses the first", async () => {
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const id = page.getByLabel('Số định danh cá nhân');
    await page.locator('#ef-idNumber-error').waitFor();
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'ef-idNumber', 'the first problem has the focus');
    assert.equal(await id.getAttribute('aria-invalid'), 'true');
    assert.match((await id.getAttribute('aria-describedby')) ?? '', /ef-idNumber-error/);
    assert.equal(await page.locator('#ef-idNumber-error').textContent(), 'Số định danh cá nhân phải gồm đúng 12 chữ số.');
    assert.match((await page.locator('#ef-children-0-born-error').textContent()) ?? '', /ngày\/tháng\/năm/);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('accepts the corrected form, and the read-only rendering shows the same values', async () => {
    await page.getByLabel('Số định danh cá nhân').fill('001200012345');
    await page.getByLabel('Ngày sinh – Con thứ 1').fill('02/02/2026');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const result = JSON.parse((await page.getByTestId('result').textContent()) ?? '{}') as Record<string, unknown>;
    assert.equal(result.fullName, 'Nguyễn Văn Anh');
    assert.equal(result.relation, 'cha');
    const view = page.getByRole('region', { name: 'Bản xem' });
    assert.equal(await view.locator('input, select, button').count(), 0);
    await view.getByText('Cha', { exact: true }).waitFor();
    await view.getByText('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội').waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
  });
});
