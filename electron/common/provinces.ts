/**
 * The 34 provinces and centrally-run cities from 01/07/2025 (Nghị quyết 202/2025/QH15), for the
 * address fields of e-forms. Wards are typed (the national ward list is not shipped), and a district
 * is asked only by forms that record addresses from before the two-level reform.
 */
export const PROVINCES: readonly string[] = [
  'Thành phố Hà Nội',
  'Thành phố Huế',
  'Thành phố Hải Phòng',
  'Thành phố Đà Nẵng',
  'Thành phố Hồ Chí Minh',
  'Thành phố Cần Thơ',
  'Tỉnh Lai Châu',
  'Tỉnh Điện Biên',
  'Tỉnh Sơn La',
  'Tỉnh Lạng Sơn',
  'Tỉnh Quảng Ninh',
  'Tỉnh Thanh Hóa',
  'Tỉnh Nghệ An',
  'Tỉnh Hà Tĩnh',
  'Tỉnh Cao Bằng',
  'Tỉnh Tuyên Quang',
  'Tỉnh Lào Cai',
  'Tỉnh Thái Nguyên',
  'Tỉnh Phú Thọ',
  'Tỉnh Bắc Ninh',
  'Tỉnh Hưng Yên',
  'Tỉnh Ninh Bình',
  'Tỉnh Quảng Trị',
  'Tỉnh Quảng Ngãi',
  'Tỉnh Gia Lai',
  'Tỉnh Khánh Hòa',
  'Tỉnh Lâm Đồng',
  'Tỉnh Đắk Lắk',
  'Tỉnh Đồng Nai',
  'Tỉnh Tây Ninh',
  'Tỉnh Vĩnh Long',
  'Tỉnh Đồng Tháp',
  'Tỉnh Cà Mau',
  'Tỉnh An Giang',
];

/** The name without "Thành phố" / "Tỉnh", lower-cased and without diacritics, for matching free text. */
export function provinceKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/^(thanh pho|tinh|tp\.?)\s+/, '')
    .trim();
}

/** The province a free-text address ends with (the card's place of residence), or null. */
export function provinceOfAddress(address: string): string | null {
  const parts = address.split(',').map((p) => provinceKey(p));
  const last = parts.at(-1);
  if (last === undefined) return null;
  return PROVINCES.find((p) => provinceKey(p) === last) ?? null;
}
