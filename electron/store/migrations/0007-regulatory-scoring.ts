/**
 * What the regulations score that the queue does not hold:
 * - survey_answers: the optional detailed survey (TT 01/2018 indices a citizen answers at the
 *   rating tablet or the kiosk), one row per answered index (regulations R1.11), kept apart from
 *   the one-press rating folded into tickets.rating. No rater identity is stored (R1.10).
 * - dossier_results: what the provincial system reports of a dossier the hall received (state, due
 *   and completion time, electronic result, the channel it was submitted by), for the on-time and
 *   digitised-result indicators of QĐ 766 and TT 01 index 1.
 */
export const name = 'regulatory-scoring';

export const sql = `
CREATE TABLE survey_answers (
  ticket_id   TEXT NOT NULL,
  index_no    INTEGER NOT NULL CHECK (index_no IN (1, 3, 4, 7)),
  level       TEXT NOT NULL CHECK (level IN ('very_satisfied', 'satisfied', 'dissatisfied')),
  points      INTEGER NOT NULL CHECK (points IN (0, 1, 2)),
  reason      TEXT,
  channel     TEXT NOT NULL CHECK (channel IN ('rating', 'kiosk')),
  device_id   TEXT NOT NULL,
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, index_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE dossier_results (
  code         TEXT PRIMARY KEY,
  state        TEXT NOT NULL,
  due_at       INTEGER,
  completed_at INTEGER,
  e_result     INTEGER NOT NULL DEFAULT 0 CHECK (e_result IN (0, 1)),
  channel      TEXT CHECK (channel IN ('direct', 'online', 'postal')),
  updated_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`;
