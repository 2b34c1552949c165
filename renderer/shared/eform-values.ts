/**
 * The values of an e-form while it is being filled in (electron/common/eform.ts defines the forms
 * and validates them): immutable updates, the link between a problem's path and the element that
 * shows it, the dd/mm/yyyy mask of the numeric pad, the keypad a field wants on the kiosk, and the
 * text of a value in the read-only rendering at the counter. Pure: the components call these.
 */
import type { AddressValue, EFormDefinition, EFormField, FormProblem, LeafField, LeafValue } from '../../electron/common/eform.ts';
import type { Language } from './i18n.ts';

/** Form values being edited: leaf values by field id, groups as arrays of items. */
export type FormDraft = Readonly<Record<string, unknown>>;
export type DraftItem = Readonly<Record<string, unknown>>;

export function setValue(draft: FormDraft, id: string, value: unknown): FormDraft {
  return { ...draft, [id]: value };
}

export function groupItems(draft: FormDraft, groupId: string): readonly DraftItem[] {
  const items = draft[groupId];
  return Array.isArray(items) ? (items as DraftItem[]) : [];
}

export function setItemValue(draft: FormDraft, groupId: string, index: number, id: string, value: unknown): FormDraft {
  const items = groupItems(draft, groupId).map((item, i) => (i === index ? { ...item, [id]: value } : item));
  return { ...draft, [groupId]: items };
}

export function addItem(draft: FormDraft, groupId: string): FormDraft {
  return { ...draft, [groupId]: [...groupItems(draft, groupId), {}] };
}

export function removeItem(draft: FormDraft, groupId: string, index: number): FormDraft {
  return { ...draft, [groupId]: groupItems(draft, groupId).filter((_, i) => i !== index) };
}

/** The initial draft of a form: the card's values, and the minimum number of items of each group. */
export function initialDraft(form: EFormDefinition, prefill: Readonly<Record<string, LeafValue>>): FormDraft {
  const draft: Record<string, unknown> = { ...prefill };
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type === 'group' && field.minItems > 0) draft[field.id] = Array.from({ length: field.minItems }, () => ({}));
  }
  return draft;
}

/** DOM id of the element that shows a path (`children.1.dateOfBirth` → `ef-children-1-dateOfBirth`). */
export function fieldDomId(path: string): string {
  return `ef-${path.replace(/\./g, '-')}`;
}

/** Problems by path; the first problem of a path wins (validateForm reports one per field). */
export function problemsByPath(problems: readonly FormProblem[]): ReadonlyMap<string, FormProblem> {
  const map = new Map<string, FormProblem>();
  for (const p of problems) if (!map.has(p.path)) map.set(p.path, p);
  return map;
}

/** Digits typed on the numeric pad shown as dd/mm/yyyy while typing ("0509" → "05/09"). */
export function maskDmy(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(0, 8);
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
  return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
}

/** What the kiosk shows under a focused field: the Telex keyboard, the plain keyboard for e-mail, or the numeric pad. */
export type KeypadKind = 'telex' | 'email' | 'digits';

/** What the kiosk's keypad snippet gets for the focused input: its kind, its value, and a setter. */
export interface KeypadRequest {
  readonly kind: KeypadKind;
  readonly value: string;
  readonly maxLength: number;
  readonly set: (value: string) => void;
}

export function keypadOf(field: LeafField): { readonly kind: KeypadKind; readonly maxLength: number } {
  switch (field.type) {
    case 'idNumber':
      return { kind: 'digits', maxLength: 12 };
    case 'phone':
      return { kind: 'digits', maxLength: 11 };
    case 'date':
      return { kind: 'digits', maxLength: 8 };
    case 'email':
      return { kind: 'email', maxLength: 254 };
    case 'text':
      return { kind: 'telex', maxLength: field.maxLength };
    default:
      return { kind: 'telex', maxLength: 200 };
  }
}

function isAddress(value: unknown): value is AddressValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'province' in value;
}

export function asAddress(value: unknown): AddressValue {
  if (!isAddress(value)) return { province: '', ward: '', street: '' };
  return value;
}

/** The text of a value in the read-only rendering (option labels, addresses joined). Empty when absent. */
export function displayValue(field: EFormField, value: unknown, lang: Language): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.type === 'select') {
    const option = field.options.find((o) => o.value === value);
    return option ? option.label[lang] : String(value);
  }
  if (field.type === 'address') {
    const a = asAddress(value);
    return [a.street, a.ward, a.district, a.province].filter((p) => typeof p === 'string' && p.trim() !== '').join(', ');
  }
  return typeof value === 'string' ? value : '';
}

/** Whether a field still holds the value read from the card (then it is marked "Từ thẻ CCCD"). */
export function isFromCard(prefill: Readonly<Record<string, unknown>>, id: string, value: unknown): boolean {
  const card = prefill[id];
  if (card === undefined || value === undefined) return false;
  return JSON.stringify(card) === JSON.stringify(value);
}

/** Whether two drafts differ in anything the server would keep (the kiosk re-creates its draft then). */
export function sameDraft(a: FormDraft, b: FormDraft): boolean {
  const norm = (d: FormDraft): string => JSON.stringify(d, Object.keys(flattenKeys(d)).sort());
  return norm(a) === norm(b);
}

function flattenKeys(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) for (const v of value) flattenKeys(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out[k] = true;
      flattenKeys(v, out);
    }
  }
  return out;
}
