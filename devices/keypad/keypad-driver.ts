/**
 * Rating keypad driver (tier 3): key reports or frames from the transport → key presses mapped to
 * rating levels by the profile, debounced; LEDs on/off where the keypad has them.
 *
 * Debounce: a press within profile.debounceMs of the last accepted press is dropped (contact
 * bounce, a citizen pressing twice); on HID, a key held down (repeated reports without a release)
 * counts once. The clock is injected.
 */
import type { RatingLevel } from '../../electron/common/domain.ts';
import { Listeners, type Transport, type Unlisten } from '../common/transport.ts';
import { inOrder, type InOrder } from '../common/in-order.ts';
import { KeypadReportError, decodeKeyReport, encodeLedReport } from './hid-report-codec.ts';
import type { KeypadProfile } from './keypad-profile.ts';
import { FrameReader, encodeFrame } from './serial-frame-codec.ts';

export interface KeyPress {
  readonly key: number;
  readonly level: RatingLevel;
  /** UTC epoch milliseconds. */
  readonly at: number;
}

export interface KeypadDriverOptions {
  readonly now?: () => number;
}

export class KeypadDriver {
  readonly profile: KeypadProfile;
  readonly #transport: Transport;
  readonly #now: () => number;
  readonly #presses = new Listeners<KeyPress>();
  readonly #frames = new FrameReader();
  #lastAcceptedAt = Number.NEGATIVE_INFINITY;
  #heldKey = 0;
  /** LED writes, one after another in call order. */
  readonly #writes: InOrder = inOrder();
  /** Reports or frames that could not be decoded (for health details). */
  malformed = 0;

  constructor(transport: Transport, profile: KeypadProfile, options: KeypadDriverOptions = {}) {
    this.#transport = transport;
    this.profile = profile;
    this.#now = options.now ?? Date.now;
    transport.onData((bytes) => this.#receive(bytes));
    transport.onClose(() => {
      this.#heldKey = 0;
    });
  }

  onPress(listener: (press: KeyPress) => void): Unlisten {
    return this.#presses.add(listener);
  }

  get hasLeds(): boolean {
    return this.profile.leds;
  }

  /**
   * Lights or darkens the keypad; a no-op for keypads without LEDs. Rejects with DeviceError when
   * the link is down. Calls run in call order, each write after the one before it ended: a
   * transport takes one write at a time, and a window closed right after it opened must not
   * leave the LEDs lit because its "off" met the "on" still being written.
   */
  setLeds(on: boolean): Promise<void> {
    if (!this.profile.leds) return Promise.resolve();
    const bytes = this.profile.link === 'hid' ? encodeLedReport(this.profile, on) : encodeFrame({ type: 'led', on });
    return this.#writes(() => this.#transport.write(bytes));
  }

  #receive(bytes: Uint8Array): void {
    if (this.profile.link === 'serial') {
      const before = this.#frames.errors;
      for (const frame of this.#frames.push(bytes)) if (frame.type === 'key') this.#press(frame.key);
      this.malformed += this.#frames.errors - before;
      return;
    }
    let key: number;
    try {
      key = decodeKeyReport(this.profile, bytes);
    } catch (error) {
      if (!(error instanceof KeypadReportError)) throw error;
      this.malformed++;
      return;
    }
    if (key === 0) {
      this.#heldKey = 0;
      return;
    }
    if (key === this.#heldKey) return;
    this.#heldKey = key;
    this.#press(key);
  }

  #press(key: number): void {
    const level = this.profile.keys[String(key)];
    if (level === undefined) {
      this.malformed++;
      return;
    }
    const at = this.#now();
    if (at - this.#lastAcceptedAt < this.profile.debounceMs) return;
    this.#lastAcceptedAt = at;
    this.#presses.emit({ key, level, at });
  }
}
