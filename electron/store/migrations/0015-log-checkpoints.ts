/**
 * Keyed checkpoints of the event log's head, one per day close (store/log-checkpoints.ts), as
 * append-only as the events they anchor.
 */
export const name = 'log-checkpoints';

export const sql = `
CREATE TABLE log_checkpoints (
  seq           INTEGER PRIMARY KEY,
  head_hash     TEXT NOT NULL,
  at            INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  -- HMAC-SHA256 with the key derived from the hall data key for "log-checkpoint/v1", hex.
  mac           TEXT NOT NULL
) STRICT;
CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'log checkpoints are append-only'); END;
CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'log checkpoints are append-only'); END;
`;
