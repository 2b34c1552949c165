/**
 * Passive authentication (ICAO 9303-11 §5.1, spec §3.2):
 *   1. every data group read hashes to its value in the SOD (whole file: tag, length, value);
 *   2. messageDigest = hash(eContent), and the document signer's signature over the signed attributes;
 *   3. the document signer certificate is issued and signed by a CSCA of the trust store.
 * Result: verified (1–3), chain_untrusted (1–2 hold, no trusted CSCA), failed (1 or 2 wrong).
 */
import { X509Certificate, createHash, verify, constants } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bytesEqual } from './bytes.ts';
import { CardParseError } from './errors.ts';
import { type Sod, parseSod } from './lds/sod.ts';

export type PassiveAuthenticationStatus = 'verified' | 'chain_untrusted' | 'failed';

export interface PassiveAuthenticationResult {
  readonly status: PassiveAuthenticationStatus;
  /** Data groups whose hash matched, and those that did not (or are missing from the SOD). */
  readonly hashesValid: readonly number[];
  readonly hashesInvalid: readonly number[];
  readonly signatureValid: boolean;
  /** Subject of the CSCA that issued the document signer, when one was found. */
  readonly csca: string | null;
  /** English reason when the status is not verified. */
  readonly reason: string | null;
}

/** Signature OIDs → hash for node:crypto verify (RSA PKCS#1 v1.5, RSA-PSS, ECDSA). */
const SIGNATURE_HASH: ReadonlyMap<string, string | 'digest'> = new Map([
  ['1.2.840.113549.1.1.1', 'digest'],
  ['1.2.840.113549.1.1.5', 'sha1'],
  ['1.2.840.113549.1.1.14', 'sha224'],
  ['1.2.840.113549.1.1.11', 'sha256'],
  ['1.2.840.113549.1.1.12', 'sha384'],
  ['1.2.840.113549.1.1.13', 'sha512'],
  ['1.2.840.113549.1.1.10', 'digest'],
  ['1.2.840.10045.4.1', 'sha1'],
  ['1.2.840.10045.4.3.1', 'sha224'],
  ['1.2.840.10045.4.3.2', 'sha256'],
  ['1.2.840.10045.4.3.3', 'sha384'],
  ['1.2.840.10045.4.3.4', 'sha512'],
]);
const RSA_PSS = '1.2.840.113549.1.1.10';

/** Loads every certificate (.pem, .crt, .cer, .der) of a folder; PEM files may hold several. */
export function loadTrustStore(folder: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!/\.(pem|crt|cer|der)$/i.test(name)) continue;
    const data = readFileSync(join(folder, name));
    const text = data.toString('latin1');
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    try {
      if (pems !== null) for (const pem of pems) out.push(new X509Certificate(pem));
      else out.push(new X509Certificate(data));
    } catch (e) {
      throw new Error(`trust store: ${name} is not a certificate (${(e as Error).message})`);
    }
  }
  return out;
}

function signatureValid(sod: Sod, dsc: X509Certificate): boolean {
  const hash = SIGNATURE_HASH.get(sod.signatureAlgorithm);
  if (hash === undefined) return false;
  const algorithm = hash === 'digest' ? sod.digestAlgorithm : hash;
  const key =
    sod.signatureAlgorithm === RSA_PSS
      ? { key: dsc.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }
      : dsc.publicKey;
  try {
    return verify(algorithm, sod.signedAttributes, key, sod.signature);
  } catch {
    return false;
  }
}

/** Whether `csca` issued and signed `dsc`; a certificate whose key cannot be used is simply not the issuer. */
function issuedBy(dsc: X509Certificate, csca: X509Certificate): boolean {
  try {
    return dsc.checkIssued(csca) && dsc.verify(csca.publicKey);
  } catch {
    return false;
  }
}

/**
 * Checks the data groups read (number → complete file bytes) against the SOD bytes.
 * A malformed SOD is a failure, not an exception.
 */
export function passiveAuthentication(
  sodBytes: Uint8Array,
  dataGroups: ReadonlyMap<number, Uint8Array>,
  trustStore: readonly X509Certificate[],
): PassiveAuthenticationResult {
  let sod: Sod;
  try {
    sod = parseSod(sodBytes);
  } catch (e) {
    if (!(e instanceof CardParseError)) throw e;
    return {
      status: 'failed',
      hashesValid: [],
      hashesInvalid: [...dataGroups.keys()],
      signatureValid: false,
      csca: null,
      reason: `malformed EF.SOD: ${e.message}`,
    };
  }
  const hashesValid: number[] = [];
  const hashesInvalid: number[] = [];
  for (const [n, bytes] of [...dataGroups].sort((a, b) => a[0] - b[0])) {
    const expected = sod.dataGroupHashes.get(n);
    const actual = new Uint8Array(createHash(sod.hashAlgorithm).update(bytes).digest());
    (expected !== undefined && bytesEqual(expected, actual) ? hashesValid : hashesInvalid).push(n);
  }
  const digestOk = bytesEqual(new Uint8Array(createHash(sod.digestAlgorithm).update(sod.eContent).digest()), sod.messageDigest);
  const dscDer = sod.certificates[0];
  let dsc: X509Certificate | null = null;
  try {
    dsc = dscDer === undefined ? null : new X509Certificate(dscDer);
  } catch {
    dsc = null;
  }
  const sigOk = digestOk && dsc !== null && signatureValid(sod, dsc);
  const base = { hashesValid, hashesInvalid, signatureValid: sigOk };
  if (hashesInvalid.length > 0) return { ...base, status: 'failed', csca: null, reason: `hash mismatch for data group(s) ${hashesInvalid.join(', ')}` };
  if (!sigOk || dsc === null)
    return {
      ...base,
      status: 'failed',
      csca: null,
      reason: dsc === null ? 'EF.SOD carries no readable document signer certificate' : 'document signer signature is invalid',
    };
  const csca = trustStore.find((c) => issuedBy(dsc, c));
  if (csca === undefined) return { ...base, status: 'chain_untrusted', csca: null, reason: 'no CSCA in the trust store issued the document signer' };
  return { ...base, status: 'verified', csca: csca.subject.replace(/\n/g, ', '), reason: null };
}
