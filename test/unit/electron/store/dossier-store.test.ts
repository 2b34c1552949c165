/**
 * Dossier persistence: nothing personal in the database file or its WAL in clear, a wrong key
 * refused with a clear error, sealed values bound to their dossier, papers replaced atomically, the
 * daily code sequence, a submit hook that rolls back, and the retention purge (injected time) that
 * leaves no ciphertext behind in free pages.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AesGcmSealer } from '../../../../electron/server/dossier-crypto.ts';
import { DossierStore, HallKeyMismatchError, SealedDataError, type NewDossier } from '../../../../electron/store/dossier-store.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';
import { tempDir } from '../../../support/hall-server.ts';
import { pdfkitPdf, sha256 } from '../../../support/pdf-fixture.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T02:00:00Z');
// Test values shaped like real ones, so the byte search means something; never logged.
const NAME = 'Trần Thị Kiểm Thử';
const ID_NUMBER = '001190012345';
const FORM_MARKER = 'Bệnh viện Kiểm thử Phụ sản';

function newDossier(id: string, overrides: Partial<NewDossier> = {}): NewDossier {
  return {
    id,
    procedureId: 'dang-ky-khai-sinh',
    formId: 'to-khai-dang-ky-khai-sinh',
    channel: 'kiosk',
    createdByDevice: 'kiosk-1',
    createdByStaff: null,
    personHash: 'h'.repeat(64),
    createdAt: T0,
    purgeAfter: T0 + DAY,
    personal: {
      applicant: { idNumber: ID_NUMBER, fullName: NAME, dateOfBirth: '05/09/1990', sex: 'Nữ', placeOfResidence: null, source: 'chip', verified: true },
      form: { childPlaceOfBirth: FORM_MARKER },
    },
    consent: { notice: 'dossier', version: '2026-12-08', language: 'vi', givenAt: T0 - 60_000, recordedAt: T0 },
    ...overrides,
  };
}

/** The database file and its WAL, as bytes. */
function fileBytes(dbPath: string): Buffer {
  return Buffer.concat([dbPath, `${dbPath}-wal`].filter(existsSync).map((p) => readFileSync(p)));
}

function contains(haystack: Buffer, needle: string | Buffer): boolean {
  return haystack.includes(typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle);
}

