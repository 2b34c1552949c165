/**
 * What the display says when it calls a ticket, as text (speech synthesis, captions) and as the
 * sequence of clips of the offline voice pack. "A015" at counter 3 is read
 *   "Mời công dân có số | A | không | một | năm | đến quầy số | ba"
 * digit by digit so that no number is misheard. The same table drives the build-time generator
 * (scripts/build-voice-pack.ts), so every clip a call needs exists in the pack.
 */

import { MAX_COUNTER_NUMBER } from '../../electron/common/counter-numbers.ts';
import { ticketNumberClips } from './ticket-number-clips.ts';

export { MAX_COUNTER_NUMBER, ticketNumberClips };

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Vietnamese names of the letters used as ticket prefixes. */
const LETTERS: Readonly<Record<string, string>> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'đê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e lờ',
  M: 'em mờ',
  N: 'en nờ',
  O: 'o',
  P: 'pê',
  Q: 'cu',
  R: 'e rờ',
  S: 'ét',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích',
  Y: 'i dài',
  Z: 'dét',
};

/** Vietnamese reading of a whole number 0..99 (counter numbers). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`counter number out of range 0..99: ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  const head = tens === 1 ? 'mười' : `${DIGITS[tens]} mươi`;
  if (unit === 0) return head;
  if (unit === 1 && tens > 1) return `${head} mốt`;
  if (unit === 5) return `${head} lăm`;
  if (unit === 4 && tens > 1) return `${head} tư`;
  return `${head} ${DIGITS[unit]}`;
}

/** Every clip of the pack: key → text to synthesise. */
export function voiceClipTexts(): Record<string, string> {
  const clips: Record<string, string> = { invite: 'Mời công dân có số', 'to-counter': 'đến quầy số' };
  DIGITS.forEach((word, d) => (clips[`digit-${d}`] = word));
  for (const [letter, word] of Object.entries(LETTERS)) clips[`letter-${letter}`] = word;
  for (let n = 1; n <= MAX_COUNTER_NUMBER; n++) clips[`counter-${n}`] = numberWords(n);
  return clips;
}

/**
 * Clip keys for one call, in order. Every counter number the hall config accepts (1..99) has its
 * clip; anything else is refused rather than read without its number.
 */
export function announcementClips(ticketNumber: string, counterNumber: number): string[] {
  if (!Number.isInteger(counterNumber) || counterNumber < 1 || counterNumber > MAX_COUNTER_NUMBER) {
    throw new RangeError(`counter number out of range 1..${MAX_COUNTER_NUMBER}: ${counterNumber}`);
  }
  return ['invite', ...ticketNumberClips(ticketNumber), 'to-counter', `counter-${counterNumber}`];
}

/** The sentence a call speaks, for speech synthesis and the caption. */
export function announcementSpeech(ticketNumber: string, counterNumber: number): string {
  const clips = voiceClipTexts();
  return announcementClips(ticketNumber, counterNumber)
    .map((k) => clips[k] ?? '')
    .join(' ');
}
