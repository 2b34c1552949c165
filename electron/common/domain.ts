/**
 * Queue domain types shared by the engine, the store, the server and the renderer apps.
 * Pure types and constants: no I/O, no imports beyond the language.
 *
 * Times are UTC epoch milliseconds. A business date is the hall's local calendar date
 * (Asia/Ho_Chi_Minh by default) written YYYY-MM-DD.
 */

/** Priority classes. `appointment` tickets are served at their slot (hẹn giờ). */
export const PRIORITY_CLASSES = ['normal', 'elderly', 'pregnant', 'disabled', 'appointment'] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

/** The classes that the call-next policy treats as "priority" (ưu tiên). */
export const PRIORITY_GROUP: readonly PriorityClass[] = ['elderly', 'pregnant', 'disabled'];

/**
 * Why a ticket has its priority (electron/core/priority.ts decides it at issue):
 *   none       normal and appointment tickets;
 *   verified   elderly from a birth date the hall server read from a chip it verified itself;
 *   declared   the citizen's own word at the kiosk or counter (pregnant, disabled, or elderly without a
 *              verified chip), shown as declared until the officer confirms or clears it;
 *   confirmed  a declared priority the serving officer confirmed;
 *   cleared    a declared priority the serving officer found not to hold: the ticket is normal now.
 */
export const PRIORITY_BASES = ['none', 'verified', 'declared', 'confirmed', 'cleared'] as const;
export type PriorityBasis = (typeof PRIORITY_BASES)[number];

/**
 * Ticket life cycle:
 *   waiting → called → serving → done
 *   called → no_show | held | waiting (transfer)
 *   serving → held | waiting (transfer) | done
 *   held → waiting (return first/last)
 *   waiting | held → cancelled
 *   any open status → end_of_day (closing time)
 */
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'held', 'done', 'no_show', 'cancelled', 'end_of_day'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'held'];

/** Outcome of a service (kết quả phục vụ). */
export const SERVICE_OUTCOMES = ['received_dossier', 'returned_result', 'guidance_only', 'rejected'] as const;
export type ServiceOutcome = (typeof SERVICE_OUTCOMES)[number];

/**
 * A citizen's rating of a service, best first. Keypads and rating screens with 3 levels use
 * very_satisfied / satisfied / dissatisfied (Rất hài lòng / Hài lòng / Không hài lòng).
 */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
/** The levels offered by a 3-level keypad or screen, best first. */
export const RATING_LEVELS_3: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'dissatisfied'];
/** Levels that may carry a free-text reason. */
export const RATING_LEVELS_WITH_REASON: readonly RatingLevel[] = ['dissatisfied', 'very_dissatisfied'];
/** The choices a hall configured with `ratingLevels` (3 or 5) offers. */
export function ratingChoices(levels: 3 | 5): readonly RatingLevel[] {
  return levels === 3 ? RATING_LEVELS_3 : RATING_LEVELS;
}

export const COUNTER_STATES = ['closed', 'open', 'paused'] as const;
export type CounterStateName = (typeof COUNTER_STATES)[number];

export const ISSUE_CHANNELS = ['kiosk', 'counter', 'appointment'] as const;
export type IssueChannel = (typeof ISSUE_CHANNELS)[number];

export interface Ticket {
  readonly id: string;
  readonly businessDate: string;
  /** The service whose daily sequence produced the number. */
  readonly issuedServiceId: string;
  /** The service whose queue the ticket is in now (changes on transfer). */
  readonly serviceId: string;
  readonly seq: number;
  /** Display number: prefix + zero-padded sequence, e.g. "A015". */
  readonly number: string;
  readonly priority: PriorityClass;
  readonly priorityBasis: PriorityBasis;
  readonly status: TicketStatus;
  readonly channel: IssueChannel;
  /** Arrival time; wait is measured from here (or from the slot start for early appointments). */
  readonly issuedAt: number;
  /** Ordering key within a class: arrival time, moved by hold-return first/last. */
  readonly queuedAt: number;
  readonly slotStart: number | null;
  /** A transfer to a specific counter restricts who may call the ticket. */
  readonly targetCounterId: string | null;
  /** The counter that called or is serving the ticket. */
  readonly counterId: string | null;
  readonly officerId: string | null;
  readonly firstCalledAt: number | null;
  readonly lastCalledAt: number | null;
  readonly callCount: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly outcome: ServiceOutcome | null;
  readonly closedAt: number | null;
  /** Salted hash of the holder's ID number (fairness rule); never the number itself. Server side only. */
  readonly personHash: string | null;
  readonly procedureId: string | null;
  readonly deviceId: string | null;
  /**
   * Dossiers brought on this ticket: 1, or up to policy.maxDossiersPerTicket for a representative
   * (proxy mode). The wait estimate counts each one as a service.
   */
  readonly dossierCount: number;
  /** The citizen's rating of the service (ticket.rated); null until rated. */
  readonly rating: RatingLevel | null;
  readonly ratedAt: number | null;
}

export interface CounterState {
  readonly id: string;
  readonly state: CounterStateName;
  readonly officerId: string | null;
  readonly pauseReason: string | null;
  /** Ticket called or being served here. */
  readonly currentTicketId: string | null;
  /** Priority tickets called in a row since the last normal one (interleave policy). */
  readonly priorityStreak: number;
  readonly updatedAt: number;
}

/** A ticket as anyone in the hall may see it: no person hash, no device. */
export type PublicTicket = Omit<Ticket, 'personHash' | 'deviceId'>;

export function toPublicTicket(ticket: Ticket): PublicTicket {
  const { personHash: _p, deviceId: _d, ...rest } = ticket;
  return rest;
}

export interface WaitEstimate {
  readonly serviceId: string;
  /** Tickets in the same queue that will be called before a new ticket of this class. */
  readonly peopleAhead: number;
  /** Whole minutes, rounded up; 0 when nobody is ahead and a counter is open. */
  readonly estimatedWaitMinutes: number;
  /** Mean service minutes used (from recent services, or the configured default). */
  readonly meanServiceMinutes: number;
  /** Effective counters serving the queue (weighted share of each open counter). */
  readonly servers: number;
  readonly openCounters: number;
  /** 'recent' when recent service times exist, 'default' otherwise. */
  readonly basis: 'recent' | 'default';
}
