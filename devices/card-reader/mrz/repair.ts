/**
 * Repairs OCR confusions in a CCCD TD1 MRZ (spec §4.2) using its layout and check digits.
 * 1. Layout: positions that must be digits get O→0, I→1, B→8 (and Q/D→0, S→5, Z→2, G→6);
 *    positions that must be letters get the reverse.
 * 2. Check digits: a checked field (document number, ID number, birth and expiry dates) that still
 *    fails is searched for the digits OCR confuses in OCR-B (8↔3/0/6/9, 5↔6/3, 1↔7 …): every
 *    single substitution in the field or its check digit, then every pair, the fewest that make the
 *    field's check digit right (and a date a real date). The candidates of all failing fields are
 *    combined and kept only if the composite check digit agrees and exactly one combination does;
 *    an ambiguous MRZ is left as read, with its failed checks, rather than guessed.
 */
import { CardParseError } from '../errors.ts';
import { checkDigit } from './check-digit.ts';
import { type Td1, parseTd1 } from './td1.ts';

const TO_DIGIT: Readonly<Record<string, string>> = { O: '0', Q: '0', D: '0', I: '1', L: '1', B: '8', S: '5', Z: '2', G: '6' };
const TO_LETTER: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '8': 'B', '5': 'S', '2': 'Z', '6': 'G' };

/** Per line, the character class of each position: d digit, a letter, x digit or '<', * anything. */
const LAYOUT = ['aaaaa' + 'ddddddddd' + 'd' + 'dddddddddddd' + 'xx' + 'd', 'dddddd' + 'd' + 'a' + 'dddddd' + 'd' + 'aaa' + '***********' + 'd', '*'.repeat(30)];

/** Checked fields: line, start, length (0-based) and the check-digit position. */
const FIELDS = [
  { line: 0, start: 5, length: 9, check: 14 },
  { line: 0, start: 15, length: 12, check: 29 },
  { line: 1, start: 0, length: 6, check: 6 },
  { line: 1, start: 8, length: 6, check: 14 },
];

export interface RepairedMrz {
  readonly td1: Td1;
  /** Number of characters changed. */
  readonly repairs: number;
}

