/**
 * Idempotency keys of state-changing calls from terminals (core/idempotency.ts). One row per
 * (device, key) whose first copy was answered: the request's fingerprint and that answer (status and
 * JSON body; a ticket's answer carries no personal data). Keys of requests still running are held
 * in the server's memory only. Rows older than the retention are
 * deleted by the server's timer.
 */
export const name = 'idempotency-keys';

export const sql = `
CREATE TABLE idempotency_keys (
  scope       TEXT NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
`;
