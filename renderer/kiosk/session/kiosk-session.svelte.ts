/**
 * One citizen's session at the kiosk: the transition table of kiosk-machine.ts driven by events,
 * with the side work the screens start (issuing with retries, printing). A session ends once; the
 * host (KioskSessions) then starts a new instance, so a session's data can only leave with it.
 */
import type { CardIdentity, KioskDevices } from '../../../electron/common/device-contract.ts';
import type { IssueTicketRequest, IssueTicketResponse } from '../../shared/api/types.ts';
import { errorCodeOf, type HallApi } from '../../shared/hall-api.ts';
import type { HallConfigView } from '../../shared/api/types.ts';
import { ticketPrintJob } from '../ticket-job.ts';
import { INITIAL, isCitizenEvent, isPristine, step, type EventType, type KioskEvent, type SessionData } from './kiosk-machine.ts';
import { isRetryable, retryDelayMs } from './issue-retry.ts';

export interface SessionPorts {
  readonly api: () => HallApi | null;
  readonly config: () => HallConfigView | null;
  readonly devices: () => KioskDevices | null;
  /** The hall's logo for printed tickets (base64 PNG), or null (none, or not loaded yet). */
  readonly logoPng: () => string | null;
  /** A fresh idempotency key (one per ticket asked for, reused by its retries). */
  readonly newKey: () => string;
  readonly isElderly: (identity: CardIdentity) => boolean;
  /** Waits between retries (tests pass an instant one). */
  readonly wait: (ms: number) => Promise<void>;
  /** How long one issue request may take before it is retried (ms). */
  readonly issueTimeoutMs: number;
  /** The page's clock (ms), for the session's idle time. */
  readonly now: () => number;
}

export class KioskSession {
  data = $state.raw<SessionData>(INITIAL);
  /** Set once when the session ends; every later event is ignored. */
  endedBy = $state<EventType | null>(null);
  /**
   * When the citizen last acted in this session (the page's clock, ms): a touch on the screen, or
   * an event the citizen caused. The idle timeout counts from it. It belongs to the session, so a
   * new session never inherits the quiet time of the one before (nor the time the kiosk stood
   * untouched on its start screen).
   */
  lastActivity = $state(0);
  readonly #ports: SessionPorts;
  readonly #onEnd: (reason: EventType) => void;

  constructor(ports: SessionPorts, onEnd: (reason: EventType) => void) {
    this.#ports = ports;
    this.#onEnd = onEnd;
    this.lastActivity = ports.now();
  }

  /** The citizen touched the screen or a key. */
  touch(): void {
    this.lastActivity = this.#ports.now();
  }

  get pristine(): boolean {
    return isPristine(this.data);
  }

  /** Applies one event; false when the table has no transition for it here (or the session ended). */
  send(event: KioskEvent): boolean {
    if (this.endedBy !== null) return false;
    const result = step(this.data, event);
    if (result.kind === 'ignored') return false;
    if (isCitizenEvent(event.type)) this.touch();
    if (result.kind === 'end') {
      this.endedBy = result.reason;
      this.#onEnd(result.reason);
      return true;
    }
    this.data = result.data;
    return true;
  }

  identified(identity: CardIdentity): boolean {
    return this.send({ type: 'identified', identity, elderly: this.#ports.isElderly(identity) });
  }

  /**
   * "Lấy số thứ tự": asks the hall for a ticket under one idempotency key, retrying on a timeout,
   * a lost connection or a server error until it answers (the screen says the kiosk is offline
   * meanwhile) or the session ends. A retry of a request the hall already committed returns the
   * same ticket. Resolves when the ticket is on screen, the hall refused, or the session ended.
   */
  async takeNumber(serviceId?: string): Promise<void> {
    if (!this.send({ type: 'take-number', ...(serviceId === undefined ? {} : { serviceId }) })) return;
    const request = this.#issueRequest();
    const key = this.#ports.newKey();
    for (let attempt = 0; this.endedBy === null && this.data.screen === 'issuing'; attempt++) {
      const api = this.#ports.api();
      try {
        if (api === null) throw new Error('not connected');
        const response = await api.issueTicket(request, { idempotencyKey: key, timeoutMs: this.#ports.issueTimeoutMs });
        this.showIssued(response);
        return;
      } catch (error) {
        const code = api === null ? 'NETWORK' : errorCodeOf(error);
        if (!isRetryable(code)) {
          this.send({ type: 'issue-failed', code });
          return;
        }
        this.send({ type: 'issue-offline' });
        await this.#ports.wait(retryDelayMs(attempt));
      }
    }
  }

  /** A ticket the hall issued (here, or at an appointment check-in): on screen at once, then printed. */
  showIssued(response: IssueTicketResponse): void {
    if (!this.send({ type: 'issued', response })) return;
    void this.#print(response);
  }

  async #print(response: IssueTicketResponse): Promise<void> {
    const config = this.#ports.config();
    const devices = this.#ports.devices();
    const result = config && devices ? await devices.printTicket(ticketPrintJob(config, response, { logoPng: this.#ports.logoPng() })).catch(() => null) : null;
    this.send({ type: 'printed', ok: result?.ok === true });
  }

  #issueRequest(): IssueTicketRequest {
    const d = this.data;
    return {
      serviceId: d.serviceId ?? '',
      priority: d.priority,
      ...(d.procedure ? { procedureId: d.procedure.id } : {}),
      // What was read from the card goes with the consent it was read under (NĐ 13/2023).
      ...(d.identity && d.identifyConsent ? { idNumber: d.identity.idNumber, consent: d.identifyConsent } : {}),
      // The chip's own files: the hall verifies them before it grants the elderly priority.
      ...(d.identity?.chipFiles && d.identifyConsent ? { chip: d.identity.chipFiles } : {}),
      ...(d.dossierCount > 1 ? { dossierCount: d.dossierCount } : {}),
    } as IssueTicketRequest;
  }
}

/** Forgets the session on the device side (card buffers, scans), in browser storage and in speech. */
export type SessionWipe = () => void;

/**
 * The kiosk's current session. An ended session is dropped whole and a new one starts from
 * INITIAL; `wipe` clears what lives outside the page's state.
 */
export class KioskSessions {
  current = $state.raw<KioskSession>(undefined as unknown as KioskSession);
  /** How many sessions ended (soak tests and diagnostics; no personal data). */
  ended = $state(0);
  readonly #ports: SessionPorts;
  readonly #wipe: SessionWipe;

  constructor(ports: SessionPorts, wipe: SessionWipe) {
    this.#ports = ports;
    this.#wipe = wipe;
    this.current = this.#next();
  }

  #next(): KioskSession {
    return new KioskSession(this.#ports, () => {
      this.#wipe();
      this.ended += 1;
      this.current = this.#next();
    });
  }
}
