/**
 * Dossier persistence: drafts, their sealed personal data and papers, submission with the daily
 * code sequence, reception, and the retention purge.
 *
 * Contract:
 * - Personal data never reaches the database in clear: `personal` (applicant + e-form JSON) and
 *   each paper's PDF are sealed with the injected DataSealer (AES-256-GCM with the hall data key,
 *   electron/server/dossier-crypto.ts), each value with its own nonce and the dossier id in the
 *   associated data, so a sealed value copied onto another dossier does not open.
 * - A key check value in hall_meta proves at construction that the sealer holds the key the
 *   database was written with (HallKeyMismatchError otherwise, before anything is served).
 * - Every write is one transaction: a paper replaces the paper of the same type atomically, and
 *   `submit` assigns the code, records the ticket and runs the caller's hook (the outbox) together.
 * - Deletions overwrite the freed pages (secure_delete) and the purge truncates the WAL, so purged
 *   ciphertext does not linger in free pages.
 */
import type { Applicant, DossierState } from '../common/dossier-wire.ts';
import type { FormData } from '../common/eform.ts';
import type { ConsentRecord } from '../common/privacy-notice.ts';
import type { HallDatabase } from './open-database.ts';

/** Authenticated encryption of one value; `aad` binds it to where it is stored. */
export interface DataSealer {
  seal(plain: Uint8Array, aad: string): Buffer;
  /** Throws when the key is wrong or the value was altered. */
  open(sealed: Uint8Array, aad: string): Buffer;
}

export class HallKeyMismatchError extends Error {
  constructor() {
    super(
      "The hall data key does not open this database's dossiers: it is not the key they were sealed with. " +
        'Restore the key file (<db>.key) or HALL_DATA_KEY from the backup made with this database; nothing was changed.',
    );
    this.name = 'HallKeyMismatchError';
  }
}

export class SealedDataError extends Error {
  constructor(dossierId: string, what: string) {
    super(`The ${what} of dossier ${dossierId} cannot be decrypted: the hall data key is wrong or the stored value is damaged.`);
    this.name = 'SealedDataError';
  }
}

export interface PersonalData {
  readonly applicant: Applicant;
  readonly form: FormData;
}

export interface DossierRow {
  readonly id: string;
  readonly procedureId: string;
  readonly formId: string | null;
  readonly state: DossierState;
  readonly channel: 'kiosk' | 'counter';
  readonly createdByDevice: string;
  readonly createdByStaff: string | null;
  readonly personHash: string | null;
  readonly code: string | null;
  readonly pendingTicketId: string | null;
  readonly ticketId: string | null;
  readonly createdAt: number;
  readonly submittedAt: number | null;
  readonly syncedAt: number | null;
  readonly receivedAt: number | null;
  readonly receivedByStaff: string | null;
  readonly purgeAfter: number;
  readonly purgedAt: number | null;
  /** The citizen's consent to the dossier notice; null for drafts made before it was kept. */
  readonly consent: ConsentRecord | null;
}

export interface PaperRow {
  readonly id: string;
  readonly dossierId: string;
  readonly docTypeCode: string;
  readonly sha256: string;
  readonly pages: number;
  readonly dpi: number;
  readonly bytes: number;
  readonly ocrConfidence: number | null;
  readonly uploadedAt: number;
}

export interface NewDossier {
  readonly id: string;
  readonly procedureId: string;
  readonly formId: string | null;
  readonly channel: 'kiosk' | 'counter';
  readonly createdByDevice: string;
  readonly createdByStaff: string | null;
  readonly personHash: string;
  readonly personal: PersonalData;
  readonly createdAt: number;
  readonly purgeAfter: number;
  readonly consent: ConsentRecord;
}

export type NewPaper = Omit<PaperRow, 'bytes'> & { readonly pdf: Uint8Array };

export interface SubmitRecord {
  readonly businessDate: string;
  /** Builds the code from the day's sequence number (1, 2, …). */
  readonly codeOf: (sequence: number) => string;
  readonly ticketId: string;
  readonly at: number;
  readonly purgeAfter: number;
}

const KEY_CHECK = 'dossier_key_check';
const KEY_CHECK_AAD = 'hall_meta:dossier_key_check';
const KEY_CHECK_TEXT = 'hall data key check';

const personalAad = (dossierId: string): string => `dossier:${dossierId}:personal`;
const paperAad = (dossierId: string, docTypeCode: string): string => `dossier:${dossierId}:paper:${docTypeCode}`;

type Row = Record<string, unknown>;

