/**
 * "Chụp mặt sau thẻ" through the Node device host: the kiosk's document scanner (the real
 * scanimage with SANE's pnm backend scanning the demo card's back) → MRZ by offline OCR on the
 * device side → the chip of the simulated card opened by BAC with that key, read as usual (DG1,
 * DG13, passive authentication). The page's side never sees the MRZ: scanCardBack answers only
 * that it worked. The key goes at endSession, and an image without an MRZ is `unreadable`.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CardBackScan, CardIdentity, DeviceResult } from '../../../../electron/common/device-contract.ts';
import { startDeviceHost, type DeviceHost } from '../../../../devices/terminal/device-host.ts';
import { connectDeviceHost, type DeviceHostClient } from '../../../support/device-host-client.ts';
import { demoCardBackPgm, PNM_SCANNER, sanePnmScanner, type SanePnmScanner } from '../../../support/sane-pnm-scanner.ts';

const CARD = { id: 'card', kind: 'cardReader', uri: 'sim:card' } as const;
/** A blank grey page: nothing an OCR could take for an MRZ. */
const BLANK = new Uint8Array([...new TextEncoder().encode('P5\n400 250\n255\n'), ...new Uint8Array(400 * 250).fill(230)]);

let scanner: SanePnmScanner;
let host: DeviceHost | null = null;
let client: DeviceHostClient | null = null;

async function value<T>(method: string, ...args: unknown[]): Promise<DeviceResult<T>> {
  const reply = await client!.call(method, ...args);
  assert.equal(reply.type, 'result', JSON.stringify(reply));
  return (reply as { value: DeviceResult<T> }).value;
}

before(async () => {
  scanner = await sanePnmScanner(demoCardBackPgm());
});
after(() => scanner.remove());
afterEach(async () => {
  await client?.close();
  await host?.close();
  client = null;
  host = null;
});

async function kiosk(devices: readonly (typeof CARD | typeof PNM_SCANNER)[]): Promise<void> {
  host = await startDeviceHost({ role: 'kiosk', devices: [...devices], documentScannerOptions: scanner.options });
  client = await connectDeviceHost(host.url, {}, 60_000);
  await client.hello('kiosk');
}

describe('device host: the card read by the photo of its back', () => {
  it('a wrong CAN fails; the scanned MRZ opens the chip with BAC and the identity comes from the chip, verified', async () => {
    await scanner.place(demoCardBackPgm());
    await kiosk([CARD, PNM_SCANNER]);
    host!.manager.simulators.card!.insert({ can: '012345' });
    const byCan = await value<CardIdentity>('readCard', { key: { kind: 'can', can: '999999' }, dataGroups: [1, 13] });
    assert.equal(!byCan.ok && byCan.fault, 'wrong_can');

    const before = await value<CardIdentity>('readCard', { key: { kind: 'scanned-mrz' }, dataGroups: [1, 13] });
    assert.equal(!before.ok && before.fault, 'access_denied', 'no key before a scan');

    const scan = await value<CardBackScan>('scanCardBack');
    assert.equal(scan.ok, true, JSON.stringify(scan));
    assert.deepEqual(Object.keys(scan.ok ? scan.value : {}).sort(), ['confidence', 'repairs'], 'the page learns no MRZ field');
    assert.doesNotMatch(JSON.stringify(scan), /200012345|000515|250515|NGUYEN/);

    const read = await value<CardIdentity>('readCard', { key: { kind: 'scanned-mrz' }, dataGroups: [1, 13] });
    assert.equal(read.ok, true, JSON.stringify(read).slice(0, 300));
    if (!read.ok) return;
    assert.deepEqual(
      [read.value.idNumber, read.value.fullName, read.value.dateOfBirth, read.value.source, read.value.authenticity],
      ['001200012345', 'Nguyễn Văn A', '15/05/2000', 'chip', 'verified'],
    );
    assert.notEqual(read.value.chipFiles, null, 'the chip files go to the hall for its own check');
    assert.equal(host!.manager.cardReader!.service.lastReport()?.protocol, 'bac');

    // The session ends: the key is gone with it.
    assert.equal((await client!.call('endSession')).type, 'result');
    const after = await value<CardIdentity>('readCard', { key: { kind: 'scanned-mrz' }, dataGroups: [1, 13] });
    assert.equal(!after.ok && after.fault, 'access_denied');
  });

  it('an image without an MRZ is unreadable and leaves no key; a kiosk without a scanner answers unavailable', async () => {
    await scanner.place(BLANK);
    await kiosk([CARD, PNM_SCANNER]);
    host!.manager.simulators.card!.insert();
    const scan = await value<CardBackScan>('scanCardBack');
    assert.equal(!scan.ok && scan.fault, 'unreadable', JSON.stringify(scan));
    const read = await value<CardIdentity>('readCard', { key: { kind: 'scanned-mrz' }, dataGroups: [1] });
    assert.equal(!read.ok && read.fault, 'access_denied');
    await client!.close();
    await host!.close();

    await kiosk([CARD]);
    const none = await value<CardBackScan>('scanCardBack');
    assert.equal(!none.ok && none.fault, 'unavailable');
  });
});
