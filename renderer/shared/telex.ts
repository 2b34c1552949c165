/**
 * Telex input for the on-screen keyboard: turns keystrokes into Vietnamese text, word by word.
 *   aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, w ư (alone), dd đ;
 *   tone keys s (sắc) f (huyền) r (hỏi) x (ngã) j (nặng), z removes the tone;
 *   a doubled modifier undoes itself ("aaa" → "aa").
 * The tone goes where the traditional rule puts it (see toneIndex): hòa, khỏe, thủy, as the
 * administrative texts, place names and the hall's own data write them. Output is NFC.
 */

const TONES: Readonly<Record<string, string>> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const VOWELS = 'aăâeêioôơuưy';

function base(ch: string): string {
  return ch.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

function isVowel(ch: string): boolean {
  return VOWELS.includes(base(ch).toLowerCase());
}

/** Index in `word` of the vowel carrying the tone. */
function toneIndex(word: string): number {
  const chars = [...word];
  const vowelIdx = chars.map((c, i) => (isVowel(c) ? i : -1)).filter((i) => i >= 0);
  if (vowelIdx.length === 0) return -1;
  const lower = chars.map((c) => base(c).toLowerCase());
  // A vowel with a hat or horn takes the tone (ơ in "ương" → ườ… on ơ).
  const marked = vowelIdx.filter((i) => 'ăâêôơư'.includes(lower[i] ?? ''));
  if (marked.length > 0) return marked[marked.length - 1] ?? -1;
  let group = vowelIdx;
  // "gi" and "qu": the i/u belongs to the consonant.
  if (group.length > 1 && ((lower[group[0]!] === 'i' && lower[group[0]! - 1] === 'g') || (lower[group[0]!] === 'u' && lower[group[0]! - 1] === 'q')))
    group = group.slice(1);
  if (group.length === 1) return group[0]!;
  const last = group[group.length - 1]!;
  const endsWithConsonant = last < chars.length - 1;
  if (endsWithConsonant || group.length === 3) return group[1]!;
  // Two vowels at the end: the first takes the tone (hòa, khỏe, thủy, mùa, tài), the traditional
  // placement; the modern one (hoà, khoẻ, thuỷ) would not match "Hòa Bình" or "Thanh Hóa" as the
  // hall's data and the administrative texts write them.
  return group[0]!;
}

function applyTone(word: string, tone: string): string {
  const stripped = [...word].map((c) => (isVowel(c) ? base(c) : c));
  const i = toneIndex(stripped.join(''));
  if (i < 0) return word;
  if (tone !== '') stripped[i] = (stripped[i]! + tone).normalize('NFC');
  return stripped.join('');
}

function currentTone(word: string): string {
  const m = word.normalize('NFD').match(TONE_MARKS);
  return m?.[0] ?? '';
}

const DOUBLES: Readonly<Record<string, string>> = { a: 'â', e: 'ê', o: 'ô', d: 'đ' };
const HORNS: Readonly<Record<string, string>> = { a: 'ă', o: 'ơ', u: 'ư' };

function matchCase(template: string, ch: string): string {
  return template === template.toUpperCase() && template !== template.toLowerCase() ? ch.toUpperCase() : ch;
}

/** Applies one keystroke to the text typed so far. */
export function telexKey(text: string, key: string): string {
  const m = /(\S*)$/.exec(text);
  const word = m?.[1] ?? '';
  const head = text.slice(0, text.length - word.length);
  const k = key.toLowerCase();
  if (word.length === 0 || key.length !== 1) return text + key;
  const tone = currentTone(word);
  const chars = [...word];
  // Tone keys (only after a vowel has been typed).
  if (k in TONES && chars.some(isVowel)) {
    const t = TONES[k]!;
    if (tone === t) return head + applyTone(word, '') + key; // twice: undo, keep the letter
    return head + applyTone(word, t);
  }
  if (k === 'z' && tone !== '') return head + applyTone(word, '');
  // Doubles: aa → â, dd → đ, …: find the last matching letter.
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    const b = base(c).toLowerCase();
    if (k in DOUBLES && b === k) {
      chars[i] = matchCase(c, DOUBLES[k]!);
      return head + applyTone(chars.join(''), tone);
    }
    if (k in DOUBLES && b === DOUBLES[k]) {
      chars[i] = matchCase(c, k);
      return head + applyTone(chars.join(''), tone) + key;
    }
    if (k === 'w' && b in HORNS) {
      chars[i] = matchCase(c, HORNS[b]!);
      // "uo" + w → ươ
      if (b === 'o' && base(chars[i - 1] ?? '').toLowerCase() === 'u') chars[i - 1] = matchCase(chars[i - 1]!, 'ư');
      return head + applyTone(chars.join(''), tone);
    }
    if (isVowel(c) && !(k in DOUBLES) && k !== 'w') break;
  }
  return text + key;
}

/** Types a whole keystroke sequence (tests, pasted text). */
export function telexType(keys: string, start = ''): string {
  let text = start;
  for (const k of keys) text = k === ' ' ? `${text} ` : telexKey(text, k);
  return text.normalize('NFC');
}
