// The reading stack end to end in memory: service → access control → SM → file reader → virtual CCCD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { createCardReaderService } from '../../../../devices/card-reader/card-reader-service.ts';
import { loadTrustStore } from '../../../../devices/card-reader/passive-authentication.ts';
import { MemoryCardReader } from '../../../../devices/simulators/virtual-cccd/memory-channel.ts';
import { VirtualCccd } from '../../../../devices/simulators/virtual-cccd/virtual-cccd.ts';
import { DEMO_CAN, DEMO_MRZ_KEY, OTHER_CSCA_DIR, TRUST_STORE_DIR, demoCard, demoCardFiles, fixturePhoto } from '../../../support/virtual-cccd.fixture.ts';

const trustStore = loadTrustStore(TRUST_STORE_DIR);

describe('card reader service over the virtual CCCD', () => {
  it('reads DG1 + DG13 with PACE-CAN and verifies them against the test CSCA', async () => {
    const reader = new MemoryCardReader(demoCard());
    const service = createCardReaderService(reader.factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13], purpose: 'dossier' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.idNumber, '001200012345');
    assert.equal(r.value.fullName, 'Nguyễn Văn A');
    assert.equal(r.value.dateOfBirth, '15/05/2000');
    assert.equal(r.value.sex, 'Nam');
    assert.equal(r.value.oldIdNumber, '012345678');
    assert.equal(r.value.authenticity, 'verified');
    assert.equal(r.value.photoJpeg, null);
    const report = service.lastReport();
    assert.equal(report?.protocol, 'pace');
    assert.equal(report?.cipher, 'aes');
    assert.equal(report?.apduCount, reader.apduCount);
  });

  it('hands the hall EF.SOD and DG1 as the chip proof; DG13 (ethnicity, religion, family) stays in the reader', async () => {
    const files = demoCardFiles();
    const card = () => new MemoryCardReader(new VirtualCccd({ files, can: DEMO_CAN, mrzKey: DEMO_MRZ_KEY })).factory;
    const service = createCardReaderService(card(), { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.chipFiles, { sod: Buffer.from(files.sod).toString('base64'), dg1: Buffer.from(files.dg1).toString('base64') });
    const dg13 = Buffer.from(files.dg13).toString('base64');
    assert.ok(!JSON.stringify(r.value).includes(dg13.slice(0, 40)), 'no DG13 bytes in what the page receives');
    // Without DG1 there is no proof to send (the page still gets the identity from DG13).
    const only13 = await createCardReaderService(card(), { trustStore }).readCard({
      key: { kind: 'can', can: DEMO_CAN },
      dataGroups: [13],
    });
    assert.ok(only13.ok, JSON.stringify(only13));
    assert.equal(only13.value.chipFiles, null);
  });

  it('a read to identify hands over the ID number, the name and the birth date only; a read for a dossier the declaration’s data', async () => {
    const read = (purpose?: 'identify' | 'dossier') =>
      createCardReaderService(new MemoryCardReader(demoCard()).factory, { trustStore }).readCard({
        key: { kind: 'can', can: DEMO_CAN },
        dataGroups: [1, 13],
        ...(purpose ? { purpose } : {}),
      });
    const identify = await read('identify');
    assert.ok(identify.ok, JSON.stringify(identify));
    assert.deepEqual([identify.value.idNumber, identify.value.fullName, identify.value.dateOfBirth], ['001200012345', 'Nguyễn Văn A', '15/05/2000']);
    assert.deepEqual(
      [
        identify.value.sex,
        identify.value.nationality,
        identify.value.placeOfOrigin,
        identify.value.placeOfResidence,
        identify.value.dateOfIssue,
        identify.value.oldIdNumber,
      ],
      [null, null, null, null, null, null],
    );
    assert.notEqual(identify.value.chipFiles, null, 'the chip proof for the hall’s own check still goes');
    const dossier = await read('dossier');
    assert.ok(dossier.ok, JSON.stringify(dossier));
    assert.equal(dossier.value.oldIdNumber, '012345678');
    assert.notEqual(dossier.value.placeOfResidence, null);
    const unsaid = await read();
    assert.ok(unsaid.ok, JSON.stringify(unsaid));
    // Each virtual card signs its SOD afresh: compare what was read, not the signature.
    assert.deepEqual({ ...unsaid.value, chipFiles: null }, { ...identify.value, chipFiles: null }, 'no purpose: the least, the identify fields');
  });

  it('reads with BAC from the MRZ key and gets the face JPEG from DG2', async () => {
    const reader = new MemoryCardReader(demoCard());
    const service = createCardReaderService(reader.factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'mrz', ...DEMO_MRZ_KEY }, dataGroups: [1, 2], purpose: 'dossier' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(service.lastReport()?.cipher, '3des');
    assert.equal(r.value.fullName, 'NGUYEN VAN A');
    assert.equal(r.value.authenticity, 'verified');
    const photo = r.value.photoJpeg!;
    assert.equal(createHash('sha256').update(photo).digest('hex'), createHash('sha256').update(fixturePhoto().jpeg).digest('hex'));
    await service.endSession();
    assert.ok(
      photo.every((b) => b === 0),
      'endSession wipes the photo buffer',
    );
  });

  it('refuses a wrong CAN with wrong_can', async () => {
    const service = createCardReaderService(new MemoryCardReader(demoCard()).factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: '999999' }, dataGroups: [13] });
    assert.deepEqual(r.ok ? null : r.fault, 'wrong_can');
  });

  it('refuses a wrong MRZ key with access_denied', async () => {
    const service = createCardReaderService(new MemoryCardReader(demoCard()).factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'mrz', ...DEMO_MRZ_KEY, dateOfBirth: '000516' }, dataGroups: [1] });
    assert.deepEqual(r.ok ? null : r.fault, 'access_denied');
  });

  it('detects a tampered DG13 (hash mismatch) as failed', async () => {
    const files = demoCardFiles();
    const dg13 = Uint8Array.from(files.dg13);
    const at = Buffer.from(dg13).indexOf(Buffer.from('Văn A'));
    dg13[at + 4] = 0x42; // "Văn B"
    const reader = new MemoryCardReader(new VirtualCccd({ files: { ...files, dg13 }, can: DEMO_CAN, mrzKey: DEMO_MRZ_KEY }));
    const service = createCardReaderService(reader.factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [13] });
    assert.ok(r.ok);
    assert.equal(r.value.authenticity, 'failed');
    assert.deepEqual(service.lastReport()?.passiveAuthentication?.hashesInvalid, [13]);
  });

  it('reports chain_untrusted with a CSCA of the same name but another key, and with no trust store', async () => {
    for (const store of [loadTrustStore(OTHER_CSCA_DIR), []]) {
      const service = createCardReaderService(new MemoryCardReader(demoCard()).factory, { trustStore: store });
      const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [13] });
      assert.ok(r.ok);
      assert.equal(r.value.authenticity, 'chain_untrusted');
    }
  });

  it('recovers when the card is lifted mid-read: new session, same result, presence events on the way', async () => {
    const reader = new MemoryCardReader(demoCard());
    reader.liftOnApdu(12);
    const service = createCardReaderService(reader.factory, { trustStore, presence: reader });
    const events: unknown[] = [];
    const off = service.onCardPresence((p) => events.push(p));
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.authenticity, 'verified');
    assert.equal(service.lastReport()?.sessions, 2);
    assert.deepEqual(events, [
      { present: false, reader: 'sim:card' },
      { present: true, reader: 'sim:card' },
    ]);
    off();
  });

  it('re-authenticates and resumes when a response fails its MAC (broken SM session)', async () => {
    const reader = new MemoryCardReader(demoCard());
    reader.corruptResponseOnApdu(11);
    const service = createCardReaderService(reader.factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.fullName, 'Nguyễn Văn A');
    assert.equal(r.value.authenticity, 'verified');
    assert.equal(service.lastReport()?.sessions, 2);
  });

  it('gives up with card_removed when the card keeps leaving', async () => {
    const reader = new MemoryCardReader(demoCard());
    const factory = async () => {
      reader.liftOnApdu(reader.apduCount + 3);
      return reader.factory();
    };
    const r = await createCardReaderService(factory, { trustStore, maxAttempts: 2 }).readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [13] });
    assert.deepEqual(r.ok ? null : r.fault, 'card_removed');
  });

  it('drops ethnicity and religion unless configured (the contract has no field for them)', async () => {
    const service = createCardReaderService(new MemoryCardReader(demoCard()).factory, { trustStore });
    const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [13] });
    assert.ok(r.ok);
    assert.ok(!JSON.stringify(r.value).includes('Kinh'));
  });

  it('reads with extended length in fewer APDUs, and backs off when the chip buffer is smaller', async () => {
    const short = new MemoryCardReader(demoCard({ extendedLength: false }));
    const ext = new MemoryCardReader(demoCard({ maxReadLength: 1000 }));
    for (const reader of [short, ext]) {
      const service = createCardReaderService(reader.factory, { trustStore });
      const r = await service.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 2, 13], purpose: 'dossier' });
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.value.authenticity, 'verified');
    }
    assert.ok(ext.apduCount < short.apduCount, `${ext.apduCount} < ${short.apduCount}`);
  });

  it('reads a DG2 larger than 32 KB (READ BINARY B1 above offset 32767), short and extended', async () => {
    const small = fixturePhoto();
    const jpeg = new Uint8Array(40_000);
    jpeg.set(small.jpeg);
    for (const extendedLength of [false, true]) {
      const files = demoCardFiles(undefined, { ...small, jpeg });
      const reader = new MemoryCardReader(new VirtualCccd({ files, can: DEMO_CAN, mrzKey: DEMO_MRZ_KEY, extendedLength }));
      const r = await createCardReaderService(reader.factory, { trustStore }).readCard({
        key: { kind: 'can', can: DEMO_CAN },
        dataGroups: [2, 13],
        purpose: 'dossier',
      });
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.value.authenticity, 'verified');
      assert.deepEqual(r.value.photoJpeg, jpeg);
    }
  });
});
