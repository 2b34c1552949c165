/**
 * E-forms (tờ khai điện tử): one declarative definition per procedure, rendered the same way on the
 * kiosk and at the counter, validated the same way in the browser and on the hall server.
 *
 * Contract:
 * - A form has sections of fields. Field types: text, date (dd/mm/yyyy), select, address (province,
 *   optional district, ward, street), idNumber (12 digits, checked), phone, email, and group (a
 *   repeated set of the other types, e.g. the children of a declaration).
 * - `showIf` makes a field conditional on another field of the same level (top level, or the same
 *   group item): a hidden field is neither validated nor kept.
 * - `prefill` names the card field (CCCD) that fills the field when the citizen identified with it.
 * - `validateForm` returns the cleaned value (NFC, trimmed, hidden fields dropped) or every problem at
 *   once, each with its path (`child.0.fullName`) and a Vietnamese and English message.
 * - The definition's schema (zod) is eform-schema.ts; this module has no runtime dependency on it,
 *   so the renderer bundles stay without zod.
 */
import { checkIdNumber, ID_NUMBER_MESSAGES } from './id-number.ts';
import { PROVINCES, provinceOfAddress } from './provinces.ts';
import type { EFormDefinition, LeafField, PrefillSource } from './eform-schema.ts';

export type { EFormDefinition, EFormField, GroupField, LeafField, PrefillSource } from './eform-schema.ts';

export interface AddressValue {
  readonly province: string;
  readonly district?: string;
  readonly ward: string;
  readonly street: string;
}
export type LeafValue = string | AddressValue;
export type GroupItem = Readonly<Record<string, LeafValue>>;
export type FieldValue = LeafValue | readonly GroupItem[];
export type FormData = Readonly<Record<string, FieldValue>>;

export type FormProblemCode =
  | 'required'
  | 'too_long'
  | 'invalid_date'
  | 'future_date'
  | 'invalid_option'
  | 'invalid_id_number'
  | 'invalid_phone'
  | 'invalid_email'
  | 'invalid_address'
  | 'too_few_items'
  | 'too_many_items'
  | 'wrong_type';

export interface FormProblem {
  /** Dotted path: `fatherName`, `children.1.dateOfBirth`, `residence.ward`. */
  readonly path: string;
  readonly code: FormProblemCode;
  readonly message: { readonly vi: string; readonly en: string };
}

export type FormValidation = { readonly ok: true; readonly value: FormData } | { readonly ok: false; readonly problems: readonly FormProblem[] };

const MESSAGES: Record<Exclude<FormProblemCode, 'invalid_id_number'>, (field: string) => { vi: string; en: string }> = {
  required: (f) => ({ vi: `Vui lòng nhập ${f}.`, en: `Fill in ${f}.` }),
  too_long: (f) => ({ vi: `${cap(f)} quá dài.`, en: `${f} is too long.` }),
  invalid_date: (f) => ({ vi: `${cap(f)} phải là ngày hợp lệ theo dạng ngày/tháng/năm, ví dụ 05/09/2024.`, en: `${f} must be a real date as dd/mm/yyyy.` }),
  future_date: (f) => ({ vi: `${cap(f)} không được sau ngày hôm nay.`, en: `${f} cannot be after today.` }),
  invalid_option: (f) => ({ vi: `Vui lòng chọn ${f} trong danh sách.`, en: `Choose ${f} from the list.` }),
  invalid_phone: (f) => ({ vi: `${cap(f)} không đúng: nhập 10 chữ số, ví dụ 0912345678.`, en: `${f} must be a Vietnamese phone number of 10 digits.` }),
  invalid_email: (f) => ({ vi: `${cap(f)} không đúng định dạng, ví dụ ten@example.vn.`, en: `${f} is not an email address.` }),
  invalid_address: (f) => ({ vi: `Vui lòng chọn tỉnh, thành phố và nhập xã, phường của ${f}.`, en: `${f} needs a province from the list and a ward.` }),
  too_few_items: (f) => ({ vi: `Vui lòng khai thêm ${f}.`, en: `Add more entries to ${f}.` }),
  too_many_items: (f) => ({ vi: `${cap(f)} có quá nhiều mục.`, en: `${f} has too many entries.` }),
  wrong_type: (f) => ({ vi: `${cap(f)} không hợp lệ.`, en: `${f} has the wrong type.` }),
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Parses dd/mm/yyyy into its parts when it is a real calendar date. */
export function parseDmy(value: string): { day: number; month: number; year: number } | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 1900) return null;
  return { day, month, year };
}

