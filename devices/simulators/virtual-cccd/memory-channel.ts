/**
 * The virtual CCCD as a CardChannel in memory (the "sim:card" reader): latency per APDU for the
 * benchmark, APDU counting, and lifting the card mid-read for recovery tests.
 */
import { type CardChannel, CardChannelError, type CardChannelFactory } from '../../common/card-channel.ts';
import type { VirtualCccd } from './virtual-cccd.ts';

export interface MemoryReaderOptions {
  /** Added per APDU, in milliseconds (a contactless exchange takes some). */
  readonly latencyMs?: number;
  /** Reader supports extended length (default: what the card supports). */
  readonly extendedLength?: boolean;
}

/** A reader slot holding one virtual card that a test can lift and put back. */
export class MemoryCardReader {
  readonly card: VirtualCccd;
  private readonly options: MemoryReaderOptions;
  private present = true;
  private liftAt: number | null = null;
  private corruptAt: number | null = null;
  private generation = 0;
  private readonly listeners = new Set<(presence: { readonly present: boolean; readonly reader: string }) => void>();
  /** APDUs transmitted through every channel of this reader. */
  apduCount = 0;

  constructor(card: VirtualCccd, options: MemoryReaderOptions = {}) {
    this.card = card;
    this.options = options;
    card.reset();
  }

  /** Flips a bit in the last byte before the status word of the response to the APDU with this count (a radio error the MAC catches). */
  corruptResponseOnApdu(count: number): void {
    this.corruptAt = count;
  }

  /** Lifts the card when the APDU with this count (1-based, over the reader's lifetime) is sent; it is back on the next connect. */
  liftOnApdu(count: number): void {
    this.liftAt = count;
  }

  /** Presence changes, like PcscReader.onPresence. */
  onPresence(listener: (presence: { readonly present: boolean; readonly reader: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setPresent(present: boolean): void {
    this.present = present;
    for (const l of this.listeners) l({ present, reader: 'sim:card' });
  }

  readonly factory: CardChannelFactory = async () => {
    if (!this.present) {
      this.card.reset();
      this.setPresent(true);
    }
    const generation = ++this.generation;
    return this.channel(generation);
  };

  private channel(generation: number): CardChannel {
    let pending = false;
    let closed = false;
    const reader = this;
    return {
      readerName: 'sim:card',
      extendedLength: this.options.extendedLength ?? this.card.extendedLength,
      async transmit(command: Uint8Array): Promise<Uint8Array> {
        if (closed) throw new CardChannelError('channel closed', { closed: true });
        if (pending) throw new CardChannelError('transmit while another is pending', { busy: true });
        if (!reader.present || generation !== reader.generation) throw new CardChannelError('card removed', { cardRemoved: true });
        pending = true;
        try {
          reader.apduCount++;
          if (reader.options.latencyMs) await new Promise((r) => setTimeout(r, reader.options.latencyMs));
          if (reader.liftAt !== null && reader.apduCount >= reader.liftAt) {
            reader.liftAt = null;
            reader.setPresent(false);
            throw new CardChannelError('card removed', { cardRemoved: true });
          }
          const response = reader.card.transmit(command);
          if (reader.corruptAt !== null && reader.apduCount >= reader.corruptAt && response.length > 2) {
            reader.corruptAt = null;
            response[response.length - 3] = (response[response.length - 3] ?? 0) ^ 0x01;
          }
          return response;
        } finally {
          pending = false;
        }
      },
      async close(): Promise<void> {
        closed = true;
      },
    };
  }
}
