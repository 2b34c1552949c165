/**
 * The rating keypad, device side: a press of a rating level becomes the bytes the real keypad
 * sends (HID key report then release, or a serial K frame), and LED commands from the host are
 * decoded with the same codecs and kept as `ledsOn`. sendTo is the device end of a link
 * (MemoryTransport.emitData, or a serial port's write).
 */
import type { RatingLevel } from '../../electron/common/domain.ts';
import { decodeLedReport, encodeKeyReport } from '../keypad/hid-report-codec.ts';
import type { KeypadProfile } from '../keypad/keypad-profile.ts';
import { FrameReader, encodeFrame } from '../keypad/serial-frame-codec.ts';
import type { MemoryTransport } from '../transports/memory-transport.ts';

export class KeypadSimulator {
  readonly profile: KeypadProfile;
  ledsOn = false;
  readonly #frames = new FrameReader();
  #sendTo: ((bytes: Uint8Array) => void) | null = null;

  constructor(profile: KeypadProfile) {
    this.profile = profile;
  }

  connect(sendTo: (bytes: Uint8Array) => void): void {
    this.#sendTo = sendTo;
  }

  keyOf(level: RatingLevel): number {
    const entry = Object.entries(this.profile.keys).find(([, l]) => l === level);
    if (entry === undefined) throw new Error(`keypad profile '${this.profile.id}' has no key for ${level}`);
    return Number(entry[0]);
  }

  /** Unplugged: the keypad loses power and with it the LED state. */
  powerOff(): void {
    this.ledsOn = false;
  }

  /** The citizen presses the key of `level`. */
  press(level: RatingLevel): void {
    const key = this.keyOf(level);
    if (this.profile.link === 'hid') {
      this.#sendTo?.(encodeKeyReport(this.profile, key));
      this.#sendTo?.(encodeKeyReport(this.profile, 0));
    } else this.#sendTo?.(encodeFrame({ type: 'key', key }));
  }

  /** Bytes from the host; returns the keypad's answer (serial: an ACK frame). */
  receive(bytes: Uint8Array): Uint8Array | null {
    if (this.profile.link === 'hid') {
      this.ledsOn = decodeLedReport(this.profile, bytes);
      return null;
    }
    let ack: Uint8Array | null = null;
    for (const frame of this.#frames.push(bytes)) {
      if (frame.type === 'led') {
        this.ledsOn = frame.on;
        ack = encodeFrame({ type: 'ack', of: 'L' });
      }
    }
    return ack;
  }
}

export function connectMemoryKeypad(simulator: KeypadSimulator, transport: MemoryTransport): void {
  transport.setResponder((written) => simulator.receive(written));
  simulator.connect((bytes) => transport.emitData(bytes));
}
