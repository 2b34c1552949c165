/**
 * JSON text in ASCII only: every character above U+007F written as a \uXXXX escape (a surrogate
 * pair as two). The parsed value is the same as JSON.stringify's; what changes is the receiver's
 * cost: an all-ASCII body is decoded and parsed as a one-byte string, while a single Vietnamese
 * letter in a delivery makes the whole body a two-byte string, about twice as slow to decode and
 * parse (the province hub receives every hall's event log this way).
 */
const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function asciiJson(value: unknown): string {
  const text = JSON.stringify(value);
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, unicodeEscape) : text;
}
