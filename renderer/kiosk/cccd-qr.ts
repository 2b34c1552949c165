/**
 * The QR code on the back of a CCCD card: fields separated by "|":
 *   idNumber | oldIdNumber | fullName | dateOfBirth (ddmmyyyy) | sex | placeOfResidence | dateOfIssue (ddmmyyyy)
 * Parsed in memory for the current session only; the result is never stored or logged.
 */
import type { CardIdentity } from '../../electron/common/device-contract.ts';

function ddmmyyyy(raw: string | undefined): string | null {
  if (!raw || !/^\d{8}$/.test(raw)) return null;
  return `${raw.slice(0, 2)}/${raw.slice(2, 4)}/${raw.slice(4)}`;
}

export function parseCccdQr(text: string): CardIdentity | null {
  const parts = text.normalize('NFC').split('|');
  const [idNumber, oldId, fullName, dob, sex, residence, issued] = parts;
  if (parts.length < 7 || !idNumber || !/^\d{12}$/.test(idNumber) || !fullName) return null;
  const dateOfBirth = ddmmyyyy(dob);
  if (dateOfBirth === null) return null;
  return {
    idNumber,
    oldIdNumber: oldId && oldId.length > 0 ? oldId : null,
    fullName,
    dateOfBirth,
    sex: sex === 'Nam' || sex === 'Nữ' ? sex : null,
    nationality: null,
    placeOfOrigin: null,
    placeOfResidence: residence && residence.length > 0 ? residence : null,
    dateOfIssue: ddmmyyyy(issued),
    dateOfExpiry: null,
    photoJpeg: null,
    source: 'qr',
    authenticity: 'unauthenticated',
  };
}

/** Age in whole years on `today` (dd/mm/yyyy birth date; today as YYYY-MM-DD in the hall's zone). */
export function ageOn(dateOfBirth: string, today: string): number | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dateOfBirth);
  const n = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m || !n) return null;
  const [, d, mo, y] = m.map(Number) as [number, number, number, number];
  const [, ty, tm, td] = n.map(Number) as [number, number, number, number];
  let age = ty - y;
  if (tm < mo || (tm === mo && td < d)) age -= 1;
  return age;
}
