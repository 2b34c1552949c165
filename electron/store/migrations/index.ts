/**
 * Numbered migrations. Migration N brings the schema from user_version N-1 to N.
 * Append new files as NNNN-name.ts and list them here in order; never edit a released one.
 */
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-ratings-and-history.ts';
import * as m0003 from './0003-dossiers.ts';
import * as m0004 from './0004-outbox-and-appointments.ts';
import * as m0005 from './0005-dossiers-per-ticket.ts';
import * as m0006 from './0006-keyed-person-hashes.ts';
import * as m0007 from './0007-regulatory-scoring.ts';
import * as m0008 from './0008-staff-login-guard.ts';
import * as m0009 from './0009-dossier-outcomes.ts';
import * as m0010 from './0010-idempotency-keys.ts';
import * as m0011 from './0011-kpi-rollups.ts';
import * as m0012 from './0012-priority-basis.ts';
import * as m0013 from './0013-ticket-links.ts';
import * as m0014 from './0014-open-drafts-index.ts';
import * as m0015 from './0015-log-checkpoints.ts';
import * as m0016 from './0016-dossier-consent.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: m0001.name, sql: m0001.sql },
  { version: 2, name: m0002.name, sql: m0002.sql },
  { version: 3, name: m0003.name, sql: m0003.sql },
  { version: 4, name: m0004.name, sql: m0004.sql },
  { version: 5, name: m0005.name, sql: m0005.sql },
  { version: 6, name: m0006.name, sql: m0006.sql },
  { version: 7, name: m0007.name, sql: m0007.sql },
  { version: 8, name: m0008.name, sql: m0008.sql },
  { version: 9, name: m0009.name, sql: m0009.sql },
  { version: 10, name: m0010.name, sql: m0010.sql },
  { version: 11, name: m0011.name, sql: m0011.sql },
  { version: 12, name: m0012.name, sql: m0012.sql },
  { version: 13, name: m0013.name, sql: m0013.sql },
  { version: 14, name: m0014.name, sql: m0014.sql },
  { version: 15, name: m0015.name, sql: m0015.sql },
  { version: 16, name: m0016.name, sql: m0016.sql },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
