/**
 * Every kiosk action within a wheelchair user's reach (PRODUCT.md, Accessibility: 380–1220 mm
 * above the floor, the lower part of the portrait screen: renderer/kiosk/reach.ts), in Debian
 * Chromium at 1080×1920 against a real hall server and the kiosk's real device host with simulated
 * devices. The toolbar (help, language, large text, high contrast, spoken guidance, reach mode)
 * lies in the zone on every screen; with reach mode on, every visible enabled control of every
 * screen reachable without hardware lies in it (scrolled into view inside the zone first); the
 * idle warning too; reach mode is off again for the next citizen; axe-core finds nothing serious.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { KIOSK_HEIGHT_PX, REACH_TOP_PX } from '../../renderer/kiosk/reach.ts';
import { launchChromium } from '../support/chromium.ts';
import { startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { kioskHome, quickTicket } from '../support/kiosk-steps.ts';
import { seriousA11yViolations, smallTouchTargets } from '../support/page-checks.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { need, startSimulatedTerminals, type SimulatedTerminals } from '../support/simulated-terminals.ts';

const WAIT = { timeout: 15_000 };
const REACH_MODE = 'Hạ thấp giao diện';
/** The toolbar's buttons by their Vietnamese names (help is not offered on the help screen). */
const TOOLBAR = ['Cần hỗ trợ', 'English', 'Chữ lớn', 'Tương phản cao', 'Hướng dẫn bằng giọng nói', REACH_MODE];
const INTERACTIVE = 'button, a[href], input, select, textarea, [role="button"]';

interface ReachReport {
  /** How many visible enabled controls were measured. */
  readonly checked: number;
  /** Those not wholly within the zone, as readable lines. */
  readonly outside: readonly string[];
}

/**
 * Measures every visible enabled control of the page: one inside the kiosk's zone container is
 * scrolled into view there first (as a citizen would scroll the zone), then its box must lie
 * within [top, bottom] of the viewport.
 */
function reachReport(page: Page, top = REACH_TOP_PX, bottom = KIOSK_HEIGHT_PX): Promise<ReachReport> {
  // In the page (a string: this project's test types have no DOM).
  return page.evaluate<ReachReport>(`(() => {
    const [top, bottom] = [${top}, ${bottom}];
    const zone = document.querySelector('[data-testid="kiosk-zone"]');
    const outside = [];
    let checked = 0;
    for (const el of document.querySelectorAll(${JSON.stringify(INTERACTIVE)})) {
      if (el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true') continue;
      const first = el.getBoundingClientRect();
      if (first.width === 0 || first.height === 0 || !el.checkVisibility({ visibilityProperty: true })) continue;
      if (zone && zone.contains(el)) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      checked += 1;
      if (r.top < top || r.bottom > bottom) {
        const name = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
        outside.push(el.tagName.toLowerCase() + ' "' + name + '" ' + Math.round(r.top) + '–' + Math.round(r.bottom));
      }
    }
    return { checked, outside };
  })()`);
}

/** The toolbar's buttons not wholly within the zone (or missing), as readable lines. */
async function toolbarOutsideReach(page: Page, names: readonly string[] = TOOLBAR): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const button = page.getByRole('button', { name, exact: true });
    if ((await button.count()) !== 1) {
      out.push(`"${name}": ${await button.count()} buttons`);
      continue;
    }
    const box = await button.boundingBox();
    if (box === null || box.y < REACH_TOP_PX || box.y + box.height > KIOSK_HEIGHT_PX)
      out.push(`"${name}" at ${box ? `${Math.round(box.y)}–${Math.round(box.y + box.height)}` : 'no box'}`);
  }
  return out;
}

/** Whether reach mode is on, as the toolbar's toggle says. */
async function reachOn(page: Page): Promise<boolean> {
  return (await page.getByRole('button', { name: REACH_MODE, exact: true }).getAttribute('aria-pressed')) === 'true';
}

async function setReach(page: Page, on: boolean): Promise<void> {
  if ((await reachOn(page)) !== on) await page.getByRole('button', { name: REACH_MODE, exact: true }).click();
  assert.equal(await reachOn(page), on);
}