function toDossier(r: Row): DossierRow {
  return {
    id: r.id as string,
    procedureId: r.procedure_id as string,
    formId: r.form_id as string | null,
    state: r.state as DossierState,
    channel: r.channel as 'kiosk' | 'counter',
    createdByDevice: r.created_by_device as string,
    createdByStaff: r.created_by_staff as string | null,
    personHash: r.person_hash as string | null,
    code: r.code as string | null,
    pendingTicketId: r.pending_ticket_id as string | null,
    ticketId: r.ticket_id as string | null,
    createdAt: r.created_at as number,
    submittedAt: r.submitted_at as number | null,
    syncedAt: r.synced_at as number | null,
    receivedAt: r.received_at as number | null,
    receivedByStaff: r.received_by_staff as string | null,
    purgeAfter: r.purge_after as number,
    purgedAt: r.purged_at as number | null,
    consent: r.consent === null ? null : (JSON.parse(r.consent as string) as ConsentRecord),
  };
}

function toPaper(r: Row): PaperRow {
  return {
    id: r.id as string,
    dossierId: r.dossier_id as string,
    docTypeCode: r.doc_type_code as string,
    sha256: r.sha256 as string,
    pages: r.pages as number,
    dpi: r.dpi as number,
    bytes: r.bytes as number,
    ocrConfidence: r.ocr_confidence as number | null,
    uploadedAt: r.uploaded_at as number,
  };
}

const DOSSIER_COLUMNS = `id, procedure_id, form_id, state, channel, created_by_device, created_by_staff, person_hash, code,
  pending_ticket_id, ticket_id, created_at, submitted_at, synced_at, received_at, received_by_staff, purge_after, purged_at, consent`;
const PAPER_COLUMNS = 'id, dossier_id, doc_type_code, sha256, pages, dpi, bytes, ocr_confidence, uploaded_at';

/** One open draft of a device, for its quota (server/device-flooding.ts). */
export interface OpenDraft {
  readonly id: string;
  /** Bytes of its scanned papers. */
  readonly bytes: number;
  /** Its creation or its latest paper upload, epoch ms. */
  readonly touchedAt: number;
}

export class DossierStore {
  readonly #db: HallDatabase;
  readonly #sealer: DataSealer;
  readonly #s;

  /** Whether dossier data was ever sealed in this database (so a missing key file is an error). */
  static hasSealedData(db: HallDatabase): boolean {
    return db.prepare('SELECT 1 FROM hall_meta WHERE key = ?').get(KEY_CHECK) !== undefined;
  }

