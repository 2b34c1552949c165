/**
 * The hub's first schema: halls and their credentials, the events of every hall (partitioned by
 * month of the event time, partitions created on demand by partitions.ts), the ticket projection,
 * daily rollups per hall, service, counter and officer, chain alerts, and supervisor accounts.
 * Times of events are the halls' epoch milliseconds (bigint), as in the halls' own logs.
 */
export const up = `
CREATE TABLE halls (
  id                  text PRIMARY KEY,
  name                text NOT NULL,
  district            text,
  level               text NOT NULL DEFAULT 'province',
  time_zone           text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  wait_target_min     double precision NOT NULL DEFAULT 15,
  service_target_min  double precision NOT NULL DEFAULT 30,
  satisfaction_target_pct double precision NOT NULL DEFAULT 95,
  credential_sha256   text NOT NULL UNIQUE,
  enrolled_at         timestamptz NOT NULL DEFAULT now(),
  revoked_at          timestamptz,
  head_seq            bigint NOT NULL DEFAULT 0,
  head_hash           text NOT NULL DEFAULT '${'0'.repeat(64)}',
  last_event_at       bigint,
  last_batch_at       timestamptz
);

CREATE TABLE events (
  hall_id     text NOT NULL,
  seq         bigint NOT NULL,
  at          bigint NOT NULL,
  type        text NOT NULL,
  ticket_id   text,
  counter_id  text,
  data        jsonb NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  PRIMARY KEY (hall_id, seq, at)
) PARTITION BY RANGE (at);

CREATE TABLE tickets (
  hall_id         text NOT NULL,
  id              text NOT NULL,
  business_date   date NOT NULL,
  number          text NOT NULL,
  issued_at       bigint NOT NULL,
  slot_start      bigint,
  priority        text NOT NULL,
  service_id      text NOT NULL,
  procedure_id    text,
  counter_id      text,
  officer_id      text,
  status          text NOT NULL,
  first_called_at bigint,
  started_at      bigint,
  finished_at     bigint,
  outcome         text,
  rating          text,
  dossier_code    text,
  PRIMARY KEY (hall_id, id)
);
CREATE INDEX tickets_by_day ON tickets (hall_id, business_date);

CREATE TABLE daily_rollups (
  hall_id          text NOT NULL,
  business_date    date NOT NULL,
  service_id       text NOT NULL,
  counter_id       text NOT NULL,
  officer_id       text NOT NULL,
  tickets          integer NOT NULL,
  served           integer NOT NULL,
  no_shows         integer NOT NULL,
  waits            integer NOT NULL,
  wait_sum_ms      bigint NOT NULL,
  waits_within     integer NOT NULL,
  services         integer NOT NULL,
  service_sum_ms   bigint NOT NULL,
  services_within  integer NOT NULL,
  ratings          integer NOT NULL,
  satisfied        integer NOT NULL,
  dossiers         integer NOT NULL,
  dissatisfied_dossiers integer NOT NULL,
  PRIMARY KEY (business_date, hall_id, service_id, counter_id, officer_id)
);

CREATE TABLE alerts (
  id          bigserial PRIMARY KEY,
  hall_id     text NOT NULL REFERENCES halls (id),
  kind        text NOT NULL,
  seq         bigint,
  detail      text NOT NULL,
  raised_at   timestamptz NOT NULL DEFAULT now(),
  cleared_at  timestamptz
);
CREATE INDEX alerts_open ON alerts (hall_id) WHERE cleared_at IS NULL;

CREATE TABLE supervisors (
  username     text PRIMARY KEY,
  display_name text NOT NULL,
  pin_hash     text NOT NULL,
  scope        text NOT NULL CHECK (scope IN ('province', 'district')),
  district     text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  CHECK ((scope = 'district') = (district IS NOT NULL))
);

CREATE TABLE supervisor_sessions (
  token_sha256 text PRIMARY KEY,
  username     text NOT NULL REFERENCES supervisors (username),
  expires_at   timestamptz NOT NULL
);
`;
