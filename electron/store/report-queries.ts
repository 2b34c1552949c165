/**
 * Reads for the regulatory report (TT 01/2018, QĐ 468, QĐ 766) over a range of business days, and
 * the writes of what it scores that the queue does not hold: the detailed survey's answers and the
 * results the provincial system reports. The arithmetic is in electron/core (tt01-report.ts,
 * qd468-productivity.ts, qd766-indicators.ts); this file only counts.
 *
 * A dossier ticket is a ticket whose service ended with a received dossier, or an imported one with
 * a dossier code; it stands for `dossier_count` dossiers (a representative may bring several).
 * Its dossier codes are the imported code and the codes of the hall's dossiers issued on it.
 */
import type { RatingLevel } from '../common/domain.ts';
import { businessDateOf, epochOfLocal, addDays } from '../core/business-time.ts';
import type { Counts766 } from '../core/qd766-indicators.ts';
import { addPoints, ratingPoints, resultPoints, type OfficerTally, type SurveyIndex, type SurveyLevel } from '../core/tt01-report.ts';
import { uuidv7Prefix } from './kpi-queries.ts';
import type { KpiRollups } from './kpi-rollups.ts';
import type { HallDatabase } from './open-database.ts';

const DAY_MS = 86_400_000;

function rangeParams(from: string, to: string): { low: string; high: string; from: string; to: string } {
  return { low: uuidv7Prefix(Date.parse(`${from}T00:00:00Z`) - DAY_MS), high: uuidv7Prefix(Date.parse(`${to}T00:00:00Z`) + 2 * DAY_MS), from, to };
}

/** Tickets of the range that carry dossiers (see the file comment). */
const DOSSIER_TICKETS = `
  dt AS (
    SELECT id, officer_id, dossier_count, rating, dossier_code FROM tickets
     WHERE id >= @low AND id < @high AND +business_date BETWEEN @from AND @to
       AND (outcome = 'received_dossier' OR dossier_code IS NOT NULL)
  ),
  codes AS (
    SELECT id AS ticket_id, dossier_code AS code FROM dt WHERE dossier_code IS NOT NULL
    UNION
    SELECT d.ticket_id, d.code FROM dossiers d JOIN dt ON d.ticket_id = dt.id WHERE d.code IS NOT NULL
  )`;

export interface SurveyAnswerInput {
  readonly ticketId: string;
  readonly index: SurveyIndex;
  readonly level: SurveyLevel;
  readonly points: number;
  readonly reason: string | null;
  readonly channel: 'rating' | 'kiosk';
  readonly deviceId: string;
  readonly at: number;
}

export interface DossierResultInput {
  readonly code: string;
  readonly state: string;
  readonly dueAt: number | null;
  readonly completedAt: number | null;
  readonly eResult: boolean;
  readonly channel: 'direct' | 'online' | 'postal' | null;
  readonly updatedAt: number;
}

/** One row of the per-dossier export (regulations R1.16): every field the QĐ 766 ratios need. */
export interface DossierExportRow {
  readonly code: string | null;
  readonly ticketNumber: string;
  readonly businessDate: string;
  readonly officerId: string | null;
  readonly serviceId: string;
  readonly procedureId: string | null;
  readonly dossiers: number;
  readonly receivedAt: number | null;
  readonly dueAt: number | null;
  readonly completedAt: number | null;
  readonly onTime: boolean | null;
  readonly dissatisfied: boolean;
  readonly digitised: boolean;
  readonly eResult: boolean;
  readonly synced: boolean;
  readonly channel: string;
}

export class ReportQueries {
  readonly #db: HallDatabase;
  readonly #beforeRead: () => void;
  readonly #received;
  readonly #ratingTally;
  readonly #surveyed;
  readonly #surveyTally;
  readonly #results;
  readonly #counts766;
  readonly #prepared;
  readonly #export;
  readonly #saveAnswer;
  readonly #saveResult;

