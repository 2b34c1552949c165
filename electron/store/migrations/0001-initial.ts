/**
 * Tickets, counters, the hash-chained event log, devices, staff and sessions.
 * Issuing a ticket writes one tickets row, one unique-index entry and one events row: every extra
 * index is an extra WAL page per durable commit, so indexes exist only where a query needs them.
 * Ticket ids are time-ordered (UUIDv7), so the WITHOUT ROWID primary key grows at its end.
 */
export const name = 'initial';

export const sql = `
CREATE TABLE tickets (
  id                TEXT PRIMARY KEY,
  business_date     TEXT NOT NULL,
  issued_service_id TEXT NOT NULL,
  service_id        TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  number            TEXT NOT NULL,
  priority          TEXT NOT NULL,
  status            TEXT NOT NULL,
  channel           TEXT NOT NULL,
  issued_at         INTEGER NOT NULL,
  queued_at         INTEGER NOT NULL,
  slot_start        INTEGER,
  target_counter_id TEXT,
  counter_id        TEXT,
  officer_id        TEXT,
  first_called_at   INTEGER,
  last_called_at    INTEGER,
  call_count        INTEGER NOT NULL DEFAULT 0,
  started_at        INTEGER,
  finished_at       INTEGER,
  outcome           TEXT,
  closed_at         INTEGER,
  person_hash       TEXT,
  procedure_id      TEXT,
  device_id         TEXT,
  -- Never two tickets with one number on one business day (prefixes are unique per service).
  -- Also the index for "tickets of a day" and for the open tickets, which all belong to the
  -- newest business day (end-of-day closes a day before the next one issues).
  UNIQUE (business_date, number)
) STRICT, WITHOUT ROWID;
CREATE INDEX tickets_finished ON tickets (service_id, finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE counters (
  id                TEXT PRIMARY KEY,
  state             TEXT NOT NULL,
  officer_id        TEXT,
  pause_reason      TEXT,
  current_ticket_id TEXT,
  priority_streak   INTEGER NOT NULL DEFAULT 0,
  updated_at        INTEGER NOT NULL
) STRICT;

-- Append-only and hash-chained: hash = sha256(prev_hash || canonical JSON of the event).
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  type       TEXT NOT NULL,
  ticket_id  TEXT,
  counter_id TEXT,
  data       TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE devices (
  id                  TEXT PRIMARY KEY,
  role                TEXT NOT NULL,
  name                TEXT NOT NULL,
  counter_id          TEXT,
  token_hash          TEXT UNIQUE,
  token_expires_at    INTEGER,
  pairing_code_hash   TEXT UNIQUE,
  pairing_expires_at  INTEGER,
  created_at          INTEGER NOT NULL,
  enrolled_at         INTEGER,
  revoked_at          INTEGER,
  last_seen_at        INTEGER
) STRICT;

CREATE TABLE staff (
  id           TEXT PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL,
  pin_hash     TEXT NOT NULL,
  counter_ids  TEXT NOT NULL DEFAULT '[]',
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  device_id  TEXT NOT NULL REFERENCES devices (id),
  counter_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE hall_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
