/**
 * The QR code on the front of the CCCD (spec §4.7):
 *   ID12|oldCMND9 (may be empty)|Họ và tên|DOB ddmmyyyy|Nam/Nữ|Nơi thường trú|issue date ddmmyyyy
 * Parsed defensively (it is read by a camera or a scanner wedge and may be damaged or forged): every
 * field is checked, and the result is marked unauthenticated; only the chip with passive
 * authentication is trustworthy. Useful to get the 12-digit ID and so the CAN quickly.
 */
import type { CardIdentity } from '../../../electron/common/device-contract.ts';
import { CardParseError } from '../errors.ts';

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

const MAX_LENGTH = 1024;

function date(field: string, name: string): string {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(field);
  if (m === null) throw new CardParseError('QR', `${name} must be ddmmyyyy`);
  const [, d, mo, y] = m;
  const day = Number(d);
  const month = Number(mo);
  const year = Number(y);
  const valid = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || valid.getUTCDate() !== day || year < 1900) throw new CardParseError('QR', `${name} is not a real date`);
  return `${d}/${mo}/${y}`;
}

export function parseCccdQr(text: string): CccdQr {
  if (text.length > MAX_LENGTH) throw new CardParseError('QR', `text of ${text.length} characters is too long for a CCCD QR`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text.replace(/[\r\n]+$/, ''))) throw new CardParseError('QR', 'control characters are not allowed');
  const fields = text.replace(/[\r\n]+$/, '').normalize('NFC').split('|');
  if (fields.length < 6 || fields.length > 7) throw new CardParseError('QR', `expected 7 fields separated by |, found ${fields.length}`);
  const [id = '', old = '', name = '', dob = '', sex = '', address = '', issued] = fields.map((f) => f.trim());
  if (!/^\d{12}$/.test(id)) throw new CardParseError('QR', 'the ID number must be 12 digits');
  if (old !== '' && !/^\d{9}$/.test(old)) throw new CardParseError('QR', 'the old ID number must be 9 digits or empty');
  if (name === '' || name.length > 100 || /\d/.test(name)) throw new CardParseError('QR', 'the name is empty, too long or contains digits');
  if (sex !== 'Nam' && sex !== 'Nữ') throw new CardParseError('QR', 'sex must be Nam or Nữ');
  if (address.length > 300) throw new CardParseError('QR', 'the address is too long');
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
    authenticity: 'unauthenticated',
  };
}
