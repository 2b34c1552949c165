/**
 * The voice pack's clips that read a queue number character by character ("A015" → a, không, một,
 * năm): the display's calls (voice-phrases.ts) and the kiosk's spoken ticket number share them.
 * A module of its own so the kiosk's bundle takes this and not the display's phrase tables.
 */
export function ticketNumberClips(ticketNumber: string): string[] {
  const keys: string[] = [];
  for (const ch of ticketNumber.toUpperCase()) {
    if (/[A-Z]/.test(ch)) keys.push(`letter-${ch}`);
    else if (/\d/.test(ch)) keys.push(`digit-${ch}`);
  }
  return keys;
}
