/**
 * The QR code printed on the citizen's card, the one parser of it: the kiosk's scanner route and
 * the card-reader stack both use this. Where it is printed depends on the card model:
 *   - CCCD with chip (Thông tư 06/2021/TT-BCA, issued 2021 – 30/06/2024): on the FRONT, right
 *     column, below the chip symbol; the back carries the chip, fingerprints and the MRZ;
 *   - thẻ căn cước (Luật Căn cước 2023, issued from 01/07/2024): on the BACK, beside the chip,
 *     residence and dates; its QR content is not confirmed to be the same (spec §4.7).
 * Content (7 fields, UTF-8, '|'-separated):
 *   ID12|oldCMND9 (may be empty)|Họ và tên|DOB ddmmyyyy|Nam/Nữ|Nơi thường trú|issue date ddmmyyyy
 * A 6-field variant without the issue date is accepted; anything else is refused.
 *
 * Parsed defensively (it is read by a camera or a scanner wedge and may be damaged or forged):
 * every field is checked and the identity is marked unauthenticated; only the chip with passive
 * authentication is trustworthy. Useful to get the 12-digit ID, and so the CAN, quickly.
 * Malformed text throws CccdQrError, nothing else; its message never carries the card's data.
 */
import type { CardIdentity } from './device-contract.ts';

export interface CccdQr {
  readonly idNumber: string;
  readonly oldIdNumber: string | null;
  readonly fullName: string;
  /** dd/mm/yyyy */
  readonly dateOfBirth: string;
  readonly sex: 'Nam' | 'Nữ';
  readonly placeOfResidence: string;
  /** dd/mm/yyyy, null when the field is missing (6-field variants). */
  readonly dateOfIssue: string | null;
}

export class CccdQrError extends Error {
  /** What was being parsed; the card-reader stack's parse errors use the same field. */
  readonly what = 'QR';
  constructor(message: string) {
    super(`QR: ${message}`);
    this.name = 'CccdQrError';
  }
}

const MAX_LENGTH = 1024;

function date(field: string, name: string): string {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(field);
  if (m === null) throw new CccdQrError(`${name} must be ddmmyyyy`);
  const [, d, mo, y] = m;
  const day = Number(d);
  const month = Number(mo);
  const year = Number(y);
  const valid = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || valid.getUTCDate() !== day || year < 1900) throw new CccdQrError(`${name} is not a real date`);
  return `${d}/${mo}/${y}`;
}

export function parseCccdQr(text: string): CccdQr {
  if (text.length > MAX_LENGTH) throw new CccdQrError(`text of ${text.length} characters is too long for a CCCD QR`);
  const body = text.replace(/[\r\n]+$/, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(body)) throw new CccdQrError('control characters are not allowed');
  const fields = body.normalize('NFC').split('|');
  if (fields.length < 6 || fields.length > 7) throw new CccdQrError(`expected 7 fields separated by |, found ${fields.length}`);
  const [id = '', old = '', name = '', dob = '', sex = '', address = '', issued] = fields.map((f) => f.trim());
  if (!/^\d{12}$/.test(id)) throw new CccdQrError('the ID number must be 12 digits');
  if (old !== '' && !/^\d{9}$/.test(old)) throw new CccdQrError('the old ID number must be 9 digits or empty');
  if (name === '' || name.length > 100 || /\d/.test(name)) throw new CccdQrError('the name is empty, too long or contains digits');
  if (sex !== 'Nam' && sex !== 'Nữ') throw new CccdQrError('sex must be Nam or Nữ');
  if (address.length > 300) throw new CccdQrError('the address is too long');
  return {
    idNumber: id,
    oldIdNumber: old === '' ? null : old,
    fullName: name,
    dateOfBirth: date(dob, 'date of birth'),
    sex,
    placeOfResidence: address,
    dateOfIssue: issued === undefined || issued === '' ? null : date(issued, 'issue date'),
  };
}

export function identityFromQr(qr: CccdQr): CardIdentity {
  return {
    idNumber: qr.idNumber,
    fullName: qr.fullName,
    dateOfBirth: qr.dateOfBirth,
    sex: qr.sex,
    nationality: null,
    placeOfOrigin: null,
    placeOfResidence: qr.placeOfResidence,
    dateOfIssue: qr.dateOfIssue,
    dateOfExpiry: null,
    oldIdNumber: qr.oldIdNumber,
    photoJpeg: null,
    source: 'qr',
    chipFiles: null,
    authenticity: 'unauthenticated',
  };
}

/**
 * The identity a scanned QR gives, or the reason it gives none (English, no card data): for
 * screens, which show their own message and keep nothing.
 */
export function identityFromQrText(text: string): { readonly ok: true; readonly identity: CardIdentity } | { readonly ok: false; readonly reason: string } {
  try {
    return { ok: true, identity: identityFromQr(parseCccdQr(text)) };
  } catch (err) {
    if (err instanceof CccdQrError) return { ok: false, reason: err.message };
    throw err;
  }
}