  readonly #rollups: KpiRollups | null;
  readonly #surveyedRatings;

  /**
   * `beforeRead` runs before every read: the hall server flushes pending projection rows there.
   * `rollups`: the daily rollups, whose dossier counts (independent of the targets) replace the
   * scans of the tickets once they have been built.
   */
  constructor(db: HallDatabase, beforeRead: () => void = () => undefined, rollups: KpiRollups | null = null) {
    this.#db = db;
    this.#beforeRead = beforeRead;
    this.#rollups = rollups;
    // The one-press ratings of dossier tickets whose survey answered index 7: taken back out of the rollup's index 7.
    this.#surveyedRatings = db.prepare(
      `SELECT t.officer_id AS officerId, t.rating AS rating, t.dossier_count AS n FROM survey_answers s CROSS JOIN tickets t ON t.id = s.ticket_id
        WHERE s.index_no = 7 AND +t.business_date BETWEEN @from AND @to AND (t.outcome = 'received_dossier' OR t.dossier_code IS NOT NULL)`,
    );
    this.#received = db.prepare(
      `WITH ${DOSSIER_TICKETS} SELECT officer_id AS officerId, SUM(dossier_count) AS n FROM dt WHERE officer_id IS NOT NULL GROUP BY officer_id`,
    );
    // Index 7 from the one-press rating, for the tickets whose survey has no answer to index 7.
    this.#ratingTally = db.prepare(
      `WITH ${DOSSIER_TICKETS}
       SELECT officer_id AS officerId, SUM(dossier_count) AS dossiers, rating, COUNT(*) AS tickets FROM dt
        WHERE NOT EXISTS (SELECT 1 FROM survey_answers s WHERE s.ticket_id = dt.id AND s.index_no = 7)
        GROUP BY officer_id, rating`,
    );
    this.#surveyed = db.prepare(
      `WITH ${DOSSIER_TICKETS} SELECT officer_id AS officerId, SUM(dossier_count) AS n FROM dt
        WHERE EXISTS (SELECT 1 FROM survey_answers s WHERE s.ticket_id = dt.id AND s.index_no = 7) GROUP BY officer_id`,
    );
    // (CROSS JOIN keeps the small table outside: the planner has no statistics to know it.)
    // Survey answers of dossier tickets (from the answers, far fewer than the tickets); index 1 only
    // for tickets without a provincial result.
    this.#surveyTally = db.prepare(
      `SELECT t.officer_id AS officerId, s.index_no AS idx, SUM(t.dossier_count * s.points) AS points, SUM(t.dossier_count) AS dossiers
         FROM survey_answers s CROSS JOIN tickets t ON t.id = s.ticket_id
        WHERE +t.business_date BETWEEN @from AND @to AND (t.outcome = 'received_dossier' OR t.dossier_code IS NOT NULL)
          AND (s.index_no <> 1 OR NOT EXISTS (
            SELECT 1 FROM dossier_results r
             WHERE r.due_at IS NOT NULL AND r.completed_at IS NOT NULL
               AND (r.code = t.dossier_code OR r.code IN (SELECT d.code FROM dossiers d WHERE d.ticket_id = t.id))))
        GROUP BY t.officer_id, s.index_no`,
    );
    // From the results the province reported (far fewer than the tickets), to the ticket that received each dossier.
    this.#results = db.prepare(
      `SELECT t.officer_id AS officerId, r.due_at AS dueAt, r.completed_at AS completedAt, r.e_result AS eResult, r.channel AS channel
         FROM dossier_results r CROSS JOIN tickets t ON t.dossier_code = r.code
        WHERE +t.business_date BETWEEN @from AND @to
       UNION ALL
       SELECT t.officer_id, r.due_at, r.completed_at, r.e_result, r.channel
         FROM dossier_results r CROSS JOIN dossiers d ON d.code = r.code CROSS JOIN tickets t ON t.id = d.ticket_id
        WHERE +t.business_date BETWEEN @from AND @to AND t.outcome = 'received_dossier' AND (t.dossier_code IS NULL OR t.dossier_code <> r.code)`,
    );
    this.#counts766 = db.prepare(
      `WITH ${DOSSIER_TICKETS}
       SELECT COALESCE(SUM(dossier_count), 0) AS dossiers,
              COALESCE(SUM(CASE WHEN rating IN ('dissatisfied', 'very_dissatisfied') THEN dossier_count ELSE 0 END), 0) AS dissatisfied
         FROM dt`,
    );
    this.#prepared = db.prepare(
      `SELECT COUNT(*) AS prepared,
              COALESCE(SUM(EXISTS (SELECT 1 FROM dossier_papers p WHERE p.dossier_id = d.id)), 0) AS digitised,
              COALESCE(SUM(channel = 'kiosk'), 0) AS kiosk,
              COALESCE(SUM(synced_at IS NOT NULL), 0) AS synced
         FROM dossiers d WHERE submitted_at >= @start AND submitted_at < @end`,
    );
    this.#export = db.prepare(
      `WITH t AS (
         SELECT id, number, business_date, officer_id, service_id, procedure_id, dossier_count, rating, dossier_code, started_at, finished_at
           FROM tickets
          WHERE id >= @low AND id < @high AND +business_date BETWEEN @from AND @to
            AND (outcome = 'received_dossier' OR dossier_code IS NOT NULL)
       )
       SELECT COALESCE(d.code, t.dossier_code) AS code, t.number, t.business_date AS businessDate, t.officer_id AS officerId,
              t.service_id AS serviceId, t.procedure_id AS procedureId, CASE WHEN d.id IS NULL THEN t.dossier_count ELSE 1 END AS dossiers,
              COALESCE(d.received_at, t.finished_at, t.started_at) AS receivedAt, r.due_at AS dueAt, r.completed_at AS completedAt,
              t.rating IN ('dissatisfied', 'very_dissatisfied') AS dissatisfied,
              CASE WHEN d.id IS NULL THEN 0 ELSE EXISTS (SELECT 1 FROM dossier_papers p WHERE p.dossier_id = d.id) END AS digitised,
              COALESCE(r.e_result, 0) AS eResult, d.synced_at IS NOT NULL AS synced,
              COALESCE(r.channel, CASE WHEN d.channel IS NULL THEN 'direct' ELSE d.channel END) AS channel
         FROM t LEFT JOIN dossiers d ON d.ticket_id = t.id AND d.code IS NOT NULL
         LEFT JOIN dossier_results r ON r.code = COALESCE(d.code, t.dossier_code)
        ORDER BY t.id, d.code`,
    );
    this.#saveAnswer = db.prepare(
      `INSERT INTO survey_answers (ticket_id, index_no, level, points, reason, channel, device_id, answered_at)
       VALUES (@ticketId, @index, @level, @points, @reason, @channel, @deviceId, @at)
       ON CONFLICT (ticket_id, index_no) DO UPDATE SET level = excluded.level, points = excluded.points, reason = excluded.reason,
         channel = excluded.channel, device_id = excluded.device_id, answered_at = excluded.answered_at`,
    );
    this.#saveResult = db.prepare(
      `INSERT INTO dossier_results (code, state, due_at, completed_at, e_result, channel, updated_at)
       VALUES (@code, @state, @dueAt, @completedAt, @eResult, @channel, @updatedAt)
       ON CONFLICT (code) DO UPDATE SET state = excluded.state, due_at = COALESCE(excluded.due_at, due_at),
         completed_at = COALESCE(excluded.completed_at, completed_at), e_result = MAX(e_result, excluded.e_result),
         channel = COALESCE(excluded.channel, channel), updated_at = excluded.updated_at
       WHERE excluded.updated_at >= dossier_results.updated_at`,
    );
  }

  /** The rollups were built (their dossier counts do not depend on the targets). */
  #built(): boolean {
    return this.#rollups !== null && this.#rollups.storedTargets() !== null;
  }

  /** Saves a ticket's survey answers in one transaction (a new answer to an index replaces the earlier one). */
  saveSurvey(answers: readonly SurveyAnswerInput[]): void {
    this.#db
      .transaction(() => {
        for (const a of answers) this.#saveAnswer.run({ ...a, reason: a.reason === null ? null : a.reason.normalize('NFC') });
      })
      .immediate();
  }

  /** Keeps what the provincial system reported of a dossier; an older report never replaces a newer one. */
  saveResult(r: DossierResultInput): void {
    this.#saveResult.run({ ...r, eResult: r.eResult ? 1 : 0 });
  }

  /** Dossiers received per officer over the range. */
  receivedByOfficer(from: string, to: string): Map<string, number> {
    this.#beforeRead();
    if (this.#built()) {
      const out = new Map<string, number>();
      for (const [officerId, c] of this.#rollups?.sumsBy(from, to, 'officer') ?? []) if (officerId !== '' && c.dossiers > 0) out.set(officerId, c.dossiers);
      return out;
    }
    const rows = this.#received.all(rangeParams(from, to)) as { officerId: string; n: number }[];
    return new Map(rows.map((r) => [r.officerId, r.n]));
  }

  /** Each officer's TT 01 tally over the range (tt01-report.ts: where each index's points come from). */
  tt01Tallies(from: string, to: string, timeZone: string): OfficerTally[] {
    this.#beforeRead();
    const params = rangeParams(from, to);
    const byOfficer = new Map<string | null, { officerId: string | null; dossiers: number; tally: OfficerTally['tally'] }>();
    const of = (officerId: string | null) => {
      let t = byOfficer.get(officerId);
      if (!t) {
        t = { officerId, dossiers: 0, tally: {} };
        byOfficer.set(officerId, t);
      }
      return t;
    };
    if (this.#built()) {
      for (const [officerId, c] of this.#rollups?.sumsBy(from, to, 'officer') ?? []) {
        if (c.dossiers === 0) continue;
        const t = of(officerId === '' ? null : officerId);
        t.dossiers += c.dossiers;
        if (c.ratedDossiers > 0) t.tally[7] = { points: c.ratedPoints, dossiers: c.ratedDossiers };
      }
      for (const r of this.#surveyedRatings.all({ from, to }) as { officerId: string | null; rating: RatingLevel | null; n: number }[]) {
        const seven = of(r.officerId).tally[7];
        if (r.rating === null || !seven) continue;
        seven.points -= ratingPoints(r.rating) * r.n;
        seven.dossiers -= r.n;
      }
      for (const t of byOfficer.values()) if (t.tally[7]?.dossiers === 0) delete t.tally[7];
    } else {
      for (const r of this.#ratingTally.all(params) as { officerId: string | null; dossiers: number; rating: RatingLevel | null }[]) {
        const t = of(r.officerId);
        t.dossiers += r.dossiers;
        if (r.rating !== null) addPoints(t.tally, { 7: ratingPoints(r.rating) }, r.dossiers);
      }
      // Tickets whose survey answered index 7 were left out above: count their dossiers here.
      for (const r of this.#surveyed.all(params) as { officerId: string | null; n: number }[]) of(r.officerId).dossiers += r.n;
    }
    for (const r of this.#surveyTally.all({ from, to }) as { officerId: string | null; idx: 1 | 3 | 4 | 7; points: number; dossiers: number }[]) {
      const t = of(r.officerId);
      const cur = t.tally[r.idx] ?? { points: 0, dossiers: 0 };
      cur.points += r.points;
      cur.dossiers += r.dossiers;
      t.tally[r.idx] = cur;
    }
    for (const r of this.#results.all({ from, to }) as { officerId: string | null; dueAt: number | null; completedAt: number | null }[]) {
      if (r.dueAt === null || r.completedAt === null) continue;
      addPoints(of(r.officerId).tally, { 1: resultPoints(businessDateOf(r.completedAt, timeZone), businessDateOf(r.dueAt, timeZone)) }, 1);
    }
    return [...byOfficer.values()];
  }

  /** The QĐ 766 counts of the range (qd766-indicators.ts). */
  counts766(from: string, to: string, timeZone: string): Counts766 {
    this.#beforeRead();
    const params = rangeParams(from, to);
    let d = { dossiers: 0, dissatisfied: 0 };
    if (this.#built()) {
      for (const c of this.#rollups?.sumsBy(from, to, 'service').values() ?? []) {
        d.dossiers += c.dossiers;
        d.dissatisfied += c.dissatisfiedDossiers;
      }
    } else d = this.#counts766.get(params) as { dossiers: number; dissatisfied: number };
    let results = 0;
    let resultsDue = 0;
    let resultsOnTime = 0;
    let eResults = 0;
    let resultsOnline = 0;
    for (const r of this.#results.all({ from, to }) as { dueAt: number | null; completedAt: number | null; eResult: number; channel: string | null }[]) {
      if (r.completedAt === null) continue; // still being processed: no result yet
      results += 1;
      if (r.eResult === 1) eResults += 1;
      if (r.channel === 'online') resultsOnline += 1;
      if (r.dueAt !== null) {
        resultsDue += 1;
        if (businessDateOf(r.completedAt, timeZone) <= businessDateOf(r.dueAt, timeZone)) resultsOnTime += 1;
      }
    }
    const p = this.#prepared.get({ start: epochOfLocal(from, '00:00', timeZone), end: epochOfLocal(addDays(to, 1), '00:00', timeZone) }) as {
      prepared: number;
      digitised: number;
      kiosk: number;
      synced: number;
    };
    return {
      dossiers: d.dossiers,
      dissatisfied: d.dissatisfied,
      resultsDue,
      resultsOnTime,
      prepared: p.prepared,
      preparedDigitised: p.digitised,
      preparedAtKiosk: p.kiosk,
      synced: p.synced,
      results,
      eResults,
      resultsOnline,
    };
  }

  /** One row per dossier of the range (an imported ticket's dossiers on one row, counted in `dossiers`). */
  dossierRows(from: string, to: string, timeZone: string): DossierExportRow[] {
    this.#beforeRead();
    type Raw = Omit<DossierExportRow, 'onTime' | 'dissatisfied' | 'digitised' | 'eResult' | 'synced' | 'ticketNumber'> & {
      number: string;
      dissatisfied: number | null;
      digitised: number;
      eResult: number;
      synced: number;
    };
    return (this.#export.all(rangeParams(from, to)) as Raw[]).map((r) => ({
      code: r.code,
      ticketNumber: r.number,
      businessDate: r.businessDate,
      officerId: r.officerId,
      serviceId: r.serviceId,
      procedureId: r.procedureId,
      dossiers: r.dossiers,
      receivedAt: r.receivedAt,
      dueAt: r.dueAt,
      completedAt: r.completedAt,
      onTime: r.dueAt === null || r.completedAt === null ? null : businessDateOf(r.completedAt, timeZone) <= businessDateOf(r.dueAt, timeZone),
      dissatisfied: r.dissatisfied === 1,
      digitised: r.digitised === 1,
      eResult: r.eResult === 1,
      synced: r.synced === 1,
      channel: r.channel,
    }));
  }
}

/** Display names of the hall's staff by id and by username (imported history names officers by their own ids). */
export function staffNames(db: HallDatabase): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of db.prepare('SELECT id, username, display_name AS name FROM staff').all() as { id: string; username: string; name: string }[]) {
    names.set(r.id, r.name);
    if (!names.has(r.username)) names.set(r.username, r.name);
  }
  return names;
}
