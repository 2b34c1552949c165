/**
 * The outbox to the provincial one-stop system and appointments (hẹn giờ).
 *
 * outbox: one row per message, written in the transaction of the change it reports (at-least-once:
 * a committed change always has its message). `id` is the enqueue order; `aggregate_seq` orders
 * the messages of one aggregate (a dossier), and the sync worker never sends one while an earlier
 * one of its aggregate is neither delivered nor dead. `idempotency_key` travels as the
 * Idempotency-Key header, so the receiver keeps one copy whatever the retries.
 * Only pending rows are in the partial index the worker reads.
 *
 * appointments: booked slots from the provincial system or the dashboard; `code` is what the QR
 * carries; `person_hash` is the hall's salted hash of the ID number, never the number.
 */
export const name = 'outbox-and-appointments';

export const sql = `
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  topic           TEXT NOT NULL,
  aggregate_id    TEXT NOT NULL,
  aggregate_seq   INTEGER NOT NULL CHECK (aggregate_seq >= 1),
  idempotency_key TEXT NOT NULL UNIQUE,
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  delivered_at    INTEGER,
  dead_at         INTEGER,
  CHECK (delivered_at IS NULL OR dead_at IS NULL),
  UNIQUE (aggregate_id, aggregate_seq)
) STRICT;
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX outbox_dead ON outbox (dead_at) WHERE dead_at IS NOT NULL;

CREATE TABLE appointments (
  id            TEXT PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  service_id    TEXT NOT NULL,
  procedure_id  TEXT,
  slot_start    INTEGER NOT NULL,
  slot_end      INTEGER NOT NULL,
  person_hash   TEXT,
  source        TEXT NOT NULL CHECK (source IN ('provincial', 'dashboard')),
  state         TEXT NOT NULL CHECK (state IN ('booked', 'checked_in', 'cancelled', 'no_show')),
  ticket_id     TEXT,
  created_at    INTEGER NOT NULL,
  checked_in_at INTEGER,
  CHECK (slot_end > slot_start),
  CHECK ((state = 'checked_in') = (ticket_id IS NOT NULL))
) STRICT;
CREATE INDEX appointments_slot ON appointments (slot_start);
`;
