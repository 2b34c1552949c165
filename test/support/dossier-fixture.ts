/**
 * A citizen and a birth declaration for dossier tests: values shaped like real ones (valid ID
 * numbers, NFC names), invented, and never logged.
 */
import type { CreateDossierRequest } from '../../electron/common/dossier-wire.ts';
import { consentTo } from '../../electron/common/privacy-notice.ts';

/** What the card gives (CardIdentity fields). */
export const CARD = {
  idNumber: '001090012345',
  fullName: 'Nguyễn Văn Kiểm',
  dateOfBirth: '15/05/1990',
  sex: 'Nam',
  nationality: 'Việt Nam',
  placeOfResidence: 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội',
} as const;

/** A birth declaration beyond the applicant's prefilled part. */
export const BIRTH_DECLARATION = {
  applicantName: CARD.fullName,
  applicantIdNumber: CARD.idNumber,
  applicantDateOfBirth: CARD.dateOfBirth,
  applicantResidence: { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1 phố Tràng Tiền' },
  applicantPhone: '0912345678',
  relationToChild: 'cha',
  childFullName: 'Nguyễn Minh Khang',
  childDateOfBirth: '01/11/2026',
  childSex: 'Nam',
  childEthnicity: 'kinh',
  childNationality: 'Việt Nam',
  childPlaceOfBirth: 'Bệnh viện Phụ sản Hà Nội, Phường Láng, Thành phố Hà Nội',
  childHomeTown: 'Xã Kim Sơn, Tỉnh Ninh Bình',
  motherKnown: 'co',
  motherFullName: 'Trần Thị Lan',
  motherDateOfBirth: '20/08/1993',
  motherEthnicity: 'kinh',
  motherNationality: 'Việt Nam',
  motherResidence: { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1 phố Tràng Tiền' },
  motherIdNumber: '001193012345',
  fatherKnown: 'co',
  fatherFullName: 'Nguyễn Văn Kiểm',
  fatherDateOfBirth: '15/05/1990',
  fatherEthnicity: 'kinh',
  fatherNationality: 'Việt Nam',
  fatherResidence: { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1 phố Tràng Tiền' },
  fatherIdNumber: '001090012345',
  parentsMarried: 'co',
  extractCopies: '1',
};

/**
 * createDossier's body for a birth registration, with `form` overrides. `idNumber`: another
 * applicant (the demo hall allows one open ticket per person and service).
 */
export function birthDossierRequest(form: Record<string, unknown> = {}, idNumber: string = CARD.idNumber): CreateDossierRequest {
  return {
    procedureId: 'dang-ky-khai-sinh',
    applicant: {
      idNumber,
      fullName: CARD.fullName,
      dateOfBirth: CARD.dateOfBirth,
      sex: 'Nam',
      placeOfResidence: CARD.placeOfResidence,
      source: 'chip',
      verified: true,
    },
    form: { ...BIRTH_DECLARATION, ...form },
    consent: consentTo('dossier', 'vi', Date.parse('2026-03-02T01:05:00Z')),
  };
}
