/**
 * Which PINs a staff account may be given. A PIN is 6 to 8 digits and not one an attacker tries
 * first: one digit repeated, a run up or down (123456, 987654, 012345…), a short pattern repeated
 * (121212, 123123, 11223344…), or the holder's birth date in any of the usual digit orders
 * (ddmmyy, ddmmyyyy, yymmdd, yyyymmdd, mmddyy). Pure: the caller passes what it knows of the person.
 */

export type PinProblem = 'not_digits' | 'too_short' | 'too_long' | 'repeated' | 'sequence' | 'pattern' | 'birth_date';

export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 8;

export const PIN_PROBLEM_MESSAGES: Readonly<Record<PinProblem, { readonly vi: string; readonly en: string }>> = {
  not_digits: { vi: 'Mã PIN chỉ gồm chữ số.', en: 'A PIN has digits only.' },
  too_short: { vi: `Mã PIN có ít nhất ${PIN_MIN_DIGITS} chữ số.`, en: `A PIN has at least ${PIN_MIN_DIGITS} digits.` },
  too_long: { vi: `Mã PIN có nhiều nhất ${PIN_MAX_DIGITS} chữ số.`, en: `A PIN has at most ${PIN_MAX_DIGITS} digits.` },
  repeated: { vi: 'Mã PIN không được là một chữ số lặp lại (ví dụ 000000).', en: 'A PIN may not be one digit repeated (e.g. 000000).' },
  sequence: { vi: 'Mã PIN không được là dãy số liên tiếp (ví dụ 123456).', en: 'A PIN may not be a run of digits (e.g. 123456).' },
  pattern: { vi: 'Mã PIN không được là một nhóm số lặp lại (ví dụ 121212).', en: 'A PIN may not repeat a short group (e.g. 121212).' },
  birth_date: { vi: 'Mã PIN không được là ngày sinh.', en: 'A PIN may not be the birth date.' },
};

/** The digit orders a birth date is written in, for a dd/mm/yyyy date. */
function birthDateForms(dmy: string): string[] {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dmy);
  if (!m) return [];
  const [, d = '', mo = '', y = ''] = m;
  const yy = y.slice(2);
  return [d + mo + yy, d + mo + y, yy + mo + d, y + mo + d, mo + d + yy, mo + d + y, d + mo + y.slice(0, 2)];
}

function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i - 1]) + step + 10) % 10 !== Number(pin[i])) return false;
  }
  return true;
}

function repeatsAGroup(pin: string): boolean {
  for (let size = 1; size <= pin.length / 2; size++) {
    if (pin.length % size !== 0) continue;
    if (pin === pin.slice(0, size).repeat(pin.length / size)) return true;
  }
  // Pairs of a digit: 112233, 11223344.
  if (pin.length % 2 === 0 && [...pin].every((c, i) => i % 2 === 0 || c === pin[i - 1])) {
    const singles = [...pin].filter((_, i) => i % 2 === 0).join('');
    if (isRun(singles, 1) || isRun(singles, -1)) return true;
  }
  return false;
}

/** Null when the PIN may be used; otherwise why not. `birthDate` is dd/mm/yyyy when known. */
export function pinProblem(pin: string, person: { readonly birthDate?: string | null } = {}): PinProblem | null {
  if (!/^\d*$/.test(pin)) return 'not_digits';
  if (pin.length < PIN_MIN_DIGITS) return 'too_short';
  if (pin.length > PIN_MAX_DIGITS) return 'too_long';
  if (/^(\d)\1*$/.test(pin)) return 'repeated';
  if (isRun(pin, 1) || isRun(pin, -1)) return 'sequence';
  if (repeatsAGroup(pin)) return 'pattern';
  if (person.birthDate && birthDateForms(person.birthDate).includes(pin)) return 'birth_date';
  return null;
}
