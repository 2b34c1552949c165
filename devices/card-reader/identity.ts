/**
 * Maps what was read from the chip (DG13 and/or DG1) to the CardIdentity the kiosk uses.
 * DG13 carries the Vietnamese name with diacritics and dd/mm/yyyy dates; DG1 alone gives the MRZ
 * name (no diacritics) and YYMMDD dates, whose century follows from the ID number (spec §4.1).
 */
import type { Authenticity, CardIdentity } from '../../electron/common/device-contract.ts';
import type { Dg13 } from './lds/dg13.ts';
import type { Td1 } from './mrz/td1.ts';

/** Century of birth from digit 4 of the 12-digit ID: 0/1 → 1900, 2/3 → 2000, 4/5 → 2100 … */
export function birthCentury(idNumber: string): number | null {
  const g = Number(idNumber[3]);
  return /^\d{12}$/.test(idNumber) ? 1900 + Math.floor(g / 2) * 100 : null;
}

/** YYMMDD → dd/mm/yyyy; expiry 991231 means "no expiry" (null). */
export function mrzDateToDisplay(yymmdd: string, century: number): string {
  return `${yymmdd.slice(4, 6)}/${yymmdd.slice(2, 4)}/${century + Number(yymmdd.slice(0, 2))}`;
}

function sexFrom(text: string | null): 'Nam' | 'Nữ' | null {
  if (text === null) return null;
  const t = text.normalize('NFC').toLowerCase();
  return t === 'nam' || t === 'm' ? 'Nam' : t === 'nữ' || t === 'f' ? 'Nữ' : null;
}

export function identityFromChip(
  dg13: Dg13 | null,
  dg1: Td1 | null,
  photoJpeg: Uint8Array | null,
  authenticity: Authenticity,
  chipFiles: CardIdentity['chipFiles'] = null,
): CardIdentity | null {
  const idNumber = dg13?.idNumber ?? dg1?.idNumber ?? null;
  if (idNumber === null) return null;
  const century = birthCentury(idNumber) ?? 1900;
  const fromMrzName = dg1 === null ? null : `${dg1.surname} ${dg1.givenNames}`.trim();
  const dateOfBirth = dg13?.dateOfBirth ?? (dg1 === null ? null : mrzDateToDisplay(dg1.dateOfBirth, century));
  const fullName = dg13?.fullName ?? fromMrzName;
  if (dateOfBirth === null || fullName === null) return null;
  const mrzExpiry = dg1 === null || dg1.dateOfExpiry === '991231' ? null : mrzDateToDisplay(dg1.dateOfExpiry, 2000);
  return {
    idNumber,
    fullName,
    dateOfBirth,
    sex: sexFrom(dg13?.sex ?? dg1?.sex ?? null),
    nationality: dg13?.nationality ?? (dg1 === null ? null : dg1.nationality === 'VNM' ? 'Việt Nam' : dg1.nationality),
    placeOfOrigin: dg13?.placeOfOrigin ?? null,
    placeOfResidence: dg13?.placeOfResidence ?? null,
    dateOfIssue: dg13?.dateOfIssue ?? null,
    dateOfExpiry: dg13?.dateOfExpiry ?? mrzExpiry,
    oldIdNumber: dg13?.oldIdNumber ?? null,
    photoJpeg,
    source: 'chip',
    authenticity,
    chipFiles,
  };
}
