/**
 * Dossiers (hồ sơ) prepared at the kiosk or the counter, their scanned papers, and the daily
 * sequence of dossier codes.
 *
 * Personal data (the applicant and the e-form, each paper's PDF) is stored only as AES-256-GCM
 * ciphertext sealed with the hall data key (electron/server/dossier-crypto.ts): `personal` and
 * `pdf` are opaque BLOBs here. The paper code `<ID number>.<document type>` contains the ID number,
 * so it is derived from the decrypted applicant instead of being stored. After the retention period
 * the personal columns are cleared and the papers deleted; the row keeps the code, procedure,
 * state and times for statistics.
 */
export const name = 'dossiers';

export const sql = `
CREATE TABLE dossiers (
  id                TEXT PRIMARY KEY,
  procedure_id      TEXT NOT NULL,
  form_id           TEXT,
  state             TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'synced', 'received')),
  channel           TEXT NOT NULL CHECK (channel IN ('kiosk', 'counter')),
  created_by_device TEXT NOT NULL,
  created_by_staff  TEXT,
  -- HMAC-SHA256 of the ID number with the hall salt (same as tickets); cleared by the purge.
  person_hash       TEXT,
  -- Sealed JSON {applicant, form}; NULL once purged.
  personal          BLOB,
  -- <agency code>-YYMMDD-NNNN, assigned on submit.
  code              TEXT UNIQUE,
  -- The ticket id chosen before the ticket is issued (submit intent), then the issued ticket.
  pending_ticket_id TEXT,
  ticket_id         TEXT,
  created_at        INTEGER NOT NULL,
  submitted_at      INTEGER,
  synced_at         INTEGER,
  received_at       INTEGER,
  received_by_staff TEXT,
  purge_after       INTEGER NOT NULL,
  purged_at         INTEGER
) STRICT;
CREATE INDEX dossiers_ticket ON dossiers (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX dossiers_purge ON dossiers (purge_after) WHERE purged_at IS NULL;

CREATE TABLE dossier_papers (
  id             TEXT PRIMARY KEY,
  dossier_id     TEXT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  doc_type_code  TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  pages          INTEGER NOT NULL,
  dpi            INTEGER NOT NULL,
  bytes          INTEGER NOT NULL,
  ocr_confidence REAL,
  -- The sealed PDF.
  pdf            BLOB NOT NULL,
  uploaded_at    INTEGER NOT NULL,
  UNIQUE (dossier_id, doc_type_code)
) STRICT;

-- Daily sequence of dossier codes (số thứ tự hồ sơ tiếp nhận trong ngày, TT 01/2018 Điều 19).
CREATE TABLE dossier_sequences (
  business_date TEXT PRIMARY KEY,
  last          INTEGER NOT NULL
) STRICT;
`;
