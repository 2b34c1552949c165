// biome-ignore-all lint/complexity/useSimpleNumberKeys: byte values in hex, as in the code page's chart
/**
 * Windows-1258 (Vietnamese), the code page Epson lists as WPC1258. Tone marks are separate
 * combining bytes after the base letter; the vowels with circumflex, breve and horn and Đ/đ are
 * single bytes. Encoding: NFD, re-attach circumflex/breve/horn to their vowel, map each code point.
 * Decoding reverses it and returns NFC. Characters outside the page become '?' and are reported.
 */
const HIGH: Readonly<Record<number, string>> = {
  0xc0: 'À',
  0xc1: 'Á',
  0xc2: 'Â',
  0xc3: 'Ă',
  0xc8: 'È',
  0xc9: 'É',
  0xca: 'Ê',
  0xcc: '\u0300',
  0xcd: 'Í',
  0xd0: 'Đ',
  0xd2: '\u0309',
  0xd3: 'Ó',
  0xd4: 'Ô',
  0xd5: 'Ơ',
  0xd9: 'Ù',
  0xda: 'Ú',
  0xdd: 'Ư',
  0xde: '\u0303',
  0xe0: 'à',
  0xe1: 'á',
  0xe2: 'â',
  0xe3: 'ă',
  0xe8: 'è',
  0xe9: 'é',
  0xea: 'ê',
  0xec: '\u0301',
  0xed: 'í',
  0xf0: 'đ',
  0xf2: '\u0323',
  0xf3: 'ó',
  0xf4: 'ô',
  0xf5: 'ơ',
  0xf9: 'ù',
  0xfa: 'ú',
  0xfd: 'ư',
};
const BYTE_OF: ReadonlyMap<string, number> = new Map(Object.entries(HIGH).map(([b, ch]) => [ch, Number(b)]));
const VOWEL_MARKS = new Set(['\u0302', '\u0306', '\u031b']);

export interface Cp1258Result {
  readonly bytes: Uint8Array;
  /** Characters that had no byte and were replaced by '?'. */
  readonly unmappable: readonly string[];
}

export function encodeCp1258(text: string): Cp1258Result {
  const chars = [...text.normalize('NFD').replace(/[–—]/g, '-')];
  const out: number[] = [];
  const unmappable: string[] = [];
  const put = (ch: string): void => {
    const code = ch.codePointAt(0) ?? 0;
    const byte = code >= 0x20 && code < 0x7f ? code : BYTE_OF.get(ch);
    if (byte !== undefined) out.push(byte);
    else {
      out.push(0x3f);
      unmappable.push(ch);
    }
  };
  for (let i = 0; i < chars.length; i++) {
    // A base letter and its combining marks: circumflex/breve/horn join the letter, tones follow it.
    let base = chars[i]!;
    const tones: string[] = [];
    while (i + 1 < chars.length && /\p{M}/u.test(chars[i + 1]!)) {
      const mark = chars[++i]!;
      if (VOWEL_MARKS.has(mark)) base = (base + mark).normalize('NFC');
      else tones.push(mark);
    }
    put(base);
    for (const tone of tones) put(tone);
  }
  return { bytes: Uint8Array.from(out), unmappable };
}

export function decodeCp1258(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b < 0x80 ? String.fromCharCode(b) : (HIGH[b] ?? '\ufffd');
  return text.normalize('NFC');
}
