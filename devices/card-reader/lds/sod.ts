/**
 * EF.SOD (ICAO 9303-10 §4.6.2): 77 { ContentInfo(id-signedData) { SignedData {
 *   version, digestAlgorithms, encapContentInfo { id-icao-ldsSecurityObject, [0] OCTET STRING },
 *   [0] certificates, signerInfos { version, sid, digestAlgorithm, [0] signedAttrs,
 *   signatureAlgorithm, signature } } } }
 * LDSSecurityObject { version, hashAlgorithm, SEQUENCE OF { dataGroupNumber, hash } [, ldsVersionInfo] }.
 * Pure DER walking: the signature and the chain are checked in passive-authentication.ts.
 */
import { CardParseError } from '../errors.ts';
import { type Tlv, child, children, decodeOid, decodeSmallInteger, expectTlv, readTlv } from './ber.ts';

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const OID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
export const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/** Digest OIDs → node:crypto names. */
export const HASH_OIDS: ReadonlyMap<string, string> = new Map([
  ['1.3.14.3.2.26', 'sha1'],
  ['2.16.840.1.101.3.4.2.4', 'sha224'],
  ['2.16.840.1.101.3.4.2.1', 'sha256'],
  ['2.16.840.1.101.3.4.2.2', 'sha384'],
  ['2.16.840.1.101.3.4.2.3', 'sha512'],
]);

export interface Sod {
  /** node:crypto name of the LDS hash algorithm. */
  readonly hashAlgorithm: string;
  readonly dataGroupHashes: ReadonlyMap<number, Uint8Array>;
  /** DER LDSSecurityObject (what messageDigest covers). */
  readonly eContent: Uint8Array;
  readonly digestAlgorithm: string;
  /** DER of the signed attributes re-tagged as SET (31), the bytes the signature covers. */
  readonly signedAttributes: Uint8Array;
  readonly messageDigest: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /** DER certificates embedded in SignedData (the document signer). */
  readonly certificates: readonly Uint8Array[];
}

function oidOf(t: Tlv | undefined, what: string): string {
  if (t === undefined || t.tag !== 0x06) throw new CardParseError('EF.SOD', `${what}: expected an OID`);
  return decodeOid(t.value);
}

function hashName(algorithmIdentifier: Tlv, what: string): string {
  const oid = oidOf(children(algorithmIdentifier, 'EF.SOD')[0], what);
  const name = HASH_OIDS.get(oid);
  if (name === undefined) throw new CardParseError('EF.SOD', `${what}: unsupported hash algorithm ${oid}`);
  return name;
}

export function parseLdsSecurityObject(der: Uint8Array): { hashAlgorithm: string; dataGroupHashes: Map<number, Uint8Array> } {
  const items = children(expectTlv(der, 0x30, 'LDSSecurityObject'), 'LDSSecurityObject');
  const version = decodeSmallInteger(child(items, 0, 0x02, 'LDSSecurityObject'), 'LDSSecurityObject');
  if (version > 1) throw new CardParseError('LDSSecurityObject', `unknown version ${version}`);
  const hashAlgorithm = hashName(child(items, 1, 0x30, 'LDSSecurityObject'), 'hashAlgorithm');
  const dataGroupHashes = new Map<number, Uint8Array>();
  for (const entry of children(child(items, 2, 0x30, 'LDSSecurityObject'), 'LDSSecurityObject')) {
    const parts = children(entry, 'LDSSecurityObject');
    const n = decodeSmallInteger(child(parts, 0, 0x02, 'DataGroupHash'), 'DataGroupHash');
    if (n < 1 || n > 16) throw new CardParseError('LDSSecurityObject', `data-group number ${n} out of range`);
    if (dataGroupHashes.has(n)) throw new CardParseError('LDSSecurityObject', `data group ${n} hashed twice`);
    dataGroupHashes.set(n, Uint8Array.from(child(parts, 1, 0x04, 'DataGroupHash').value));
  }
  return { hashAlgorithm, dataGroupHashes };
}

export function parseSod(bytes: Uint8Array): Sod {
  const contentInfo = children(expectTlv(bytes, 0x77, 'EF.SOD'), 'EF.SOD');
  const ci = children(child(contentInfo, 0, 0x30, 'EF.SOD'), 'EF.SOD');
  if (oidOf(ci[0], 'contentType') !== OID_SIGNED_DATA) throw new CardParseError('EF.SOD', 'content is not SignedData');
  const signedData = children(child(children(child(ci, 1, 0xa0, 'EF.SOD'), 'EF.SOD'), 0, 0x30, 'SignedData'), 'SignedData');
  const encap = children(child(signedData, 2, 0x30, 'SignedData'), 'encapContentInfo');
  if (oidOf(encap[0], 'eContentType') !== OID_LDS_SECURITY_OBJECT) throw new CardParseError('EF.SOD', 'eContent is not an LDSSecurityObject');
  const eContent = child(children(child(encap, 1, 0xa0, 'encapContentInfo'), 'encapContentInfo'), 0, 0x04, 'eContent').value;
  const lds = parseLdsSecurityObject(eContent);

  let index = 3;
  const certificates: Uint8Array[] = [];
  if (signedData[index]?.tag === 0xa0) {
    for (const cert of children(signedData[index]!, 'certificates')) if (cert.tag === 0x30) certificates.push(Uint8Array.from(cert.raw));
    index++;
  }
  if (signedData[index]?.tag === 0xa1) index++;
  const signerInfos = children(child(signedData, index, 0x31, 'SignedData'), 'signerInfos');
  const si = children(child(signerInfos, 0, 0x30, 'signerInfos'), 'SignerInfo');
  const digestAlgorithm = hashName(child(si, 2, 0x30, 'SignerInfo'), 'digestAlgorithm');
  const attrs = child(si, 3, 0xa0, 'SignerInfo');
  let messageDigest: Uint8Array | null = null;
  for (const attr of children(attrs, 'signedAttrs')) {
    const [type, values] = children(attr, 'signedAttrs');
    if (oidOf(type, 'attribute') === OID_MESSAGE_DIGEST) {
      if (values === undefined || values.tag !== 0x31) throw new CardParseError('EF.SOD', 'messageDigest without a value');
      messageDigest = Uint8Array.from(readTlv(values.value).value);
    }
  }
  if (messageDigest === null) throw new CardParseError('EF.SOD', 'signed attributes lack messageDigest');
  const signedAttributes = Uint8Array.from(attrs.raw);
  signedAttributes[0] = 0x31;
  const signatureAlgorithm = oidOf(children(child(si, 4, 0x30, 'SignerInfo'), 'SignerInfo')[0], 'signatureAlgorithm');
  const signature = Uint8Array.from(child(si, 5, 0x04, 'SignerInfo').value);
  return { ...lds, eContent: Uint8Array.from(eContent), digestAlgorithm, signedAttributes, messageDigest, signatureAlgorithm, signature, certificates };
}