/** `today` is the hall's business date as dd/mm/yyyy (Asia/Ho_Chi_Minh), injected by the caller. */
export interface ValidationContext {
  readonly today: string;
}

function dmyOrdinal(d: { day: number; month: number; year: number }): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

function isShown(field: { showIf?: { field: string; equals: string | string[] } | undefined }, values: Readonly<Record<string, unknown>>): boolean {
  if (!field.showIf) return true;
  const other = values[field.showIf.field];
  const wanted = Array.isArray(field.showIf.equals) ? field.showIf.equals : [field.showIf.equals];
  return typeof other === 'string' && wanted.includes(other);
}

function clean(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The fields of every section, in order, with the values of the same level, for rendering. */
export function visibleFields<F extends { showIf?: { field: string; equals: string | string[] } | undefined }>(
  fields: readonly F[],
  values: Readonly<Record<string, unknown>>,
): F[] {
  return fields.filter((f) => isShown(f, values));
}

function validateLeaf(field: LeafField, raw: unknown, path: string, ctx: ValidationContext, problems: FormProblem[]): LeafValue | undefined {
  const name = field.label.vi.toLocaleLowerCase('vi');
  const problem = (code: Exclude<FormProblemCode, 'invalid_id_number'>): undefined => {
    problems.push({ path, code, message: MESSAGES[code](name) });
    return undefined;
  };
  if (field.type === 'address') {
    if (raw === undefined || raw === null || raw === '') return field.required ? problem('required') : undefined;
    if (typeof raw !== 'object' || Array.isArray(raw)) return problem('wrong_type');
    const a = raw as Record<string, unknown>;
    const text = (k: string): string => (typeof a[k] === 'string' ? clean(a[k] as string) : '');
    const value: AddressValue = {
      province: text('province'),
      ...(field.withDistrict ? { district: text('district') } : {}),
      ward: text('ward'),
      street: text('street'),
    };
    if (!value.province && !value.ward && !value.street) return field.required ? problem('required') : undefined;
    if (!PROVINCES.includes(value.province) || value.ward.length === 0 || value.ward.length > 100 || value.street.length > 200)
      return problem('invalid_address');
    return value;
  }
  if (raw === undefined || raw === null) raw = '';
  if (typeof raw !== 'string') return problem('wrong_type');
  const value = clean(raw);
  if (value === '') return field.required ? problem('required') : undefined;
  switch (field.type) {
    case 'text':
      return value.length > field.maxLength ? problem('too_long') : value;
    case 'date': {
      const d = parseDmy(value);
      if (!d) return problem('invalid_date');
      const today = parseDmy(ctx.today);
      if (field.notFuture && today && dmyOrdinal(d) > dmyOrdinal(today)) return problem('future_date');
      return value;
    }
    case 'select':
      return field.options.some((o) => o.value === value) ? value : problem('invalid_option');
    case 'idNumber': {
      const today = parseDmy(ctx.today);
      const check = checkIdNumber(value, today?.year ?? 9999);
      if (!check.ok) {
        problems.push({ path, code: 'invalid_id_number', message: ID_NUMBER_MESSAGES[check.problem] });
        return undefined;
      }
      return value;
    }
    case 'phone': {
      const digits = value.replace(/[\s.-]/g, '').replace(/^\+84/, '0');
      return /^0(3|5|7|8|9)\d{8}$|^02\d{9}$/.test(digits) ? digits : problem('invalid_phone');
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value) && value.length <= 254 ? value.toLowerCase() : problem('invalid_email');
  }
}

/** Validates and cleans form data against its definition; unknown keys are dropped. */
export function validateForm(form: EFormDefinition, data: unknown, ctx: ValidationContext): FormValidation {
  const problems: FormProblem[] = [];
  const input = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const out: Record<string, FieldValue> = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (!isShown(field, input)) continue;
    if (field.type !== 'group') {
      const v = validateLeaf(field, input[field.id], field.id, ctx, problems);
      if (v !== undefined) out[field.id] = v;
      continue;
    }
    const name = field.label.vi.toLocaleLowerCase('vi');
    const raw = input[field.id] ?? [];
    if (!Array.isArray(raw)) {
      problems.push({ path: field.id, code: 'wrong_type', message: MESSAGES.wrong_type(name) });
      continue;
    }
    const min = Math.max(field.minItems, field.required ? 1 : 0);
    if (raw.length < min) problems.push({ path: field.id, code: 'too_few_items', message: MESSAGES.too_few_items(name) });
    if (raw.length > field.maxItems) {
      problems.push({ path: field.id, code: 'too_many_items', message: MESSAGES.too_many_items(name) });
      continue;
    }
    const items: GroupItem[] = raw.map((item: unknown, index) => {
      const values = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
      const cleaned: Record<string, LeafValue> = {};
      for (const sub of field.fields) {
        if (!isShown(sub, values)) continue;
        const v = validateLeaf(sub, values[sub.id], `${field.id}.${index}.${sub.id}`, ctx, problems);
        if (v !== undefined) cleaned[sub.id] = v;
      }
      return cleaned;
    });
    if (items.length > 0) out[field.id] = items;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out };
}

