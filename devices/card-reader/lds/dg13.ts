/**
 * DG13 of the Vietnamese CCCD (spec §4.6): 6D { 30 { INTEGER 1, OID 1.0.10646.1.0.8 (UTF-8),
 * SET { 30 { INTEGER n, value } … } } }, fields keyed by n (any may be missing, order free).
 * Text is decoded as UTF-8 (0C) or ASCII (13) and normalised to NFC.
 * Privacy: ethnicity (6) and religion (7) are dropped unless the caller asks for them.
 */
import { CardParseError } from '../errors.ts';
import { type Tlv, children, decodeOid, decodeSmallInteger, expectTlv } from './ber.ts';

export const DG13_ENCODING_OID = '1.0.10646.1.0.8';

export interface Dg13 {
  readonly idNumber: string | null;
  readonly fullName: string | null;
  /** dd/mm/yyyy */
  readonly dateOfBirth: string | null;
  readonly sex: string | null;
  readonly nationality: string | null;
  /** Only when includeSensitive. */
  readonly ethnicity: string | null;
  /** Only when includeSensitive. */
  readonly religion: string | null;
  readonly placeOfOrigin: string | null;
  readonly placeOfResidence: string | null;
  readonly identifyingMarks: string | null;
  readonly dateOfIssue: string | null;
  readonly dateOfExpiry: string | null;
  readonly fatherName: string | null;
  readonly motherName: string | null;
  readonly spouseName: string | null;
  readonly oldIdNumber: string | null;
}

export interface Dg13Options {
  /** Keep ethnicity and religion (off by default). */
  readonly includeSensitive?: boolean;
}

function text(t: Tlv, n: number): string {
  if (t.tag !== 0x0c && t.tag !== 0x13) throw new CardParseError('DG13', `field ${n}: expected a string, found tag ${t.tag.toString(16)}`);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(t.value).normalize('NFC').trim();
  } catch {
    throw new CardParseError('DG13', `field ${n}: not valid UTF-8`);
  }
}

/** Strings found in a (possibly nested) value: field 13 is 30 { 30 { 0C father } 30 { 0C mother } }. */
function strings(t: Tlv, n: number, depth = 0): string[] {
  if (t.tag === 0x0c || t.tag === 0x13) return [text(t, n)];
  if (t.tag === 0x30 && depth < 3) return children(t, 'DG13').flatMap((c) => strings(c, n, depth + 1));
  if (t.tag === 0x02) return [];
  throw new CardParseError('DG13', `field ${n}: unexpected tag ${t.tag.toString(16)}`);
}

export function parseDg13(bytes: Uint8Array, options: Dg13Options = {}): Dg13 {
  const body = children(expectTlv(bytes, 0x6d, 'DG13'), 'DG13');
  const seq = body[0];
  if (seq === undefined || seq.tag !== 0x30 || body.length !== 1) throw new CardParseError('DG13', 'expected one SEQUENCE');
  const [version, oid, set] = children(seq, 'DG13');
  if (version === undefined || decodeSmallInteger(version, 'DG13') !== 1) throw new CardParseError('DG13', 'version is not 1');
  if (oid === undefined || oid.tag !== 0x06 || decodeOid(oid.value) !== DG13_ENCODING_OID) throw new CardParseError('DG13', 'unknown encoding OID');
  if (set === undefined || set.tag !== 0x31) throw new CardParseError('DG13', 'missing SET of fields');
  const fields = new Map<number, string[]>();
  for (const field of children(set, 'DG13')) {
    if (field.tag !== 0x30) throw new CardParseError('DG13', 'field is not a SEQUENCE');
    const [number, ...values] = children(field, 'DG13');
    if (number === undefined) throw new CardParseError('DG13', 'empty field');
    const n = decodeSmallInteger(number, 'DG13');
    if (fields.has(n)) throw new CardParseError('DG13', `field ${n} appears twice`);
    fields.set(
      n,
      values.flatMap((v) => strings(v, n)),
    );
  }
  const one = (n: number): string | null => {
    const v = fields.get(n)?.[0];
    return v === undefined || v === '' ? null : v;
  };
  const sensitive = options.includeSensitive === true;
  return {
    idNumber: one(1),
    fullName: one(2),
    dateOfBirth: one(3),
    sex: one(4),
    nationality: one(5),
    ethnicity: sensitive ? one(6) : null,
    religion: sensitive ? one(7) : null,
    placeOfOrigin: one(8),
    placeOfResidence: one(9),
    identifyingMarks: one(10),
    dateOfIssue: one(11),
    dateOfExpiry: one(12),
    fatherName: fields.get(13)?.[0] ?? null,
    motherName: fields.get(13)?.[1] ?? null,
    spouseName: one(14),
    oldIdNumber: one(15),
  };
}