describe('dossier store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let db: HallDatabase;
  let key: Buffer;
  let store: DossierStore;

  beforeEach(() => {
    tmp = tempDir('dossier-store-');
    dbPath = join(tmp.dir, 'hall.db');
    db = openHallDatabase(dbPath);
    key = randomBytes(32);
    store = new DossierStore(db, new AesGcmSealer(key));
  });
  afterEach(() => {
    if (db.open) db.close();
    tmp.cleanup();
  });

  test('no name, ID number, form value or PDF text is in the database file or the WAL in clear', async () => {
    const pdf = await pdfkitPdf(1, 'Noi dung giay chung sinh kiem thu');
    store.create(newDossier('d1'));
    store.putPaper({ id: 'p1', dossierId: 'd1', docTypeCode: 'GCS', sha256: sha256(pdf), pages: 1, dpi: 300, ocrConfidence: 91.5, uploadedAt: T0, pdf });
    assert.equal(store.personal('d1')?.applicant.fullName, NAME, 'the data reads back');
    const pdfMarker = pdf.subarray(0, 200); // the PDF header and first object, in clear in the PDF itself
    const whileOpen = fileBytes(dbPath);
    db.close();
    for (const bytes of [whileOpen, fileBytes(dbPath)]) {
      assert.ok(bytes.length > 0);
      assert.equal(contains(bytes, NAME), false, 'name');
      assert.equal(contains(bytes, NAME.normalize('NFD')), false, 'name (NFD)');
      assert.equal(contains(bytes, ID_NUMBER), false, 'ID number');
      assert.equal(contains(bytes, FORM_MARKER), false, 'form value');
      assert.equal(contains(bytes, pdfMarker), false, 'PDF bytes');
      assert.equal(contains(bytes, 'dang-ky-khai-sinh'), true, 'the search does see clear text that is stored');
    }
  });

  test('a wrong key is refused when the store opens, with a message that says what to do', () => {
    store.create(newDossier('d1'));
    assert.throws(
      () => new DossierStore(db, new AesGcmSealer(randomBytes(32))),
      (e: unknown) => {
        assert.ok(e instanceof HallKeyMismatchError);
        assert.match(e.message, /not the key they were sealed with.*Restore the key file/s);
        return true;
      },
    );
    assert.equal(new DossierStore(db, new AesGcmSealer(key)).personal('d1')?.applicant.idNumber, ID_NUMBER, 'the right key still reads');
  });

  test('a sealed value copied onto another dossier does not open (the dossier id is authenticated)', () => {
    store.create(newDossier('d1'));
    store.create(newDossier('d2', { personal: { ...newDossier('d2').personal, form: {} } }));
    db.prepare("UPDATE dossiers SET personal = (SELECT personal FROM dossiers WHERE id = 'd1') WHERE id = 'd2'").run();
    assert.throws(() => store.personal('d2'), SealedDataError);
    const blob = db.prepare("SELECT personal FROM dossiers WHERE id = 'd1'").pluck().get() as Buffer;
    blob[20] = (blob[20] ?? 0) ^ 1;
    db.prepare("UPDATE dossiers SET personal = ? WHERE id = 'd1'").run(blob);
    assert.throws(() => store.personal('d1'), /cannot be decrypted/);
  });

  test('a paper of the same type replaces the earlier one; the PDF reads back byte for byte', async () => {
    store.create(newDossier('d1'));
    const first = await pdfkitPdf(1, 'first');
    const second = await pdfkitPdf(2, 'second');
    store.putPaper({
      id: 'p1',
      dossierId: 'd1',
      docTypeCode: 'GCS',
      sha256: sha256(first),
      pages: 1,
      dpi: 300,
      ocrConfidence: null,
      uploadedAt: T0,
      pdf: first,
    });
    store.putPaper({
      id: 'p2',
      dossierId: 'd1',
      docTypeCode: 'GCS',
      sha256: sha256(second),
      pages: 2,
      dpi: 300,
      ocrConfidence: null,
      uploadedAt: T0 + 1,
      pdf: second,
    });
    assert.deepEqual(
      store.papers('d1').map((p) => [p.id, p.pages, p.bytes]),
      [['p2', 2, second.length]],
    );
    assert.equal(store.paperPdf('d1', 'p1'), null);
    assert.ok(store.paperPdf('d1', 'p2')?.pdf.equals(second));
  });

  test('codes follow a daily sequence; a new day starts at 1; the sequence grows past 9999', () => {
    for (const id of ['a', 'b', 'c', 'd']) {
      store.create(newDossier(id));
      store.recordSubmitIntent(id, `t-${id}`);
    }
    const submit = (id: string, date: string): string | null =>
      store.submit(
        id,
        { businessDate: date, codeOf: (n) => `X-${date}-${String(n).padStart(4, '0')}`, ticketId: `t-${id}`, at: T0, purgeAfter: T0 + 90 * DAY },
        () => undefined,
      );
    assert.equal(submit('a', '2026-03-02'), 'X-2026-03-02-0001');
    assert.equal(submit('b', '2026-03-02'), 'X-2026-03-02-0002');
    assert.equal(submit('b', '2026-03-02'), null, 'a submitted dossier is not submitted again');
    assert.equal(submit('c', '2026-03-03'), 'X-2026-03-03-0001');
    db.prepare("UPDATE dossier_sequences SET last = 9999 WHERE business_date = '2026-03-03'").run();
    assert.equal(submit('d', '2026-03-03'), 'X-2026-03-03-10000');
    assert.deepEqual([store.get('a')?.state, store.get('a')?.ticketId, store.get('a')?.purgeAfter], ['submitted', 't-a', T0 + 90 * DAY]);
  });

  test('a submit hook that throws keeps nothing: no code, no sequence number used, still a draft', () => {
    store.create(newDossier('a'));
    store.recordSubmitIntent('a', 't-a');
    const record = { businessDate: '2026-03-02', codeOf: (n: number) => `X-${n}`, ticketId: 't-a', at: T0, purgeAfter: T0 + DAY };
    assert.throws(
      () =>
        store.submit('a', record, () => {
          throw new Error('outbox refused');
        }),
      /outbox refused/,
    );
    assert.equal(store.get('a')?.state, 'draft');
    assert.equal(store.get('a')?.code, null);
    assert.equal(
      store.submit('a', record, () => undefined),
      'X-1',
    );
  });

  test('the submit intent keeps the first ticket id recorded', () => {
    store.create(newDossier('a'));
    assert.equal(store.recordSubmitIntent('a', 'first'), 'first');
    assert.equal(store.recordSubmitIntent('a', 'second'), 'first');
  });

  test('the purge deletes personal data and papers past retention, keeps the row, and leaves no ciphertext on disk', async () => {
    const pdf = await pdfkitPdf(1);
    store.create(newDossier('draft', { purgeAfter: T0 + DAY }));
    store.create(newDossier('kept', { purgeAfter: T0 + 90 * DAY }));
    store.putPaper({ id: 'p1', dossierId: 'draft', docTypeCode: 'GCS', sha256: sha256(pdf), pages: 1, dpi: 300, ocrConfidence: null, uploadedAt: T0, pdf });
    const sealedPaper = db.prepare("SELECT pdf FROM dossier_papers WHERE id = 'p1'").pluck().get() as Buffer;
    const sealedPersonal = db.prepare("SELECT personal FROM dossiers WHERE id = 'draft'").pluck().get() as Buffer;
    db.pragma('wal_checkpoint(TRUNCATE)');
    assert.ok(contains(fileBytes(dbPath), sealedPaper.subarray(100, 164)), 'the sealed paper is on disk before the purge');

    /** What DossierService.purgeDue does around its event: due rows, purge, then an empty WAL. */
    const purgeDue = (now: number): number => {
      const due = store.dueForPurge(now);
      store.purge(
        due.map((d) => d.id),
        now,
      );
      store.truncateWal();
      return due.length;
    };
    assert.equal(purgeDue(T0 + DAY - 1), 0, 'not yet due');
    assert.deepEqual(
      store.dueForPurge(T0 + 2 * DAY).map((d) => d.id),
      ['draft'],
    );
    assert.equal(purgeDue(T0 + 2 * DAY), 1);
    assert.equal(store.personal('draft'), null);
    assert.deepEqual(store.papers('draft'), []);
    const row = store.get('draft');
    assert.deepEqual([row?.state, row?.procedureId, row?.createdAt, row?.personHash, row?.purgedAt], ['draft', 'dang-ky-khai-sinh', T0, null, T0 + 2 * DAY]);
    assert.equal(store.personal('kept')?.applicant.fullName, NAME, 'a dossier within retention is untouched');
    assert.equal(purgeDue(T0 + 3 * DAY), 0, 'a purged dossier is not purged again');

    const bytes = fileBytes(dbPath);
    assert.equal(contains(bytes, sealedPaper.subarray(100, 164)), false, 'the sealed paper is overwritten');
    assert.equal(contains(bytes, sealedPersonal.subarray(13, 45)), false, 'the sealed personal data is overwritten');
  });

  test('a draft is discarded with its papers; a submitted dossier is not', async () => {
    const pdf = await pdfkitPdf(1);
    store.create(newDossier('a'));
    store.putPaper({ id: 'p1', dossierId: 'a', docTypeCode: 'GCS', sha256: sha256(pdf), pages: 1, dpi: 300, ocrConfidence: null, uploadedAt: T0, pdf });
    assert.equal(store.deleteDraft('a'), true);
    assert.equal(store.get('a'), null);
    assert.equal(db.prepare('SELECT COUNT(*) FROM dossier_papers').pluck().get(), 0);
    store.create(newDossier('b'));
    store.recordSubmitIntent('b', 't');
    store.submit('b', { businessDate: '2026-03-02', codeOf: (n) => `X-${n}`, ticketId: 't', at: T0, purgeAfter: T0 + DAY }, () => undefined);
    assert.equal(store.deleteDraft('b'), false);
  });
});
