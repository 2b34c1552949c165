/**
 * What of a card's identity a read may hand over for its purpose (device-contract.ts
 * CardReadPurpose; NĐ 13/2023: no more than the purpose needs). Shared by the card reader (a chip
 * read) and the kiosk (the QR on the card's front, read by the scanner). Pure.
 */
import type { CardIdentity, CardReadPurpose } from './device-contract.ts';

/**
 * For `identify`, only the ID number, the full name and the date of birth (the fields the identify
 * notice names) and the chip files the hall verifies; every other field null. For `dossier`, all.
 */
export function identityForPurpose(identity: CardIdentity, purpose: CardReadPurpose): CardIdentity {
  if (purpose === 'dossier') return identity;
  return {
    ...identity,
    sex: null,
    nationality: null,
    placeOfOrigin: null,
    placeOfResidence: null,
    dateOfIssue: null,
    dateOfExpiry: null,
    oldIdNumber: null,
    photoJpeg: null,
  };
}
