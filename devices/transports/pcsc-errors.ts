/**
 * PC/SC return codes (pcsc-lite pcsclite.h) → CardChannelError flags. @pokusew/pcsclite reports
 * them only inside the message ("SCardTransmit error: Card was removed.(0x80100069)"), so the code
 * is taken from the message once, here, and callers see flags.
 */
import { CardChannelError } from '../common/card-channel.ts';

// removed, reset, unresponsive, unpowered, transaction failed (the card left during the exchange)
const REMOVED = new Set([0x80100069, 0x80100068, 0x80100066, 0x80100067, 0x80100016]);
const ABSENT = new Set([0x8010000c]); // no smart card
const READER_GONE = new Set([0x80100009, 0x80100017, 0x8010001d, 0x8010002e, 0x80100003]); // unknown reader, unavailable, no service, no readers, invalid handle

export function pcscCode(error: unknown): number | null {
  const m = /0x([0-9a-f]{8})/i.exec(error instanceof Error ? error.message : String(error));
  return m === null ? null : Number.parseInt(m[1]!, 16);
}

export function toChannelError(operation: string, error: unknown): CardChannelError {
  const code = pcscCode(error);
  const detail = `${operation} failed${code === null ? '' : ` (PC/SC 0x${code.toString(16).toUpperCase()})`}`;
  if (code !== null && REMOVED.has(code)) return new CardChannelError(`${detail}: card removed`, { cardRemoved: true });
  if (code !== null && ABSENT.has(code)) return new CardChannelError(`${detail}: no card`, { cardAbsent: true });
  if (code !== null && READER_GONE.has(code)) return new CardChannelError(`${detail}: reader unavailable`, { readerUnavailable: true });
  if (/not connected/i.test(error instanceof Error ? error.message : '')) return new CardChannelError(`${detail}: card removed`, { cardRemoved: true });
  return new CardChannelError(`${detail}: ${error instanceof Error ? error.message : String(error)}`, { readerUnavailable: true });
}
