/**
 * The person a virtual CCCD is personalised for. All data is made up; the demo citizen matches the
 * spec's fixtures (ID 001200012345, MRZ IDVNM2000123457…).
 */
export interface Citizen {
  /** 12-digit personal identification number. */
  readonly idNumber: string;
  readonly fullName: string;
  /** Name as printed in the MRZ (no diacritics). */
  readonly mrzSurname: string;
  readonly mrzGivenNames: string;
  /** dd/mm/yyyy */
  readonly dateOfBirth: string;
  readonly sex: 'Nam' | 'Nữ';
  readonly nationality: string;
  readonly ethnicity: string;
  readonly religion: string;
  readonly placeOfOrigin: string;
  readonly placeOfResidence: string;
  readonly identifyingMarks: string;
  /** dd/mm/yyyy */
  readonly dateOfIssue: string;
  /** dd/mm/yyyy, or "Không thời hạn" (MRZ 991231). */
  readonly dateOfExpiry: string;
  readonly fatherName: string;
  readonly motherName: string;
  readonly spouseName: string | null;
  readonly oldIdNumber: string | null;
}

export const DEMO_CITIZEN: Citizen = {
  idNumber: '001200012345',
  fullName: 'Nguyễn Văn A',
  mrzSurname: 'NGUYEN',
  mrzGivenNames: 'VAN A',
  dateOfBirth: '15/05/2000',
  sex: 'Nam',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Phường X, Quận Y, Hà Nội',
  placeOfResidence: 'Số 1, Phường X, Quận Y, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:1cm trên trước mép phải',
  dateOfIssue: '01/07/2021',
  dateOfExpiry: '15/05/2025',
  fatherName: 'Nguyễn Văn B',
  motherName: 'Trần Thị C',
  spouseName: null,
  oldIdNumber: '012345678',
};
