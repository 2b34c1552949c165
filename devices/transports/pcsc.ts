/**
 * PC/SC transport over @pokusew/pcsclite (an optional dependency: loaded on first use, so
 * machines without pcscd still run everything else). One PcscReader watches one reader by name:
 * card presence events, exclusive connect, and a CardChannel per connection whose extended-length
 * support is probed at run time with an extended GET CHALLENGE (Le 00 00 08) and cached until the
 * card leaves. Close the PcscReader (and with it the PCSCLite context) or the process never exits.
 */
import { type CardChannel, CardChannelError, type CardChannelFactory } from '../common/card-channel.ts';
import { toChannelError } from './pcsc-errors.ts';

export interface PcscReaderOptions {
  /** Exact reader name, or a prefix of it (e.g. "ACS ACR1252"). */
  readonly readerName: string;
  /** How long connect() waits for the reader and a card (default 5000 ms). */
  readonly waitMs?: number;
  /** Force extended length on or off instead of probing. */
  readonly extendedLength?: boolean;
}

/** Largest response: 65536 data bytes + SW, plus room for the SM wrapping of a 64 KB answer. */
const MAX_RESPONSE = 65538 + 64;
const EXTENDED_PROBE = Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x00, 0x00, 0x08);
/** A quiet spell before a native close (settle()), and the longest wait for one. */
const CLOSE_SETTLE_MS = 200;
const CLOSE_SETTLE_MAX_MS = 2_000;

/** The part of @pokusew/pcsclite this transport uses (its own typings do not export these interfaces). */
interface CardReader {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_LEAVE_CARD: number;
  on(type: 'error', listener: (error: unknown) => void): unknown;
  on(type: 'end', listener: () => void): unknown;
  on(type: 'status', listener: (status: { state: number; atr?: Buffer }) => void): unknown;
  connect(options: { share_mode: number }, callback: (err: unknown, protocol: number) => void): void;
  disconnect(disposition: number, callback: (err: unknown) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, callback: (err: unknown, response: Buffer) => void): void;
  close(): void;
}
interface PCSCLite {
  on(type: 'error', listener: (error: unknown) => void): unknown;
  on(type: 'reader', listener: (reader: CardReader) => void): unknown;
  close(): void;
}
type PcscModule = () => PCSCLite;

async function loadPcsc(): Promise<PcscModule> {
  try {
    const mod = (await import('@pokusew/pcsclite')) as unknown as { default: PcscModule };
    return mod.default;
  } catch (e) {
    throw new CardChannelError(`PC/SC is not available: @pokusew/pcsclite did not load (${(e as Error).message}); install libpcsclite-dev and pcscd`, {
      readerUnavailable: true,
    });
  }
}

export class PcscReader {
  private readonly options: PcscReaderOptions;
  private pcsc: PCSCLite | null = null;
  private reader: CardReader | null = null;
  private present = false;
  private extendedProbe: boolean | null = null;
  /** Counts card insertions; a channel that saw its card leave marks its insertion as gone. */
  private insertion = 0;
  private goneInsertion = -1;
  private readonly listeners = new Set<(presence: { readonly present: boolean; readonly reader: string }) => void>();
  private readonly readerListeners = new Set<(attached: boolean) => void>();
  private readonly waiters = new Set<() => void>();
  /** Readers of the context that are not this one (another slot, another device), closed with it. */
  private readonly others: CardReader[] = [];
  /** When the last PC/SC event (reader, status, end, error) reached this side. */
  private lastEventAt = 0;

  private constructor(options: PcscReaderOptions) {
    this.options = options;
  }

  static async open(options: PcscReaderOptions): Promise<PcscReader> {
    const r = new PcscReader(options);
    const pcsclite = await loadPcsc();
    const pcsc = pcsclite();
    r.pcsc = pcsc;
    pcsc.on('error', () => r.wake());
    pcsc.on('reader', (reader) => {
      reader.on('error', () => undefined);
      if (r.reader !== null || !reader.name.startsWith(options.readerName)) {
        // Not ours: kept, unused, until close(). Closed at once, its status thread (just started)
        // could miss the cancel and block the process in pcsclite's join (settle()).
        r.others.push(reader);
        return;
      }
      r.reader = reader;
      for (const l of r.readerListeners) l(true);
      reader.on('error', () => undefined);
      reader.on('status', (status) => {
        const present = (status.state & reader.SCARD_STATE_PRESENT) !== 0 && (status.state & reader.SCARD_STATE_MUTE) === 0;
        if (present === r.present) return;
        r.present = present;
        if (present) r.insertion++;
        else r.extendedProbe = null;
        for (const l of r.listeners) l({ present, reader: reader.name });
        r.wake();
      });
      reader.on('end', () => {
        r.reader = null;
        r.present = false;
        for (const l of r.readerListeners) l(false);
        r.wake();
      });
      r.wake();
    });
    return r;
  }

