/**
 * Diacritic-insensitive matching for Vietnamese: "dang ky khai sinh" finds "Đăng ký khai sinh".
 * Folding: NFD, drop combining marks, đ/Đ → d, lower case, collapse spaces.
 */

export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query occurs in the text, ignoring diacritics and case. */
export function matchesQuery(text: string, query: string): boolean {
  const words = foldVietnamese(query)
    .split(' ')
    .filter((w) => w.length > 0);
  if (words.length === 0) return true;
  const folded = foldVietnamese(text);
  return words.every((w) => folded.includes(w));
}
