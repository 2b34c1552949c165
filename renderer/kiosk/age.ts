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
