/**
 * Typed errors of the card-reader stack. Every parser throws CardParseError on malformed input
 * (never a TypeError or a RangeError); protocols throw CardProtocolError with a stable code the
 * service maps to a DeviceFault. Messages are English and never carry personal data.
 */

export class CardParseError extends Error {
  /** What was being parsed, e.g. "DG13", "BER", "MRZ". */
  readonly what: string;
  constructor(what: string, message: string) {
    super(`${what}: ${message}`);
    this.name = 'CardParseError';
    this.what = what;
  }
}

export const CARD_PROTOCOL_CODES = [
  /** The card refused the access key (BAC 6300/6982, PACE wrong CAN). */
  'access_denied',
  /** The card answered with bad cryptography (MAC mismatch, wrong nonce): the SM session is broken. */
  'sm_error',
  /** The card answered with an unexpected status word. */
  'status',
  /** The card does not offer what is needed (no eMRTD application, unknown PACE parameters). */
  'unsupported',
] as const;
export type CardProtocolCode = (typeof CARD_PROTOCOL_CODES)[number];

export class CardProtocolError extends Error {
  readonly code: CardProtocolCode;
  /** Status word of the failing response, when there was one. */
  readonly sw: number | null;
  constructor(code: CardProtocolCode, message: string, sw: number | null = null) {
    super(sw === null ? message : `${message} (SW ${sw.toString(16).toUpperCase().padStart(4, '0')})`);
    this.name = 'CardProtocolError';
    this.code = code;
    this.sw = sw;
  }
}
