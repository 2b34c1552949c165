/**
 * Puts a VirtualCccd on vsmartcard's vpcd reader, so pcscd and every PC/SC client see a real
 * reader with the card on it. vpcd (reader.conf DEVICENAME "/dev/null:<port>") listens on <port>;
 * this side connects to it on 127.0.0.1, as vsmartcard's own vicc does.
 *
 * vpcd framing (virtualsmartcard/src/vpcd/vpcd.c): every message is a 2-byte big-endian length
 * and a payload. A 1-byte payload is a control: 0 power off, 1 power on, 2 reset, 4 get ATR
 * (answered with the ATR); anything longer is a command APDU, answered with its response APDU.
 * A closed connection is a lifted card: vpcd reports it gone and accepts the next connection.
 * (vpcd's client mode, where it connects to the card, crashes pcscd 1.9.9 on Debian 12 with
 * "bit out of range 0 - FD_SETSIZE on fd_set", so the card is the one that connects.)
 */
import { type Socket, connect } from 'node:net';
import type { VirtualCccd } from './virtual-cccd.ts';

const CONTROL_OFF = 0;
const CONTROL_ON = 1;
const CONTROL_RESET = 2;
const CONTROL_ATR = 4;
const RETRY_MS = 100;

export class VpcdCard {
  private card: VirtualCccd;
  private readonly port: number;
  private socket: Socket | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private liftAfter: number | null = null;
  private liftForMs = 0;
  /** Command APDUs answered over vpcd. */
  apduCount = 0;

  constructor(card: VirtualCccd, port: number) {
    this.card = card;
    this.port = port;
  }

  /** Connects (and reconnects after every lift) until close(). */
  insert(): void {
    this.schedule(0);
  }

  /** Takes the card off the reader for `ms` milliseconds. */
  lift(ms: number): void {
    this.socket?.destroy();
    this.socket = null;
    this.card.reset();
    this.schedule(ms);
  }

  /** Swaps the card on the reader: the old one leaves for `ms` (long enough for pcscd's presence poll), the new one arrives. */
  swap(card: VirtualCccd, ms = 1000): void {
    this.lift(ms);
    this.card = card;
  }

  /** Lifts the card for `ms` when the n-th APDU from now arrives, instead of answering it. */
  liftOnApdu(n: number, ms: number): void {
    this.liftAfter = this.apduCount + n;
    this.liftForMs = ms;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, ms);
  }

  private open(): void {
    if (this.closed || this.socket !== null) return;
    const socket = connect(this.port, '127.0.0.1');
    this.socket = socket;
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && this.socket === socket) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) break;
        const payload = new Uint8Array(pending.subarray(2, 2 + length));
        pending = pending.subarray(2 + length);
        this.handle(socket, payload);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.card.reset();
      this.schedule(RETRY_MS);
    });
  }

  private handle(socket: Socket, payload: Uint8Array): void {
    if (payload.length === 1) {
      const control = payload[0];
      if (control === CONTROL_ATR) this.send(socket, this.card.atr);
      else if (control === CONTROL_OFF || control === CONTROL_ON || control === CONTROL_RESET) this.card.reset();
      return;
    }
    this.apduCount++;
    if (this.liftAfter !== null && this.apduCount >= this.liftAfter) {
      this.liftAfter = null;
      this.lift(this.liftForMs);
      return;
    }
    this.send(socket, this.card.transmit(payload));
  }

  private send(socket: Socket, payload: Uint8Array): void {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    socket.write(frame);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry !== null) clearTimeout(this.retry);
    this.socket?.destroy();
    this.socket = null;
  }
}
