/**
 * The counter's reception decisions on a dossier and the official form printed for each (TT 01/2018
 * Điều 9: Mẫu 01 giấy tiếp nhận và hẹn trả kết quả, 02 phiếu yêu cầu bổ sung, 03 phiếu từ chối).
 * Each form is numbered in its own register, continuously through the year (Điều 10.2.c). A
 * dossier may have several rows (a supplement request, then the reception); the latest decides.
 * No personal data: the officer's display name as printed, the reason and the items in the
 * officer's words.
 */
export const name = 'dossier-outcomes';

export const sql = `
CREATE TABLE dossier_outcomes (
  id          INTEGER PRIMARY KEY,
  dossier_id  TEXT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  form        TEXT NOT NULL CHECK (form IN ('01', '02', '03')),
  year        INTEGER NOT NULL,
  number      INTEGER NOT NULL CHECK (number >= 1),
  decided_at  INTEGER NOT NULL,
  staff_id    TEXT,
  staff_name  TEXT,
  due_date    TEXT,
  period      TEXT,
  -- JSON {"items": [...], "reason": string|null}
  details     TEXT NOT NULL,
  UNIQUE (form, year, number)
) STRICT;
CREATE INDEX dossier_outcomes_dossier ON dossier_outcomes (dossier_id, id);
`;
