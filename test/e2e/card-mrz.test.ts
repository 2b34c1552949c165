/**
 * The card on every path, in Debian Chromium against the real hall server and the kiosk's real
 * device host: the simulated CCCD on the `sim:card` reader, and a document scanner driven through
 * the real scanimage with SANE's pnm backend, whose "scan" is the back of the demo card.
 * The citizen types a wrong CAN and the chip refuses PACE; the kiosk offers "Chụp mặt sau thẻ";
 * the card's back is scanned, its MRZ read by OCR on the device side, the chip opened by BAC with
 * that key and read as usual (DG1, DG13, passive authentication): the citizen is greeted by the
 * name from the chip, marked as read from the chip and verified. Ending the session wipes the
 * scanned key on the device side. axe-core and the 60 px touch targets on both card screens.
 * The citizen has turned on spoken guidance: each card screen's guidance is played from the
 * offline voice pack (its clip fetched from /voice/vi/), not by the browser's speech synthesis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import type { CardIdentity, DeviceResult } from '../../electron/common/device-contract.ts';
import type { CardReaderSimulator } from '../../devices/simulators/card-reader.simulator.ts';
import { launchChromium } from '../support/chromium.ts';
import { connectDeviceHost } from '../support/device-host-client.ts';
import { startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { kioskHome } from '../support/kiosk-steps.ts';
import { seriousA11yViolations, smallTouchTargets } from '../support/page-checks.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { demoCardBackPgm, PNM_SCANNER, sanePnmScanner, type SanePnmScanner } from '../support/sane-pnm-scanner.ts';
import { DEFAULT_TERMINAL_DEVICES, need, startSimulatedTerminals, type SimulatedTerminals } from '../support/simulated-terminals.ts';

const WAIT = { timeout: 15_000 };
/** Scanning and OCR of the card's back on a loaded machine. */
const OCR_WAIT = { timeout: 90_000 };
/** The demo citizen's card (citizen.ts), whose back is test/fixtures/cccd/mrz-back.jpg. */
const CAN = '012345';
const NAME = 'Nguyễn Văn A';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 150 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(check(), `${what} was not fetched`);
}

describe('the card read by the photo of its back, in the browser', () => {
  let hall: E2eHall;
  let browser: Browser;
  let scanner: SanePnmScanner;
  let terminals: SimulatedTerminals;
  let card: CardReaderSimulator;
  let kiosk: Page;
  /** Voice-pack files the kiosk page fetched. */
  const clipsFetched: string[] = [];

  before(async () => {
    scanner = await sanePnmScanner(demoCardBackPgm());
    hall = await startE2eHall(ensureRendererBuilt());
    terminals = await startSimulatedTerminals({
      hallUrl: hall.url,
      hallCaFingerprint: hall.caFingerprint,
      tokens: { kiosk: hall.device('kiosk') },
      devices: { kiosk: [...DEFAULT_TERMINAL_DEVICES.kiosk, PNM_SCANNER] },
      documentScannerOptions: { kiosk: scanner.options },
    });
    card = need(terminals.simulators.kiosk.card, 'kiosk card reader');
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    kiosk = await context.newPage();
    kiosk.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/voice/')) clipsFetched.push(decodeURIComponent(path));
    });
    await kiosk.goto(terminals.pageUrl('kiosk', { idleSeconds: '600' }));
  });

  after(async () => {
    await browser?.close();
    await terminals?.stop();
    await hall?.close();
    await scanner?.remove();
  });

  it('a wrong CAN: the chip refuses PACE and the kiosk offers the photo of the card’s back', async () => {
    card.insert({ can: CAN });
    await kioskHome(kiosk).waitFor(WAIT);
    await kiosk.getByRole('button', { name: 'Hướng dẫn bằng giọng nói' }).click();
    await kiosk.getByRole('button', { name: 'Đặt thẻ CCCD lên đầu đọc' }).click();
    await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
    for (const digit of '999999') await kiosk.getByRole('group', { name: '0-9' }).getByRole('button', { name: digit, exact: true }).click();
    await kiosk.getByRole('button', { name: 'Xác nhận' }).click();
    await until(() => clipsFetched.includes('/voice/vi/guide-vi-kiosk.enterCan.wav'), 'the CAN screen’s guidance clip');
    const alert = kiosk.getByRole('alert').filter({ hasText: 'Không đọc được thẻ' });
    await alert.waitFor(WAIT);
    assert.match((await alert.textContent()) ?? '', /Chụp mặt sau thẻ/);
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
  });

  it('the back is scanned, OCR reads the MRZ, BAC opens the chip and the identity is the chip’s', async () => {
    await kiosk.getByRole('button', { name: 'Chụp mặt sau thẻ' }).click();
    await kiosk.getByRole('heading', { name: 'Chụp mặt sau thẻ CCCD' }).waitFor(WAIT);
    await until(() => clipsFetched.includes('/voice/vi/guide-vi-kiosk.cardBackTitle.wav'), 'the card-back screen’s guidance clip');
    const readButton = kiosk.getByRole('button', { name: 'Đọc thẻ', exact: true });
    assert.equal(await readButton.isDisabled(), true, 'nothing to read with before the photo');
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);

    await kiosk.getByRole('button', { name: 'Chụp mặt sau thẻ' }).click();
    await kiosk.getByTestId('card-back-scanned').waitFor(OCR_WAIT);
    assert.equal(await kiosk.getByText(/200012345|NGUYEN/).count(), 0, 'the MRZ is not shown on the page');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await readButton.click();
    await kiosk.getByTestId('identified').filter({ hasText: NAME }).waitFor(WAIT);
    await kiosk.getByTestId('identified-chip').filter({ hasText: 'đọc từ chip của thẻ CCCD và đã xác thực' }).waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
  });

  it('ending the session wipes the scanned key on the device side', async () => {
    await kiosk.getByRole('button', { name: 'Kết thúc' }).click();
    await kiosk.getByRole('heading', { name: 'Xin chào quý công dân' }).waitFor(WAIT);
    const client = await connectDeviceHost(need(terminals.hosts.kiosk, 'kiosk device host').url, {}, 30_000);
    try {
      await client.hello('kiosk');
      // endSession is sent by the page as the session ends; give it the moment it takes to arrive.
      let fault: string | false = false;
      for (let i = 0; i < 50 && fault !== 'access_denied'; i++) {
        const reply = await client.call('readCard', { key: { kind: 'scanned-mrz' }, dataGroups: [1] });
        const result = (reply as { value: DeviceResult<CardIdentity> }).value;
        fault = !result.ok && result.fault;
        if (fault !== 'access_denied') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(fault, 'access_denied');
    } finally {
      await client.close();
    }
  });
});