/** Normalises three OCR'd lines to 30 MRZ characters each (spaces dropped, « and similar to <). */
export function normaliseMrzLine(line: string): string {
  return line
    .toUpperCase()
    .replace(/[«‹<{\[(]/g, '<')
    .replace(/[^A-Z0-9<]/g, '')
    .slice(0, 30)
    .padEnd(30, '<');
}

export function repairCccdMrz(lines: readonly [string, string, string]): RepairedMrz {
  let repairs = 0;
  const fixed = lines.map((raw, li) => {
    const line = normaliseMrzLine(raw).split('');
    const layout = LAYOUT[li]!;
    for (let i = 0; i < 30; i++) {
      const c = line[i]!;
      const kind = layout[i];
      const replacement = kind === 'd' ? TO_DIGIT[c] : kind === 'a' ? TO_LETTER[c] : kind === 'x' && c !== '<' ? TO_DIGIT[c] : undefined;
      if (replacement !== undefined) {
        line[i] = replacement;
        repairs++;
      }
    }
    return line;
  });
  repairs += repairByCheckDigits(fixed);
  const text = fixed.map((l) => l.join('')) as [string, string, string];
  const td1 = parseTd1(text.join(''));
  if (td1.documentCode !== 'ID' && td1.documentCode !== 'I') throw new CardParseError('MRZ', `document code ${td1.documentCode} is not an ID card`);
  return { td1, repairs };
}

/** Digits OCR takes for one another in OCR-B, most likely first. */
const DIGIT_CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  '0': ['8', '6', '9', '3'],
  '1': ['7', '4', '2'],
  '2': ['7', '3', '1'],
  '3': ['8', '5', '9', '2'],
  '4': ['9', '1'],
  '5': ['6', '3', '8', '9'],
  '6': ['5', '8', '0'],
  '7': ['1', '2'],
  '8': ['3', '0', '6', '9', '5'],
  '9': ['8', '0', '4', '3'],
};
/** Combinations of candidates tried against the composite check digit before giving up. */
const MAX_COMBINATIONS = 4096;

const validDate = (yymmdd: string): boolean => {
  const m = Number(yymmdd.slice(2, 4));
  const d = Number(yymmdd.slice(4, 6));
  return /^\d{6}$/.test(yymmdd) && m >= 1 && m <= 12 && d >= 1 && d <= 31;
};

interface Field {
  readonly line: number;
  readonly start: number;
  readonly length: number;
  readonly check: number;
}

/** The field's characters followed by its check digit. */
const read = (lines: readonly string[][], f: Field): string[] => [...lines[f.line]!.slice(f.start, f.start + f.length), lines[f.line]![f.check]!];

function fieldOk(chars: readonly string[], f: Field): boolean {
  const value = chars.slice(0, f.length).join('');
  if (f.line === 1 && !validDate(value)) return false;
  return String(checkDigit(value)) === chars[f.length];
}

interface Candidate {
  readonly chars: readonly string[];
  readonly cost: number;
}

/**
 * Digit substitutions (one, then two) that make the field right, each costed by how likely the
 * confusion is (its rank in DIGIT_CONFUSIONS, 1 = most likely); [] when none do.
 */
function fieldCandidates(chars: readonly string[], f: Field): Candidate[] {
  const single: Candidate[] = [];
  for (let i = 0; i < chars.length; i++) {
    (DIGIT_CONFUSIONS[chars[i]!] ?? []).forEach((alt, rank) => {
      const c = [...chars];
      c[i] = alt;
      if (fieldOk(c, f)) single.push({ chars: c, cost: rank + 1 });
    });
  }
  if (single.length > 0) return single;
  const pairs: Candidate[] = [];
  for (let i = 0; i < chars.length; i++) {
    (DIGIT_CONFUSIONS[chars[i]!] ?? []).forEach((a, ra) => {
      for (let j = i + 1; j < chars.length; j++) {
        (DIGIT_CONFUSIONS[chars[j]!] ?? []).forEach((b, rb) => {
          const c = [...chars];
          c[i] = a;
          c[j] = b;
          if (fieldOk(c, f)) pairs.push({ chars: c, cost: 10 + ra + rb + 2 });
        });
      }
    });
  }
  return pairs;
}

const compositeOk = (l: readonly string[][]): boolean => {
  const l1 = l[0]!.join('');
  const l2 = l[1]!.join('');
  return String(checkDigit(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29))) === l2[29];
};

/** Applies the one combination of field candidates the composite check digit confirms; returns the characters changed. */
function repairByCheckDigits(lines: string[][]): number {
  let filled = 0;
  // A dropped last character (OCR loses the edge of a line) leaves '<' where the ID number's check
  // digit belongs: the parser would then skip that check. Put back the digit the ID number gives,
  // kept only if the composite check digit (which covers it) agrees.
  const l1 = lines[0]!;
  if (l1[29] === '<' && /^\d{12}$/.test(l1.slice(15, 27).join(''))) {
    l1[29] = String(checkDigit(l1.slice(15, 27).join('')));
    if (compositeOk(lines)) filled = 1;
    else l1[29] = '<';
  }
  return filled + repairFields(lines);
}

function repairFields(lines: string[][]): number {
  const failing = FIELDS.filter((f) => !fieldOk(read(lines, f), f));
  if (failing.length === 0) {
    // Only the composite digit itself can be misread then: accept its confusable that agrees.
    if (compositeOk(lines)) return 0;
    const original = lines[1]![29]!;
    for (const alt of DIGIT_CONFUSIONS[original] ?? []) {
      lines[1]![29] = alt;
      if (compositeOk(lines)) return 1;
    }
    lines[1]![29] = original;
    return 0;
  }
  const options = failing.map((f) => fieldCandidates(read(lines, f), f));
  if (options.some((o) => o.length === 0)) return 0;
  if (options.reduce((n, o) => n * o.length, 1) > MAX_COMBINATIONS) return 0;
  const write = (f: Field, chars: readonly string[]): void => {
    for (let i = 0; i < f.length; i++) lines[f.line]![f.start + i] = chars[i]!;
    lines[f.line]![f.check] = chars[f.length]!;
  };
  const before = failing.map((f) => read(lines, f));
  // Every combination the composite check digit agrees with, by total cost; the cheapest wins
  // only when it is alone at that cost.
  const agreeing: { chars: (readonly string[])[]; cost: number }[] = [];
  const walk = (k: number, chosen: Candidate[]): void => {
    if (k === failing.length) {
      chosen.forEach((c, i) => write(failing[i]!, c.chars));
      if (compositeOk(lines)) agreeing.push({ chars: chosen.map((c) => c.chars), cost: chosen.reduce((n, c) => n + c.cost, 0) });
      return;
    }
    for (const c of options[k]!) walk(k + 1, [...chosen, c]);
  };
  walk(0, []);
  agreeing.sort((a, b) => a.cost - b.cost);
  const best = agreeing[0];
  const unique = best !== undefined && (agreeing.length === 1 || agreeing[1]!.cost > best.cost);
  const chosen = unique ? best.chars : before;
  chosen.forEach((c, i) => write(failing[i]!, c));
  if (!unique) return 0;
  return chosen.reduce((n, c, i) => n + c.filter((ch, j) => ch !== before[i]![j]).length, 0);
}
