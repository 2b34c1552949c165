// End to end through real PC/SC: pcscd + vsmartcard-vpcd + the virtual CCCD served over vpcd's
// TCP framing, read by the card reader service over @pokusew/pcsclite.
// @own-process: the file ends its process at the end (see after()), so it never shares one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCardReaderService } from '../../../devices/card-reader/card-reader-service.ts';
import { loadTrustStore } from '../../../devices/card-reader/passive-authentication.ts';
import { VirtualCccd } from '../../../devices/simulators/virtual-cccd/virtual-cccd.ts';
import { VpcdCard } from '../../../devices/simulators/virtual-cccd/vpcd-card.ts';
import { DeviceManager } from '../../../devices/manager/device-manager.ts';
import { createKioskDevices } from '../../../devices/terminal/role-devices.ts';
import { createTerminalIdentity } from '../../../devices/terminal/terminal-identity.ts';
import { PcscReader } from '../../../devices/transports/pcsc.ts';
import { runCccdCli } from '../../support/cccd-cli.ts';
import { type RunningPcscd, VPCD_READER_NAME, pcscdUnavailable, startPcscd } from '../../support/pcscd.ts';
import { DEMO_CAN, DEMO_MRZ_KEY, TRUST_STORE_DIR, demoCardFiles } from '../../support/virtual-cccd.fixture.ts';

const unavailable = await pcscdUnavailable();
const trustStore = loadTrustStore(TRUST_STORE_DIR);

describe('CCCD over pcscd + vpcd', { skip: unavailable ?? false }, () => {
  const files = demoCardFiles();
  let card: VirtualCccd;
  let server: VpcdCard;
  let pcscd: RunningPcscd;
  let reader: PcscReader;

  before(async () => {
    card = new VirtualCccd({ files, can: DEMO_CAN, mrzKey: DEMO_MRZ_KEY });
    pcscd = await startPcscd();
    server = new VpcdCard(card, pcscd.cardPort);
    server.insert();
    reader = await PcscReader.open({ readerName: VPCD_READER_NAME, waitMs: 10_000 });
  });

  after(async () => {
    await reader?.close();
    await server?.close();
    await pcscd?.stop();
    // @pokusew/pcsclite's native status threads can outlive every closed reader and context and keep
    // this process alive; everything is released by now, so leave once the results are out.
    setTimeout(() => process.exit(), 2000).unref();
  });

  it('reads DG1 + DG13 with PACE-CAN and verifies them against the test CSCA', async () => {
    const service = createCardReaderService(reader.factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13] });
    assert.ok(r.ok, `${JSON.stringify(r)}\n${pcscd.log().slice(-1500)}`);
    assert.equal(r.value.idNumber, '001200012345');
    assert.equal(r.value.fullName, 'Nguyễn Văn A');
    assert.equal(r.value.authenticity, 'verified');
    assert.ok(service.lastReport()!.apduCount > 0);
    // The card also answered the transport's extended-length probe, which is not part of the read.
    assert.ok(server.apduCount > service.lastReport()!.apduCount);
  });

  it('reads the face with BAC through the same reader', async () => {
    const r = await createCardReaderService(reader.factory, { trustStore }).readCard({
      key: { kind: 'mrz', ...DEMO_MRZ_KEY },
      dataGroups: [1, 2],
      purpose: 'dossier',
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.authenticity, 'verified');
    assert.equal(r.value.photoJpeg?.[0], 0xff);
  });

  it('refuses a wrong CAN with wrong_can and a clear message', async () => {
    const r = await createCardReaderService(reader.factory, { trustStore }).readCard({ key: { kind: 'can', can: '000000' }, dataGroups: [13] });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.fault, 'wrong_can');
      assert.match(r.detail ?? '', /wrong CAN/);
    }
  });

  it('recovers when the card is lifted mid-read', async () => {
    server.liftOnApdu(12, 800);
    const service = createCardReaderService(reader.factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.authenticity, 'verified');
    assert.equal(service.lastReport()!.sessions, 2);
  });

  it('detects a tampered DG13 on another card put on the reader', async () => {
    const dg13 = Uint8Array.from(files.dg13);
    dg13[dg13.length - 1] = (dg13[dg13.length - 1] ?? 0) ^ 0x01;
    server.swap(new VirtualCccd({ files: { ...files, dg13 }, can: DEMO_CAN, mrzKey: DEMO_MRZ_KEY }));
    const service = createCardReaderService(reader.factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [13] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.authenticity, 'failed');
    assert.deepEqual(service.lastReport()!.passiveAuthentication!.hashesInvalid, [13]);
    server.swap(card);
  });

  it('the device manager wires pcsc:<reader name> to the same service: health ready, presence, a verified read', async () => {
    // PC/SC hands the card to one exclusive holder at a time: the manager opens the reader itself.
    await reader.close();
    const manager = new DeviceManager([{ id: 'card', kind: 'cardReader', uri: `pcsc:${VPCD_READER_NAME}` }], { cardTrustStore: trustStore });
    try {
      await manager.start();
      const kiosk = createKioskDevices(manager, createTerminalIdentity({ role: 'kiosk', counterId: null, deviceToken: null }));
      const r = await kiosk.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13] });
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.value.authenticity, 'verified');
      assert.deepEqual(
        manager.health().map((h) => [h.kind, h.state]),
        [['cardReader', 'ready']],
      );
    } finally {
      await manager.stop();
    }
  });

  // Last: the command line needs the reader for itself (this process let go of it above).
  it('npm run cccd -- read prints the fields, PA, APDU count and timings as JSON', async () => {
    const mrz = 'IDVNM2000123457001200012345<<80005153M2505152VNM<<<<<<<<<<<4';
    const r = await runCccdCli(['read', '--reader', VPCD_READER_NAME, '--mrz', mrz, '--dg', '1,13', '--csca', TRUST_STORE_DIR, '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout) as {
      identity: { fullName: string; authenticity: string };
      report: { apduCount: number; protocol: string; timingsMs: { total: number } };
    };
    assert.equal(out.identity.fullName, 'Nguyễn Văn A');
    assert.equal(out.identity.authenticity, 'verified');
    assert.equal(out.report.protocol, 'bac');
    assert.ok(out.report.apduCount > 0 && out.report.timingsMs.total > 0);
  });
});