describe('kiosk: every action within a wheelchair user’s reach', () => {
  let hall: E2eHall;
  let browser: Browser;
  let terminals: SimulatedTerminals;
  let kiosk: Page;

  async function openKiosk(idleSeconds: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1080, height: KIOSK_HEIGHT_PX } });
    const page = await context.newPage();
    await page.goto(terminals.pageUrl('kiosk', { idleSeconds }));
    await kioskHome(page).waitFor(WAIT);
    return page;
  }

  /** With reach mode on: every control of the screen within the zone, and the page itself does not scroll. */
  async function assertAllInReach(screen: string): Promise<void> {
    assert.ok(await reachOn(kiosk), `${screen}: reach mode is on`);
    const report = await reachReport(kiosk);
    assert.ok(report.checked >= 5, `${screen}: measured ${report.checked} controls`);
    assert.deepEqual(report.outside, [], `${screen}: controls outside the reach zone (top ${REACH_TOP_PX} px)`);
    const page = await kiosk.evaluate<{ scroll: number; height: number; view: number }>(
      '({ scroll: window.scrollY, height: document.documentElement.scrollHeight, view: window.innerHeight })',
    );
    assert.ok(page.scroll === 0 && page.height <= page.view, `${screen}: the page scrolls (${JSON.stringify(page)}); only the zone may`);
  }

  before(async () => {
    const staticDir = ensureRendererBuilt();
    hall = await startE2eHall(staticDir);
    terminals = await startSimulatedTerminals({ hallUrl: hall.url, hallCaFingerprint: hall.caFingerprint, tokens: { kiosk: hall.device('kiosk') } });
    browser = await launchChromium();
    // The idle timeout has its own test below; a loaded machine can take long between two steps.
    kiosk = await openKiosk('600');
  });

  after(async () => {
    await browser?.close();
    await terminals?.stop();
    await hall?.close();
  });

  it('without reach mode, the toolbar lies in the reach zone, with large text and high contrast too', async () => {
    assert.deepEqual(await toolbarOutsideReach(kiosk), []);
    assert.equal(await reachOn(kiosk), false);
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    // The check sees what lies above the zone: the start screen's tiles, without reach mode.
    assert.ok((await reachReport(kiosk)).outside.length > 0, 'the start screen has controls above the zone without reach mode');
    await kiosk.getByRole('button', { name: 'Chữ lớn', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Tương phản cao', exact: true }).click();
    assert.deepEqual(await toolbarOutsideReach(kiosk), []);
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    // The longest screen (the search with its keyboard): the toolbar stays at the bottom.
    await kiosk.getByRole('button', { name: 'Tìm thủ tục' }).click();
    await kiosk.getByLabel('Tìm thủ tục').fill('a');
    assert.deepEqual(await toolbarOutsideReach(kiosk), []);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Chữ lớn', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Tương phản cao', exact: true }).click();
    assert.deepEqual(await toolbarOutsideReach(kiosk), []);
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kioskHome(kiosk).waitFor(WAIT);
  });

  it('with reach mode on, every control of the start screen, the identification screens and help lies in the zone', async () => {
    await setReach(kiosk, true);
    await kiosk.getByTestId('reach-note').waitFor(WAIT);
    await assertAllInReach('home');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);

    await kiosk.getByRole('button', { name: 'Quét mã QR trên thẻ CCCD' }).click();
    await kiosk.getByRole('heading', { name: 'Thông báo xử lý dữ liệu cá nhân' }).waitFor(WAIT);
    await assertAllInReach('consent');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
    await kiosk.getByRole('heading', { name: 'Đưa mã QR trên thẻ CCCD vào đầu quét' }).waitFor(WAIT);
    await assertAllInReach('scan');
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();

    await kiosk.getByRole('button', { name: 'Đặt thẻ CCCD lên đầu đọc' }).click();
    await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
    await kiosk.getByRole('heading', { name: 'Nhập 6 số CAN in trên mặt trước thẻ' }).waitFor(WAIT);
    await assertAllInReach('card (CAN)');
    await kiosk.getByRole('button', { name: 'Chụp mặt sau thẻ' }).click();
    await kiosk.getByRole('heading', { name: 'Chụp mặt sau thẻ CCCD' }).waitFor(WAIT);
    await assertAllInReach('card back');
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kioskHome(kiosk).waitFor(WAIT);

    await kiosk.getByRole('button', { name: 'Cần hỗ trợ', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Gọi cán bộ hỗ trợ tại đây' }).waitFor(WAIT);
    await assertAllInReach('help');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kioskHome(kiosk).waitFor(WAIT);
  });

  it('with reach mode on, the field, its procedure, the priority step and the search lie in the zone', async () => {
    assert.ok(await reachOn(kiosk));
    await kiosk.getByRole('button', { name: 'Hộ tịch', exact: true }).click();
    await kiosk.getByTestId('quick-take-number').first().waitFor(WAIT);
    await assertAllInReach('field');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.locator('ul.list button').first().click();
    await kiosk.getByRole('heading', { name: 'Giấy tờ cần chuẩn bị' }).waitFor(WAIT);
    await assertAllInReach('procedure');
    await kiosk.getByRole('button', { name: 'Lấy số thứ tự' }).click();
    await kiosk.getByTestId('take-number').waitFor(WAIT);
    await assertAllInReach('priority');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kioskHome(kiosk).waitFor(WAIT);

    await kiosk.getByRole('button', { name: 'Tìm thủ tục' }).click();
    await kiosk.getByLabel('Tìm thủ tục').fill('dang ky');
    await kiosk.locator('ul.list button').first().waitFor(WAIT);
    await assertAllInReach('search');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    // In English with large text the labels are longer and wrap: still all in the zone.
    await kiosk.getByRole('button', { name: 'English', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Large text', exact: true }).click();
    assert.ok((await reachReport(kiosk)).checked >= 5);
    assert.deepEqual((await reachReport(kiosk)).outside, []);
    await kiosk.getByRole('button', { name: 'Large text', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kioskHome(kiosk).waitFor(WAIT);
  });

  it('with reach mode on, the ticket and the e-ticket lie in the zone; "Hoàn tất" ends the session and reach mode with it', async () => {
    assert.ok(await reachOn(kiosk));
    await quickTicket(kiosk, 'Chứng thực');
    await kiosk.getByTestId('printed').waitFor(WAIT);
    await assertAllInReach('ticket');
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    await kioskHome(kiosk).waitFor(WAIT);
    // The next citizen finds the screen as it was: not lowered.
    assert.equal(await reachOn(kiosk), false);
    assert.equal(await kiosk.getByTestId('reach-note').count(), 0);
    assert.ok((await reachReport(kiosk)).outside.length > 0, 'the start screen is laid out at full height again');

    const printer = need(terminals.simulators.kiosk.printer, 'kiosk printer');
    printer.setStatus({ paperOut: true });
    try {
      await setReach(kiosk, true);
      await quickTicket(kiosk, 'Hộ tịch');
      await kiosk.locator('.qr svg').waitFor(WAIT);
      await assertAllInReach('e-ticket');
      assert.deepEqual(await seriousA11yViolations(kiosk), []);
      await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
      await kioskHome(kiosk).waitFor(WAIT);
      assert.equal(await reachOn(kiosk), false);
    } finally {
      printer.setStatus({ paperOut: false });
    }
  });

  it('with reach mode on, the status lookup and the appointment check-in lie in the zone', async () => {
    await setReach(kiosk, true);
    await kiosk.getByRole('button', { name: 'Tra cứu hồ sơ' }).click();
    await kiosk.getByRole('textbox', { name: 'Mã hồ sơ' }).waitFor(WAIT);
    await assertAllInReach('status lookup');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    // "Quay lại" from the lookup ends the session: reach mode goes with it.
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kioskHome(kiosk).waitFor(WAIT);
    assert.equal(await reachOn(kiosk), false);

    await setReach(kiosk, true);
    await kiosk.getByRole('button', { name: 'Đã có lịch hẹn' }).click();
    await kiosk.getByRole('textbox', { name: /Mã lịch hẹn/ }).fill('HEN-KHONG-CO');
    await kiosk.getByRole('button', { name: 'Nhận số' }).click();
    await kiosk.getByRole('alert').filter({ hasText: 'Không tìm thấy lịch hẹn với mã này.' }).waitFor(WAIT);
    await assertAllInReach('appointment check-in');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kioskHome(kiosk).waitFor(WAIT);
  });

  it('the idle warning lies in the zone, with reach mode and without; the idle timeout turns reach mode off, even on the start screen', async () => {
    const idle = await openKiosk('1');
    try {
      // The untouched start screen has no timeout, but a setting changed there does: a citizen who
      // lowered the screen and walked away leaves the next one the kiosk as it was.
      await setReach(idle, true);
      assert.equal(await idle.locator('[data-screen]').getAttribute('data-screen'), 'home');
      const dialog = idle.getByRole('alertdialog');
      await dialog.waitFor(WAIT);
      const box = await dialog.boundingBox();
      assert.ok(box !== null && box.y >= REACH_TOP_PX && box.y + box.height <= KIOSK_HEIGHT_PX, `the warning at ${JSON.stringify(box)}`);
      assert.deepEqual((await reachReport(idle)).outside, []);
      assert.deepEqual(await seriousA11yViolations(idle), []);
      // Nobody answers: the session ends (1 s + a warning of 25 s) and the next one is not lowered.
      await dialog.waitFor({ state: 'hidden', timeout: 40_000 });
      await kioskHome(idle).waitFor(WAIT);
      assert.equal(await reachOn(idle), false);

      await idle.getByRole('button', { name: 'Tìm thủ tục' }).click();
      await dialog.waitFor(WAIT);
      const normal = await dialog.boundingBox();
      assert.ok(normal !== null && normal.y >= REACH_TOP_PX && normal.y + normal.height <= KIOSK_HEIGHT_PX, `the warning at ${JSON.stringify(normal)}`);
      const resume = await idle.getByRole('button', { name: 'Tiếp tục sử dụng' }).boundingBox();
      assert.ok(resume !== null && resume.y >= REACH_TOP_PX && resume.y + resume.height <= KIOSK_HEIGHT_PX);
      assert.deepEqual(await seriousA11yViolations(idle), []);
    } finally {
      await idle.context().close();
    }
  });
});