/** The card data a form can be prefilled from: the CardIdentity fields of the device contract. */
export type PrefillIdentity = Partial<Record<PrefillSource, string | null>>;

/**
 * Initial values from the card for the fields that name a `prefill` source (top level only: group
 * items describe other people). Residence fills an address field's street and, when the text ends
 * with one of the 34 provinces, its province.
 */
export function prefillForm(form: EFormDefinition, identity: PrefillIdentity): Record<string, LeafValue> {
  const out: Record<string, LeafValue> = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type === 'group' || !field.prefill) continue;
    const value = identity[field.prefill];
    if (typeof value !== 'string' || value === '') continue;
    if (field.type === 'address') {
      out[field.id] = splitAddress(value.normalize('NFC'));
    } else {
      out[field.id] = value.normalize('NFC');
    }
  }
  return out;
}

const WARD_PREFIX = /^(phường|xã|thị trấn|đặc khu)\s/iu;
const DISTRICT_PREFIX = /^(quận|huyện|thị xã|thành phố)\s/iu;

/**
 * Splits a printed address ("Số 12 phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội") into the parts of
 * an address field. What cannot be recognised stays in the street, for the citizen to check.
 */
export function splitAddress(text: string): AddressValue {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const province = parts.length > 1 ? provinceOfAddress(parts.at(-1) ?? '') : null;
  if (province) parts.pop();
  const wardAt = parts.findIndex((p) => WARD_PREFIX.test(p));
  const ward = wardAt >= 0 ? (parts[wardAt] ?? '') : '';
  const districtAt = wardAt >= 0 && DISTRICT_PREFIX.test(parts[wardAt + 1] ?? '') ? wardAt + 1 : -1;
  const district = districtAt >= 0 ? (parts[districtAt] ?? '') : '';
  const street = parts.filter((_, i) => i !== wardAt && i !== districtAt).join(', ');
  return { province: province ?? '', ...(district ? { district } : {}), ward, street };
}
