/**
 * Builds the LDS files of a virtual CCCD (EF.COM, DG1, DG2, DG13, EF.SOD, EF.CardAccess) the way
 * a card issuer would, including an EF.SOD signed by a document signer key (ECDSA or RSA, from PEM).
 * Layouts: ICAO 9303-10 (COM, DG1, DG2, SOD) and spec §4.6 (DG13).
 */
import { X509Certificate, createHash, sign } from 'node:crypto';
import { ascii, concat } from '../../card-reader/bytes.ts';
import { child, children, encodeInteger, encodeOid, expectTlv, tlv } from '../../card-reader/lds/ber.ts';
import { VN_CCCD_CARD_ACCESS } from '../../card-reader/lds/card-access.ts';
import { DG13_ENCODING_OID } from '../../card-reader/lds/dg13.ts';
import { OID_CONTENT_TYPE, OID_LDS_SECURITY_OBJECT, OID_MESSAGE_DIGEST, OID_SIGNED_DATA } from '../../card-reader/lds/sod.ts';
import { checkDigit } from '../../card-reader/mrz/check-digit.ts';
import type { Citizen } from './citizen.ts';

export interface DocumentSigner {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export interface CardFiles {
  readonly cardAccess: Uint8Array;
  readonly com: Uint8Array;
  readonly dg1: Uint8Array;
  readonly dg2: Uint8Array;
  readonly dg13: Uint8Array;
  readonly sod: Uint8Array;
}

/** dd/mm/yyyy → YYMMDD; "Không thời hạn" (no expiry) → 991231. */
export function mrzDate(ddmmyyyy: string): string {
  const m = /^(\d{2})\/(\d{2})\/\d{2}(\d{2})$/.exec(ddmmyyyy);
  if (m === null) return '991231';
  return `${m[3]}${m[2]}${m[1]}`;
}

/** TD1 MRZ of a CCCD (spec §4.2), three lines of 30. */
export function cccdMrz(c: Citizen): [string, string, string] {
  const doc = c.idNumber.slice(3);
  const l1 = `IDVNM${doc}${checkDigit(doc)}${c.idNumber}<<${checkDigit(c.idNumber)}`;
  const dob = mrzDate(c.dateOfBirth);
  const doe = mrzDate(c.dateOfExpiry);
  const l2head = `${dob}${checkDigit(dob)}${c.sex === 'Nam' ? 'M' : 'F'}${doe}${checkDigit(doe)}VNM${'<'.repeat(11)}`;
  const composite = checkDigit(l1.slice(5, 30) + l2head.slice(0, 7) + l2head.slice(8, 15) + l2head.slice(18, 29));
  const name = `${c.mrzSurname}<<${c.mrzGivenNames.replace(/ /g, '<')}`.slice(0, 30).padEnd(30, '<');
  return [l1, `${l2head}${composite}`, name];
}

export function buildDg1(c: Citizen): Uint8Array {
  return tlv(0x61, tlv(0x5f1f, ascii(cccdMrz(c).join(''))));
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s.normalize('NFC'));

export function buildDg13(c: Citizen): Uint8Array {
  const field = (n: number, ...value: Uint8Array[]): Uint8Array => tlv(0x30, encodeInteger(n), ...value);
  const printable = (s: string): Uint8Array => tlv(0x13, ascii(s));
  const text = (s: string): Uint8Array => tlv(0x0c, utf8(s));
  const fields = [
    field(1, printable(c.idNumber)),
    field(2, text(c.fullName)),
    field(3, printable(c.dateOfBirth)),
    field(4, text(c.sex)),
    field(5, text(c.nationality)),
    field(6, text(c.ethnicity)),
    field(7, text(c.religion)),
    field(8, text(c.placeOfOrigin)),
    field(9, text(c.placeOfResidence)),
    field(10, text(c.identifyingMarks)),
    field(11, printable(c.dateOfIssue)),
    field(12, text(c.dateOfExpiry)),
    field(13, tlv(0x30, text(c.fatherName)), tlv(0x30, text(c.motherName))),
    c.spouseName === null ? field(14) : field(14, tlv(0x30, text(c.spouseName))),
    ...(c.oldIdNumber === null ? [] : [field(15, printable(c.oldIdNumber))]),
  ];
  return tlv(0x6d, tlv(0x30, encodeInteger(1), encodeOid(DG13_ENCODING_OID), tlv(0x31, ...fields)));
}

/** DG2 with one ISO 19794-5 facial record holding a JPEG (see devices/card-reader/lds/dg2.ts for the layout). */
export function buildDg2(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const u16 = (v: number): Uint8Array => Uint8Array.of(v >> 8, v & 0xff);
  const u32 = (v: number): Uint8Array => Uint8Array.of(v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  const imageInfo = concat(Uint8Array.of(1, 0), u16(width), u16(height), Uint8Array.of(1, 2), u16(0), u16(0));
  const faceLength = 20 + imageInfo.length + jpeg.length;
  const faceHeader = concat(u32(faceLength), u16(0), Uint8Array.of(1, 0, 0), new Uint8Array(3), u16(0), new Uint8Array(6));
  const record = concat(ascii('FAC\0'), ascii('010\0'), u32(14 + faceLength), u16(1), faceHeader, imageInfo, jpeg);
  const header = tlv(0xa1, tlv(0x80, Uint8Array.of(1, 1)), tlv(0x87, Uint8Array.of(1, 1)), tlv(0x88, Uint8Array.of(0, 8)));
  return tlv(0x75, tlv(0x7f61, tlv(0x02, Uint8Array.of(1)), tlv(0x7f60, header, tlv(0x5f2e, record))));
}

export function buildCom(dataGroupTags: readonly number[]): Uint8Array {
  return tlv(0x60, tlv(0x5f01, ascii('0107')), tlv(0x5f36, ascii('040000')), tlv(0x5c, Uint8Array.from(dataGroupTags)));
}

const SHA256 = '2.16.840.1.101.3.4.2.1';

/** EF.SOD over the given data groups (number → file bytes), SHA-256, signed by the document signer. */
export function buildSod(dataGroups: ReadonlyMap<number, Uint8Array>, signer: DocumentSigner): Uint8Array {
  const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());
  const algorithm = tlv(0x30, encodeOid(SHA256), Uint8Array.of(0x05, 0x00));
  const hashes = [...dataGroups].sort((a, b) => a[0] - b[0]).map(([n, bytes]) => tlv(0x30, encodeInteger(n), tlv(0x04, sha256(bytes))));
  const eContent = tlv(0x30, encodeInteger(0), algorithm, tlv(0x30, ...hashes));
  const attributes = concat(
    tlv(0x30, encodeOid(OID_CONTENT_TYPE), tlv(0x31, encodeOid(OID_LDS_SECURITY_OBJECT))),
    tlv(0x30, encodeOid(OID_MESSAGE_DIGEST), tlv(0x31, tlv(0x04, sha256(eContent)))),
  );
  const signature = new Uint8Array(sign('sha256', tlv(0x31, attributes), signer.privateKeyPem));
  const cert = new X509Certificate(signer.certificatePem);
  const certDer = new Uint8Array(cert.raw);
  const tbs = children(child(children(expectTlv(certDer, 0x30, 'certificate'), 'certificate'), 0, 0x30, 'certificate'), 'certificate');
  const offset = tbs[0]?.tag === 0xa0 ? 1 : 0;
  const serial = child(tbs, offset, 0x02, 'certificate').raw;
  const issuer = child(tbs, offset + 2, 0x30, 'certificate').raw;
  const signatureAlgorithm =
    cert.publicKey.asymmetricKeyType === 'ec'
      ? tlv(0x30, encodeOid('1.2.840.10045.4.3.2'))
      : tlv(0x30, encodeOid('1.2.840.113549.1.1.11'), Uint8Array.of(0x05, 0x00));
  const signerInfo = tlv(0x30, encodeInteger(1), tlv(0x30, issuer, serial), algorithm, tlv(0xa0, attributes), signatureAlgorithm, tlv(0x04, signature));
  const signedData = tlv(
    0x30,
    encodeInteger(3),
    tlv(0x31, algorithm),
    tlv(0x30, encodeOid(OID_LDS_SECURITY_OBJECT), tlv(0xa0, tlv(0x04, eContent))),
    tlv(0xa0, certDer),
    tlv(0x31, signerInfo),
  );
  return tlv(0x77, tlv(0x30, encodeOid(OID_SIGNED_DATA), tlv(0xa0, signedData)));
}

export interface PersonaliseOptions {
  readonly signer: DocumentSigner;
  /** JPEG of the face and its size in pixels. */
  readonly photo: { readonly jpeg: Uint8Array; readonly width: number; readonly height: number };
}

export function personalise(c: Citizen, options: PersonaliseOptions): CardFiles {
  const dg1 = buildDg1(c);
  const dg2 = buildDg2(options.photo.jpeg, options.photo.width, options.photo.height);
  const dg13 = buildDg13(c);
  return {
    cardAccess: VN_CCCD_CARD_ACCESS,
    com: buildCom([0x61, 0x75, 0x6d]),
    dg1,
    dg2,
    dg13,
    sod: buildSod(
      new Map([
        [1, dg1],
        [2, dg2],
        [13, dg13],
      ]),
      options.signer,
    ),
  };
}
