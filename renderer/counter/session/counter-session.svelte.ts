/**
 * The officer's serving flow at one counter: the transition table of counter-machine.ts driven by
 * the officer's actions, with the side work each one starts (the server call, the rating window on
 * the keypad, the re-read of the hall). One instance per signed-in officer: signing out drops it
 * whole, so the next officer starts with no error, no rating window and no pending action.
 */
import type { CounterWithRating, RatingWindow } from '../../shared/api/types.ts';
import { errorCodeOf, type CounterAction, type HallApi } from '../../shared/hall-api.ts';
import type { StreamEvent } from '../../../electron/common/wire.ts';
import { officerRatingState, type OfficerRatingState } from '../rating-state.ts';
import { allowed, phaseOf, type ActionInput, type Phase } from './counter-machine.ts';

export interface CounterPorts {
  readonly api: () => HallApi | null;
  readonly counterId: () => string | null;
  /** This counter in the hall's latest snapshot. */
  readonly counter: () => CounterWithRating | null;
  /** How long the citizen may rate a finished service (s). */
  readonly ratingWindowSeconds: () => number;
  /** Opens the rating window on the counter's keypad (no keypad: nothing). */
  readonly openRatingWindow: (seconds: number) => void;
  /** Re-reads the hall's snapshot after an action. */
  readonly refresh: () => Promise<void>;
  readonly now: () => number;
}

/** A transfer the hall accepted: the ticket's number and where it went (the screen names the place). */
export interface TransferDone {
  readonly number: string;
  readonly toServiceId: string | null;
  readonly toCounterId: string | null;
}

export class CounterSession {
  /** An action is on its way to the server: no second one meanwhile. */
  busy = $state(false);
  /** The error code of the last refused action (shown in the screen's language). */
  error = $state<string | null>(null);
  /** The last transfer done here, shown to the officer until their next action. */
  transferred = $state.raw<TransferDone | null>(null);
  /** The rating window of the last service finished here (from our finish, then from the snapshot). */
  localWindow = $state.raw<RatingWindow | null>(null);
  /** Tickets the stream said were rated (their values are never sent to counters). */
  rated = $state.raw<ReadonlySet<string>>(new Set());
  readonly #ports: CounterPorts;

  constructor(ports: CounterPorts) {
    this.#ports = ports;
  }

  get phase(): Phase {
    return phaseOf(this.#ports.counter());
  }

  /** Whether the table allows `action` now (the screen enables its button by it). */
  can(action: CounterAction, input: ActionInput = {}): boolean {
    return !this.busy && allowed(this.phase, action, input);
  }

  /**
   * Sends an allowed action to the hall; false (and nothing sent) when the table has no such
   * action in this phase, its guard refuses it, or another action is on its way. A refusal of
   * the server is kept in `error`.
   */
  async act(action: CounterAction, input: ActionInput = {}): Promise<boolean> {
    const api = this.#ports.api();
    const counterId = this.#ports.counterId();
    if (api === null || counterId === null || !this.can(action, input)) return false;
    this.busy = true;
    this.error = null;
    this.transferred = null;
    const numberBefore = this.#ports.counter()?.current?.number ?? null;
    try {
      const result = await api.counter(counterId, action, bodyOf(action, input));
      if (action === 'transfer') {
        const number = result.ticket?.number ?? numberBefore;
        if (number) this.transferred = { number, toServiceId: given(input.toServiceId), toCounterId: given(input.toCounterId) };
      }
      if (action === 'finish' && result.ticket) {
        const seconds = this.#ports.ratingWindowSeconds();
        this.localWindow = { ticketId: result.ticket.id, closesAt: this.#ports.now() + seconds * 1000 };
        this.#ports.openRatingWindow(seconds);
      }
      if (action === 'call' || action === 'call-next') this.localWindow = null;
      await this.#ports.refresh();
      return true;
    } catch (e) {
      this.error = errorCodeOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** What the stream tells this counter: a rating arrived, or a ticket was called here (from another screen too). */
  heard(event: StreamEvent): void {
    if (event.type === 'ticket.rated' && event.ticketId !== null) this.rated = new Set([...this.rated, event.ticketId]);
    if (event.type === 'ticket.called' && event.counterId === this.#ports.counterId()) this.localWindow = null;
  }

  /**
   * The server's window (rating API) while it is open; it turns null once rated or closed, so the
   * screen hands each one it sees here to keep showing "rated" or "timed out" until the next call.
   */
  keepWindow(window: RatingWindow | null | undefined): void {
    if (window) this.localWindow = window;
  }

  /** The officer's view of the rating window at `now`. */
  rating(now: number): OfficerRatingState {
    return officerRatingState(this.#ports.counter()?.ratingWindow ?? this.localWindow, this.rated, now);
  }
}

/** The request body of an action: only what that action takes. */
function bodyOf(action: CounterAction, input: ActionInput): Record<string, unknown> {
  switch (action) {
    case 'pause':
      return { reason: input.reason?.trim() ?? '' };
    case 'call':
      return input.ticketId !== undefined ? { ticketId: input.ticketId } : { number: input.number?.trim().toUpperCase() ?? '' };
    case 'finish': {
      const procedureId = given(input.procedureId);
      return { outcome: input.outcome, ...(procedureId !== null && { procedureId }) };
    }
    case 'transfer': {
      const toServiceId = given(input.toServiceId);
      const toCounterId = given(input.toCounterId);
      return { ...(toServiceId !== null && { toServiceId }), ...(toCounterId !== null && { toCounterId }) };
    }
    case 'priority-review':
      return { decision: input.decision };
    default:
      return {};
  }
}

/** A destination id the officer chose, or null (blank counts as not chosen, as the guard has it). */
function given(id: string | undefined): string | null {
  return id === undefined || id.trim() === '' ? null : id;
}
