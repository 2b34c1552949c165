/**
 * TD1 MRZ (ICAO 9303-5, 3 lines × 30) as printed on the back of the CCCD and stored in DG1.
 * Vietnamese layout (spec §4.2): line 1 optional data = the 12-digit ID, "<<", and at position 30
 * a check digit over that ID. Pure; structure errors throw CardParseError, check-digit failures
 * are reported by name in `failedChecks` (OCR repairs them, chip data treats them as an error).
 */
import { CardParseError } from '../errors.ts';
import { checkDigit } from './check-digit.ts';

export interface Td1 {
  readonly documentCode: string;
  readonly issuingState: string;
  readonly documentNumber: string;
  /** The 12-digit personal ID from the optional data, or null when the line does not carry one. */
  readonly idNumber: string | null;
  /** YYMMDD */
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F' | null;
  /** YYMMDD; 991231 on cards without expiry. */
  readonly dateOfExpiry: string;
  readonly nationality: string;
  readonly surname: string;
  readonly givenNames: string;
  readonly lines: readonly [string, string, string];
  /** Names of failed checks: documentNumber, dateOfBirth, dateOfExpiry, composite, idNumber. */
  readonly failedChecks: readonly string[];
}

const MRZ_CHARS = /^[0-9A-Z<]+$/;

/** Accepts the 90 characters as one string or as 3 lines (whitespace between lines ignored). */
export function parseTd1(text: string): Td1 {
  const compact = text.replace(/[\s]+/g, '');
  if (compact.length !== 90) throw new CardParseError('MRZ', `a TD1 MRZ has 90 characters, got ${compact.length}`);
  if (!MRZ_CHARS.test(compact)) throw new CardParseError('MRZ', 'only A-Z, 0-9 and < are allowed');
  const l1 = compact.slice(0, 30);
  const l2 = compact.slice(30, 60);
  const l3 = compact.slice(60, 90);
  const failed: string[] = [];
  const check = (name: string, field: string, digit: string): void => {
    if (String(checkDigit(field)) !== digit) failed.push(name);
  };
  const documentNumber = l1.slice(5, 14);
  check('documentNumber', documentNumber, l1[14]!);
  const dateOfBirth = l2.slice(0, 6);
  const dateOfExpiry = l2.slice(8, 14);
  if (!/^\d{6}$/.test(dateOfBirth)) failed.push('dateOfBirth');
  else check('dateOfBirth', dateOfBirth, l2[6]!);
  if (!/^\d{6}$/.test(dateOfExpiry)) failed.push('dateOfExpiry');
  else check('dateOfExpiry', dateOfExpiry, l2[14]!);
  check('composite', l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29]!);
  const optional = l1.slice(15, 30);
  let idNumber: string | null = null;
  if (/^\d{12}<<\d$/.test(optional)) {
    idNumber = optional.slice(0, 12);
    check('idNumber', idNumber, optional[14]!);
  }
  const sexChar = l2[7];
  const [surname = '', given = ''] = l3.split('<<');
  return {
    documentCode: l1.slice(0, 2).replace(/<+$/, ''),
    issuingState: l1.slice(2, 5),
    documentNumber: documentNumber.replace(/<+$/, ''),
    idNumber,
    dateOfBirth,
    sex: sexChar === 'M' ? 'M' : sexChar === 'F' ? 'F' : null,
    dateOfExpiry,
    nationality: l2.slice(15, 18),
    surname: surname.replace(/</g, ' ').trim(),
    givenNames: given.replace(/</g, ' ').trim(),
    lines: [l1, l2, l3],
    failedChecks: failed,
  };
}
