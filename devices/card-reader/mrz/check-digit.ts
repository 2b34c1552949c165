/** ICAO 9303-3 §4.9 check digit: weights 7, 3, 1; digits as values, A..Z = 10..35, '<' = 0; sum mod 10. */
import { CardParseError } from '../errors.ts';

export function checkDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 65 && c <= 90) v = c - 55;
    else if (c === 60) v = 0;
    else throw new CardParseError('MRZ', `character '${field[i]}' at position ${i + 1} is not allowed in an MRZ field`);
    sum += v * [7, 3, 1][i % 3]!;
  }
  return sum % 10;
}
