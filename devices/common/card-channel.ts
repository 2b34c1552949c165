/**
 * The APDU transport a smart-card protocol runs over: a PC/SC reader (devices/transports/pcsc.ts)
 * or the in-memory virtual CCCD (devices/simulators/virtual-cccd). ISO/IEC 7816-4 command and
 * response APDUs travel as raw bytes; secure messaging and every protocol live above this line.
 *
 * Contract:
 * - transmit() resolves with the full response APDU (data ‖ SW1 SW2), whatever the status word.
 * - Failures of the link itself reject with a CardChannelError whose flags say what happened
 *   (card lifted, reader gone); callers branch on the flags, never on message text.
 * - One command at a time: a transmit() while another is pending rejects with `busy`.
 */

export interface CardChannel {
  /** Name of the reader (PC/SC reader name, or "sim:card"); never personal data. */
  readonly readerName: string;
  /** Whether command and response APDUs may use extended length (ISO 7816-4 §5.1). */
  readonly extendedLength: boolean;
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /** Releases the card; further transmit() calls reject with `closed`. */
  close(): Promise<void>;
}

/** Opens a channel to the card currently on the reader; rejects with cardAbsent when none is there. */
export type CardChannelFactory = () => Promise<CardChannel>;

export interface CardChannelErrorFlags {
  /** The card left the field (or was reset) during or before the exchange. */
  readonly cardRemoved?: boolean;
  /** No card is on the reader. */
  readonly cardAbsent?: boolean;
  /** The reader itself disappeared or the PC/SC service is down. */
  readonly readerUnavailable?: boolean;
  /** A transmit() was issued while another was pending. */
  readonly busy?: boolean;
  /** The channel was closed by its owner. */
  readonly closed?: boolean;
}

export class CardChannelError extends Error {
  readonly cardRemoved: boolean;
  readonly cardAbsent: boolean;
  readonly readerUnavailable: boolean;
  readonly busy: boolean;
  readonly closed: boolean;

  constructor(message: string, flags: CardChannelErrorFlags) {
    super(message);
    this.name = 'CardChannelError';
    this.cardRemoved = flags.cardRemoved ?? false;
    this.cardAbsent = flags.cardAbsent ?? false;
    this.readerUnavailable = flags.readerUnavailable ?? false;
    this.busy = flags.busy ?? false;
    this.closed = flags.closed ?? false;
  }
}
