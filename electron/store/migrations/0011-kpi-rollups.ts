/**
 * Daily KPI rollups (core/kpi-rollup.ts, store/kpi-rollups.ts): the counts of each (business day,
 * service, counter, officer, procedure) cell, '' for none, and per day and dimension the wait
 * histogram of each key (Int32 pairs: 0.01-minute unit, count). Kept in the transaction that
 * writes the ticket rows, rebuilt by an import and when the hall's targets change; hall_meta
 * `kpi_rollup_targets` records the targets the within-target counts were made against.
 */
export const name = 'kpi-rollups';

export const sql = `
CREATE TABLE kpi_daily (
  business_date         TEXT NOT NULL,
  service_id            TEXT NOT NULL,
  counter_id            TEXT NOT NULL,
  officer_id            TEXT NOT NULL,
  procedure_id          TEXT NOT NULL,
  tickets               INTEGER NOT NULL,
  served                INTEGER NOT NULL,
  no_shows              INTEGER NOT NULL,
  waits                 INTEGER NOT NULL,
  wait_sum_ms           INTEGER NOT NULL,
  waits_within          INTEGER NOT NULL,
  services              INTEGER NOT NULL,
  service_sum_ms        INTEGER NOT NULL,
  services_within       INTEGER NOT NULL,
  ratings               INTEGER NOT NULL,
  satisfied             INTEGER NOT NULL,
  dossiers              INTEGER NOT NULL,
  dissatisfied_dossiers INTEGER NOT NULL,
  rated_dossiers        INTEGER NOT NULL,
  rated_points          INTEGER NOT NULL,
  PRIMARY KEY (business_date, service_id, counter_id, officer_id, procedure_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE kpi_daily_waits (
  dim           TEXT NOT NULL CHECK (dim IN ('service', 'counter', 'officer', 'procedure')),
  business_date TEXT NOT NULL,
  key           TEXT NOT NULL,
  hist          BLOB NOT NULL,
  PRIMARY KEY (dim, business_date, key)
) STRICT, WITHOUT ROWID;

-- From a result the provincial system reported to the imported ticket that received the dossier.
-- Live tickets carry no dossier code, so issuing a ticket adds nothing to this index.
CREATE INDEX tickets_dossier_code ON tickets (dossier_code) WHERE dossier_code IS NOT NULL;
`;