  get readerName(): string | null {
    return this.reader?.name ?? null;
  }

  get cardPresent(): boolean {
    return this.present;
  }

  /** Presence changes (no personal data: reader name and a flag); fits the card reader service's `presence` option. */
  onPresence(listener: (presence: { readonly present: boolean; readonly reader: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The watched reader appearing (true) or going away (false): unplugged, or pcscd stopped. */
  onReaderAttached(listener: (attached: boolean) => void): () => void {
    this.readerListeners.add(listener);
    return () => this.readerListeners.delete(listener);
  }

  private wake(): void {
    this.lastEventAt = Date.now();
    for (const w of [...this.waiters]) w();
  }

  /**
   * Waits until no PC/SC event came for CLOSE_SETTLE_MS (at most CLOSE_SETTLE_MAX_MS). pcsclite's
   * close() of a context or a reader cancels its status thread's wait (SCardCancel) for 50 ms only,
   * then joins the thread for good: a thread still between two waits at that moment (right after a
   * card or reader change, while pcscd answers) never wakes, and the join blocks the whole process.
   * An event reaches this side just before the thread waits again, so a quiet spell after the last
   * one lets it settle into the wait the cancel ends.
   */
  private async settle(): Promise<void> {
    const deadline = Date.now() + CLOSE_SETTLE_MAX_MS;
    while (Date.now() - this.lastEventAt < CLOSE_SETTLE_MS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Waits until `ready()` holds, up to waitMs. */
  private async waitFor(ready: () => boolean): Promise<boolean> {
    const deadline = Date.now() + (this.options.waitMs ?? 5000);
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 250));
        this.waiters.add(done);
      });
    }
    return true;
  }

  readonly factory: CardChannelFactory = async () => {
    if (!(await this.waitFor(() => this.reader !== null)))
      throw new CardChannelError(`no PC/SC reader named "${this.options.readerName}"`, { readerUnavailable: true });
    // After a lifted card, wait for pcscd to see it come back rather than reconnecting to the old state.
    if (!(await this.waitFor(() => this.present && this.insertion !== this.goneInsertion)))
      throw new CardChannelError('no card on the reader', { cardAbsent: true });
    const reader = this.reader!;
    const insertion = this.insertion;
    if (reader.connected) await new Promise<void>((resolve) => reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve()));
    const protocol = await new Promise<number>((resolve, reject) => {
      reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (err, p) => {
        if (!err) return resolve(p);
        const error = toChannelError('SCardConnect', err);
        // pcscd has not polled the reader since the card left: wait for the next insertion.
        if (error.cardAbsent || error.cardRemoved) this.goneInsertion = insertion;
        reject(error);
      });
    });
    const channel = this.channel(reader, protocol, false, insertion);
    let extended = this.options.extendedLength ?? this.extendedProbe;
    if (extended === null) {
      extended = await channel.transmit(EXTENDED_PROBE).then(
        (r) => r.length === 10 && r[8] === 0x90 && r[9] === 0x00,
        (e: unknown) => {
          if (e instanceof CardChannelError && (e.cardRemoved || e.cardAbsent)) throw e;
          return false;
        },
      );
      this.extendedProbe = extended;
    }
    return this.channel(reader, protocol, extended, insertion);
  };

  private channel(reader: CardReader, protocol: number, extendedLength: boolean, insertion: number): CardChannel {
    const failed = (error: CardChannelError): CardChannelError => {
      if (error.cardRemoved) this.goneInsertion = insertion;
      return error;
    };
    let pending = false;
    let closed = false;
    return {
      readerName: reader.name,
      extendedLength,
      transmit: (command) => {
        if (closed) return Promise.reject(new CardChannelError('channel closed', { closed: true }));
        if (pending) return Promise.reject(new CardChannelError('transmit while another is pending', { busy: true }));
        pending = true;
        return new Promise<Uint8Array>((resolve, reject) => {
          reader.transmit(Buffer.from(command), MAX_RESPONSE, protocol, (err, data) => {
            pending = false;
            if (err) reject(failed(toChannelError('SCardTransmit', err)));
            // vpcd and some readers report success with no bytes when the card has just left.
            else if (data.length < 2) reject(failed(new CardChannelError('SCardTransmit returned no status word: card removed', { cardRemoved: true })));
            else resolve(new Uint8Array(data));
          });
        });
      },
      close: async () => {
        if (closed) return;
        closed = true;
        if (reader.connected) await new Promise<void>((resolve) => reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve()));
      },
    };
  }

  /** Closes the reader and the PC/SC context. */
  async close(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    if (reader !== null) {
      if (reader.connected) await new Promise<void>((resolve) => reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve()));
      await this.settle();
      reader.close();
    }
    await this.settle();
    for (const other of this.others.splice(0)) other.close();
    this.pcsc?.close();
    this.pcsc = null;
    this.wake();
  }
}
