/**
 * The rating window (service tier of the keypad): after a service the counter opens a window of
 * n seconds; the keypad lights up (where it can) and the first press inside the window becomes
 * the citizen's rating. Presses outside a window are ignored (nobody was asked).
 *
 * No lost rating: the window lives here, not in the driver, so it survives the keypad being
 * unplugged and replugged (the manager calls keypadReconnected, which relights the LEDs); a
 * press is delivered before the LEDs are switched off, so a failing LED write cannot swallow it.
 * Time is injected (now, schedule) so tests use no real time.
 */
import type { RatingPress } from '../../electron/common/device-contract.ts';
import { Listeners, type Unlisten } from '../common/transport.ts';
import type { KeyPress } from './keypad-driver.ts';

export type Schedule = (ms: number, run: () => void) => () => void;

export interface RatingWindowOptions {
  /** Switches the keypad LEDs; may reject when the keypad is unplugged (the window stays open). */
  readonly setLeds: (on: boolean) => Promise<void>;
  readonly now?: () => number;
  readonly schedule?: Schedule;
}

const realSchedule: Schedule = (ms, run) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export class RatingWindow {
  readonly #setLeds: (on: boolean) => Promise<void>;
  readonly #now: () => number;
  readonly #schedule: Schedule;
  readonly #ratings = new Listeners<RatingPress>();
  #closesAt: number | null = null;
  #cancelTimer: (() => void) | null = null;

  constructor(options: RatingWindowOptions) {
    this.#setLeds = options.setLeds;
    this.#now = options.now ?? Date.now;
    this.#schedule = options.schedule ?? realSchedule;
  }

  get isOpen(): boolean {
    return this.#closesAt !== null;
  }

  onRating(listener: (press: RatingPress) => void): Unlisten {
    return this.#ratings.add(listener);
  }

  /** Opens (or extends) the window; resolves once the LEDs were asked to light. */
  async open(seconds: number): Promise<void> {
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new RangeError(`rating window must be 1–600 s, got ${seconds}`);
    this.#cancelTimer?.();
    this.#closesAt = this.#now() + seconds * 1000;
    this.#cancelTimer = this.#schedule(seconds * 1000, () => void this.close());
    await this.#setLeds(true);
  }

  async close(): Promise<void> {
    if (this.#closesAt === null) return;
    this.#closesAt = null;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    await this.#setLeds(false).catch(() => undefined);
  }

  /** A key press from the driver. */
  handlePress(press: KeyPress): void {
    if (this.#closesAt === null || press.at > this.#closesAt) return;
    this.#ratings.emit({ level: press.level, at: press.at });
    void this.close();
  }

  /** The keypad came back: relight it if the window is still open. */
  async keypadReconnected(): Promise<void> {
    if (this.isOpen) await this.#setLeds(true).catch(() => undefined);
  }
}
