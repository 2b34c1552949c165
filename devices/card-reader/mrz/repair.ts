/**
 * Repairs OCR confusions in a CCCD TD1 MRZ (spec §4.2) using its layout and check digits:
 * positions that must be digits get O→0, I→1, B→8 (and Q/D→0, S→5, Z→2, G→6); positions that must
 * be letters get the reverse. When a checked field still fails, every single confusable swap in
 * it is tried and kept if, and only if, it makes that field's check digit right.
 */
import { CardParseError } from '../errors.ts';
import { checkDigit } from './check-digit.ts';
import { type Td1, parseTd1 } from './td1.ts';

const TO_DIGIT: Readonly<Record<string, string>> = { O: '0', Q: '0', D: '0', I: '1', L: '1', B: '8', S: '5', Z: '2', G: '6' };
const TO_LETTER: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '8': 'B', '5': 'S', '2': 'Z', '6': 'G' };
const CONFUSABLE: Readonly<Record<string, string>> = { '0': 'O', O: '0', '1': 'I', I: '1', '8': 'B', B: '8' };

/** Per line, the character class of each position: d digit, a letter, x digit or '<', * anything. */
const LAYOUT = [
  'aaaaa' + 'ddddddddd' + 'd' + 'dddddddddddd' + 'xx' + 'd',
  'dddddd' + 'd' + 'a' + 'dddddd' + 'd' + 'aaa' + '***********' + 'd',
  '*'.repeat(30),
];

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
  return line.toUpperCase().replace(/[«‹<{\[(]/g, '<').replace(/[^A-Z0-9<]/g, '').slice(0, 30).padEnd(30, '<');
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
  for (const f of FIELDS) {
    const line = fixed[f.line]!;
    const ok = (): boolean => String(checkDigit(line.slice(f.start, f.start + f.length).join(''))) === line[f.check];
    if (ok()) continue;
    search: for (let i = f.start; i < f.start + f.length; i++) {
      const original = line[i]!;
      const alternative = CONFUSABLE[original];
      if (alternative === undefined || !/\d/.test(alternative)) continue;
      line[i] = alternative;
      if (ok()) {
        repairs++;
        break search;
      }
      line[i] = original;
    }
  }
  const text = fixed.map((l) => l.join('')) as [string, string, string];
  const td1 = parseTd1(text.join(''));
  if (td1.documentCode !== 'ID' && td1.documentCode !== 'I') throw new CardParseError('MRZ', `document code ${td1.documentCode} is not an ID card`);
  return { td1, repairs };
}