  constructor(db: HallDatabase, sealer: DataSealer) {
    this.#db = db;
    this.#sealer = sealer;
    db.pragma('secure_delete = ON');
    this.#checkKey();
    this.#s = {
      insert: db.prepare(
        `INSERT INTO dossiers (id, procedure_id, form_id, state, channel, created_by_device, created_by_staff, person_hash, personal, created_at, purge_after, consent)
         VALUES (@id, @procedureId, @formId, 'draft', @channel, @createdByDevice, @createdByStaff, @personHash, @personal, @createdAt, @purgeAfter, @consent)`,
      ),
      byId: db.prepare(`SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE id = ?`),
      byTicket: db.prepare(`SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE ticket_id = ? ORDER BY created_at DESC LIMIT 1`),
      byCode: db.prepare(`SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE code = ?`),
      personal: db.prepare('SELECT personal FROM dossiers WHERE id = ?').pluck(),
      papers: db.prepare(`SELECT ${PAPER_COLUMNS} FROM dossier_papers WHERE dossier_id = ? ORDER BY uploaded_at, doc_type_code`),
      paper: db.prepare(`SELECT ${PAPER_COLUMNS}, pdf FROM dossier_papers WHERE dossier_id = ? AND id = ?`),
      deletePaperOfType: db.prepare('DELETE FROM dossier_papers WHERE dossier_id = ? AND doc_type_code = ?'),
      insertPaper: db.prepare(
        `INSERT INTO dossier_papers (id, dossier_id, doc_type_code, sha256, pages, dpi, bytes, ocr_confidence, pdf, uploaded_at)
         VALUES (@id, @dossierId, @docTypeCode, @sha256, @pages, @dpi, @bytes, @ocrConfidence, @pdf, @uploadedAt)`,
      ),
      deleteDraft: db.prepare("DELETE FROM dossiers WHERE id = ? AND state = 'draft'"),
      openDrafts: db.prepare(
        `SELECT d.id, COALESCE(SUM(p.bytes), 0) AS bytes, MAX(d.created_at, COALESCE(MAX(p.uploaded_at), 0)) AS touched_at
         FROM dossiers d LEFT JOIN dossier_papers p ON p.dossier_id = d.id
         WHERE d.created_by_device = ? AND d.state = 'draft' GROUP BY d.id ORDER BY touched_at, d.created_at, d.id`,
      ),
      paperBytes: db.prepare('SELECT bytes FROM dossier_papers WHERE dossier_id = ? AND doc_type_code = ?').pluck(),
      setIntent: db.prepare("UPDATE dossiers SET pending_ticket_id = ? WHERE id = ? AND state = 'draft' AND pending_ticket_id IS NULL"),
      nextSequence: db
        .prepare('INSERT INTO dossier_sequences (business_date, last) VALUES (?, 1) ON CONFLICT (business_date) DO UPDATE SET last = last + 1 RETURNING last')
        .pluck(),
      submit: db.prepare(
        `UPDATE dossiers SET state = 'submitted', code = @code, ticket_id = @ticketId, submitted_at = @at, purge_after = @purgeAfter
         WHERE id = @id AND state = 'draft'`,
      ),
      receive: db.prepare(
        "UPDATE dossiers SET state = 'received', received_at = @at, received_by_staff = @staffId WHERE id = @id AND state IN ('submitted', 'synced')",
      ),
      synced: db.prepare(
        "UPDATE dossiers SET synced_at = COALESCE(synced_at, @at), state = CASE state WHEN 'submitted' THEN 'synced' ELSE state END WHERE id = @id AND state <> 'draft'",
      ),
      due: db.prepare(`SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE purged_at IS NULL AND purge_after <= ? ORDER BY purge_after`),
      purge: db.prepare('UPDATE dossiers SET personal = NULL, person_hash = NULL, purged_at = ? WHERE id = ?'),
      purgePapers: db.prepare('DELETE FROM dossier_papers WHERE dossier_id = ?'),
    };
  }

  #checkKey(): void {
    const row = this.#db.prepare('SELECT value FROM hall_meta WHERE key = ?').get(KEY_CHECK) as { value: string } | undefined;
    if (row === undefined) {
      const sealed = this.#sealer.seal(Buffer.from(KEY_CHECK_TEXT, 'utf8'), KEY_CHECK_AAD).toString('base64');
      this.#db.prepare('INSERT INTO hall_meta (key, value) VALUES (?, ?)').run(KEY_CHECK, sealed);
      return;
    }
    try {
      const text = this.#sealer.open(Buffer.from(row.value, 'base64'), KEY_CHECK_AAD).toString('utf8');
      if (text !== KEY_CHECK_TEXT) throw new Error('key check text differs');
    } catch {
      throw new HallKeyMismatchError();
    }
  }

  create(d: NewDossier): void {
    const personal = this.#sealer.seal(Buffer.from(JSON.stringify(d.personal), 'utf8'), personalAad(d.id));
    this.#s.insert.run({ ...d, personal, consent: JSON.stringify(d.consent) });
  }

  get(id: string): DossierRow | null {
    const r = this.#s.byId.get(id) as Row | undefined;
    return r ? toDossier(r) : null;
  }

  byTicket(ticketId: string): DossierRow | null {
    const r = this.#s.byTicket.get(ticketId) as Row | undefined;
    return r ? toDossier(r) : null;
  }

  byCode(code: string): DossierRow | null {
    const r = this.#s.byCode.get(code) as Row | undefined;
    return r ? toDossier(r) : null;
  }

  /** The decrypted applicant and form; null once purged. */
  personal(id: string): PersonalData | null {
    const sealed = this.#s.personal.get(id) as Buffer | null | undefined;
    if (sealed === null || sealed === undefined) return null;
    let plain: Buffer;
    try {
      plain = this.#sealer.open(sealed, personalAad(id));
    } catch {
      throw new SealedDataError(id, 'personal data');
    }
    return JSON.parse(plain.toString('utf8')) as PersonalData;
  }

  papers(dossierId: string): PaperRow[] {
    return (this.#s.papers.all(dossierId) as Row[]).map(toPaper);
  }

  /** Stores a paper, replacing the paper of the same type, in one transaction. */
  putPaper(p: NewPaper): PaperRow {
    const { pdf, ...meta } = p;
    const row: PaperRow = { ...meta, bytes: pdf.byteLength };
    const sealed = this.#sealer.seal(pdf, paperAad(p.dossierId, p.docTypeCode));
    this.#db
      .transaction(() => {
        this.#s.deletePaperOfType.run(p.dossierId, p.docTypeCode);
        this.#s.insertPaper.run({ ...row, pdf: sealed });
      })
      .immediate();
    return row;
  }

  removePaper(dossierId: string, docTypeCode: string): boolean {
    return this.#s.deletePaperOfType.run(dossierId, docTypeCode).changes > 0;
  }

  /** A paper with its decrypted PDF. */
  paperPdf(dossierId: string, paperId: string): { paper: PaperRow; pdf: Buffer } | null {
    const r = this.#s.paper.get(dossierId, paperId) as (Row & { pdf: Buffer }) | undefined;
    if (!r) return null;
    const paper = toPaper(r);
    try {
      return { paper, pdf: this.#sealer.open(r.pdf, paperAad(dossierId, paper.docTypeCode)) };
    } catch {
      throw new SealedDataError(dossierId, `paper ${paper.docTypeCode}`);
    }
  }

  /** The open drafts a device created, with the bytes of their papers and when each was last touched; least recently touched first. */
  openDraftsOf(deviceId: string): OpenDraft[] {
    return (this.#s.openDrafts.all(deviceId) as { id: string; bytes: number; touched_at: number }[]).map((r) => ({
      id: r.id,
      bytes: r.bytes,
      touchedAt: r.touched_at,
    }));
  }

  /** The bytes of a dossier's paper of that type, 0 when it has none. */
  paperBytes(dossierId: string, docTypeCode: string): number {
    return (this.#s.paperBytes.get(dossierId, docTypeCode) as number | undefined) ?? 0;
  }

  /** Deletes a draft and its papers; false when it is not a draft (or does not exist). */
  deleteDraft(id: string): boolean {
    return this.#s.deleteDraft.run(id).changes > 0;
  }

  /**
   * Records the id the submit's queue ticket will carry, before the ticket is issued, so a submit
   * retried after a crash finds that ticket instead of issuing a second one. Returns the recorded
   * id (an earlier attempt's, when there was one).
   */
  recordSubmitIntent(id: string, ticketId: string): string {
    this.#s.setIntent.run(ticketId, id);
    const row = this.get(id);
    if (!row?.pendingTicketId) throw new Error(`dossier ${id} is not a draft; no submit intent recorded`);
    return row.pendingTicketId;
  }

  /**
   * Assigns the day's next code, records the ticket and the submission, and runs `hook` with the
   * database inside the same transaction (the outbox enqueues there). Nothing is kept if the hook
   * throws. Returns the code, or null when the dossier was no longer a draft.
   */
  submit(id: string, s: SubmitRecord, hook: (db: HallDatabase) => void): string | null {
    return this.#db
      .transaction((): string | null => {
        const row = this.get(id);
        if (!row || row.state !== 'draft') return null;
        const code = s.codeOf(this.#s.nextSequence.get(s.businessDate) as number);
        this.#s.submit.run({ id, code, ticketId: s.ticketId, at: s.at, purgeAfter: s.purgeAfter });
        hook(this.#db);
        return code;
      })
      .immediate();
  }

  /** submitted or synced → received; false otherwise. */
  markReceived(id: string, at: number, staffId: string | null): boolean {
    return this.#s.receive.run({ id, at, staffId }).changes > 0;
  }

  /** Ids of dossiers whose `dossier.submitted` outbox item was delivered but which have no synced_at. */
  deliveredButNotSynced(): string[] {
    return this.#db
      .prepare(
        `SELECT d.id FROM dossiers d JOIN outbox o ON o.aggregate_id = d.id AND o.topic = 'dossier.submitted'
        WHERE o.delivered_at IS NOT NULL AND d.synced_at IS NULL AND d.state <> 'draft' ORDER BY d.id`,
      )
      .pluck()
      .all() as string[];
  }

  /** Delivered to the provincial system: submitted → synced (a received dossier keeps its state). */
  markSynced(id: string, at: number): boolean {
    return this.#s.synced.run({ id, at }).changes > 0;
  }

  /** The dossiers whose retention has ended and whose personal data is still kept, oldest first. */
  dueForPurge(now: number): DossierRow[] {
    return (this.#s.due.all(now) as Row[]).map(toDossier);
  }

  /**
   * Deletes the personal data and papers of these dossiers in one transaction (a savepoint inside
   * the caller's); keeps each row (code, procedure, state, times).
   */
  purge(ids: readonly string[], now: number): void {
    this.#db
      .transaction(() => {
        for (const id of ids) {
          this.#s.purgePapers.run(id);
          this.#s.purge.run(now, id);
        }
      })
      .immediate();
  }

  /** After a purge, outside any transaction: copies the overwritten pages into the database and empties the WAL, so no deleted data stays in it. */
  truncateWal(): void {
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
