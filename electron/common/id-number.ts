/**
 * The 12-digit personal ID number (số định danh cá nhân, printed on the CCCD), Thông tư 07/2016/TT-BCA
 * Điều 7: digits 1–3 the province of birth registration (the 63 pre-2025 province codes), digit 4 the
 * century of birth and sex, digits 5–6 the last two digits of the year of birth, digits 7–12 random.
 *
 * `checkIdNumber` says what is wrong in words a citizen understands; it never echoes the number.
 */

/** Province codes of the ID number (001 Hà Nội … 096 Cà Mau); the 2025 merger did not renumber IDs. */
export const ID_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
]);

export type IdNumberProblem = 'not_12_digits' | 'unknown_province' | 'birth_year_mismatch' | 'sex_mismatch' | 'born_in_future';

export interface IdNumberFacts {
  readonly provinceCode: string;
  readonly sex: 'Nam' | 'Nữ';
  readonly birthYear: number;
}

export type IdNumberCheck = { readonly ok: true; readonly facts: IdNumberFacts } | { readonly ok: false; readonly problem: IdNumberProblem };

export const ID_NUMBER_MESSAGES: Readonly<Record<IdNumberProblem, { readonly vi: string; readonly en: string }>> = {
  not_12_digits: { vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.', en: 'The personal ID number has exactly 12 digits.' },
  unknown_province: { vi: 'Ba chữ số đầu của số định danh cá nhân không phải mã tỉnh hợp lệ.', en: 'The first three digits are not a province code.' },
  birth_year_mismatch: { vi: 'Số định danh cá nhân không khớp với năm sinh đã khai.', en: 'The ID number does not match the declared year of birth.' },
  sex_mismatch: { vi: 'Số định danh cá nhân không khớp với giới tính đã khai.', en: 'The ID number does not match the declared sex.' },
  born_in_future: { vi: 'Năm sinh trong số định danh cá nhân chưa tới.', en: 'The year of birth in the ID number is in the future.' },
};

/**
 * Checks the structure of an ID number, and its agreement with a declared birth year and sex when
 * given. `currentYear` bounds the century digit (no one is born after this year).
 */
export function checkIdNumber(value: string, currentYear: number, declared: { readonly birthYear?: number; readonly sex?: 'Nam' | 'Nữ' } = {}): IdNumberCheck {
  if (!/^\d{12}$/.test(value)) return { ok: false, problem: 'not_12_digits' };
  const provinceCode = value.slice(0, 3);
  if (!ID_PROVINCE_CODES.has(provinceCode)) return { ok: false, problem: 'unknown_province' };
  const centuryDigit = Number(value[3]);
  // 0/1: 1900s, 2/3: 2000s, 4/5: 2100s, …; even is male, odd is female.
  const century = 1900 + Math.floor(centuryDigit / 2) * 100;
  const birthYear = century + Number(value.slice(4, 6));
  if (birthYear > currentYear) return { ok: false, problem: 'born_in_future' };
  const sex = centuryDigit % 2 === 0 ? 'Nam' : 'Nữ';
  if (declared.birthYear !== undefined && declared.birthYear !== birthYear) return { ok: false, problem: 'birth_year_mismatch' };
  if (declared.sex !== undefined && declared.sex !== sex) return { ok: false, problem: 'sex_mismatch' };
  return { ok: true, facts: { provinceCode, sex, birthYear } };
}
