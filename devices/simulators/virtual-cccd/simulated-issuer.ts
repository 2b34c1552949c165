/**
 * The issuing authority of simulated cards (`sim:card`): a CSCA and a document signer generated
 * in memory when the simulator starts (ECDSA P-256, X.509 v3 built with the LDS DER writer), so a
 * simulated card's EF.SOD passes passive authentication against the simulator's own CSCA and
 * nothing else. No key is stored anywhere; every start is a new authority. Made-up material only.
 *
 * Certificates (RFC 5280 §4.1): tbsCertificate { [0] v3, serial, ecdsa-with-SHA256, issuer,
 * validity (UTCTime), subject, subjectPublicKeyInfo, [3] extensions }, then the algorithm and the
 * DER ECDSA signature as a BIT STRING. The CSCA carries basicConstraints CA and keyCertSign; the
 * document signer digitalSignature (ICAO 9303-12 §7.1).
 */
import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { ascii, concat } from '../../card-reader/bytes.ts';
import { encodeOid, tlv } from '../../card-reader/lds/ber.ts';
import type { DocumentSigner } from './personalisation.ts';

export interface SimulatedIssuer {
  /** The trust anchor a card reader service needs to call a simulated card verified. */
  readonly csca: X509Certificate;
  readonly signer: DocumentSigner;
}

const ECDSA_SHA256 = tlv(0x30, encodeOid('1.2.840.10045.4.3.2'));
const YEAR_MS = 365 * 86_400_000;

/** A placeholder face for DG2 (48×64 grey silhouette, baseline JPEG); simulated cards carry no one's photo. */
export const PLACEHOLDER_FACE = {
  jpeg: new Uint8Array(
    Buffer.from(
      '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//wAALCABAADABAREA/8QAGgAAAgMBAQAAAAAAAAAAAAAAAAUCAwYBBP/EAC0QAAEDAwEFBgcAAAAAAAAAAAEAAgMEERJBBQYTITEiUWFxkcEjQnKB0fDx/9oACAEBAAA/ANpkjJGSMkZIyVGSMkpq94qWB5ZE107hq02b6qum3lppXBs8Tob63yATlsjXtDmuDmkXBB5FdyVOSVbw1boaERMNnTGx+nX2WWQtDu1VuLJKVxuGdpngNf3xT3JU5JTvDCZaVkrRfhO5+R/gWdQne7kJDpagjlbBp79T7J7kqclxxDmlrgCCLEHVKKnYrXOLqeTEH5XdPVQg2IcgaiUW7ma/dOYmsijbHG0Na0WAClkqckZIyRkjJGSpyXgrdo8JxjhsXjq49Alkk80pPEkc6+hPJRZLJGfhyOb5FMqPabi4R1GvR/5TLJeWebhwPeOoHLzSMm5ueqEITiimMlM3I3LeRX//2Q==',
      'base64',
    ),
  ),
  width: 48,
  height: 64,
} as const;

function name(commonName: string): Uint8Array {
  const rdn = (oid: string, value: Uint8Array): Uint8Array => tlv(0x31, tlv(0x30, encodeOid(oid), value));
  return tlv(0x30, rdn('2.5.4.6', tlv(0x13, ascii('VN'))), rdn('2.5.4.10', tlv(0x0c, ascii('Simulated Issuer'))), rdn('2.5.4.3', tlv(0x0c, ascii(commonName))));
}

function utcTime(epochMs: number): Uint8Array {
  const iso = new Date(epochMs).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return tlv(0x17, ascii(`${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`));
}

function keyIdentifier(spki: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(spki).digest());
}

interface CertificateSpec {
  readonly subject: string;
  readonly issuer: string;
  readonly publicKey: KeyObject;
  readonly issuerPublicKey: KeyObject;
  readonly signingKey: KeyObject;
  readonly ca: boolean;
  readonly now: number;
}

function certificate(spec: CertificateSpec): X509Certificate {
  const spki = new Uint8Array(spec.publicKey.export({ type: 'spki', format: 'der' }));
  const issuerSpki = new Uint8Array(spec.issuerPublicKey.export({ type: 'spki', format: 'der' }));
  const serial = new Uint8Array(randomBytes(16));
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, and minimal DER: the first byte is never 0
  const extension = (oid: string, critical: boolean, value: Uint8Array): Uint8Array =>
    tlv(0x30, encodeOid(oid), ...(critical ? [Uint8Array.of(0x01, 0x01, 0xff)] : []), tlv(0x04, value));
  // keyUsage bits: digitalSignature (bit 0) for the signer, keyCertSign (bit 5) for the CSCA.
  const keyUsage = spec.ca ? Uint8Array.of(0x03, 0x02, 0x02, 0x04) : Uint8Array.of(0x03, 0x02, 0x07, 0x80);
  const extensions = [
    extension('2.5.29.15', true, keyUsage),
    ...(spec.ca ? [extension('2.5.29.19', true, tlv(0x30, Uint8Array.of(0x01, 0x01, 0xff)))] : []),
    extension('2.5.29.14', false, tlv(0x04, keyIdentifier(spki))),
    extension('2.5.29.35', false, tlv(0x30, tlv(0x80, keyIdentifier(issuerSpki)))),
  ];
  const tbs = tlv(
    0x30,
    tlv(0xa0, Uint8Array.of(0x02, 0x01, 0x02)),
    tlv(0x02, serial),
    ECDSA_SHA256,
    name(spec.issuer),
    tlv(0x30, utcTime(spec.now - 86_400_000), utcTime(spec.now + 10 * YEAR_MS)),
    name(spec.subject),
    spki,
    tlv(0xa3, tlv(0x30, ...extensions)),
  );
  const signature = new Uint8Array(sign('sha256', tbs, spec.signingKey));
  return new X509Certificate(Buffer.from(tlv(0x30, tbs, ECDSA_SHA256, tlv(0x03, concat(Uint8Array.of(0), signature)))));
}

/** A fresh CSCA and a document signer issued by it. */
export function createSimulatedIssuer(now: number = Date.now()): SimulatedIssuer {
  const csca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const dsc = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const cscaName = 'CSCA Simulated CCCD';
  const cscaCert = certificate({
    subject: cscaName,
    issuer: cscaName,
    publicKey: csca.publicKey,
    issuerPublicKey: csca.publicKey,
    signingKey: csca.privateKey,
    ca: true,
    now,
  });
  const dscCert = certificate({
    subject: 'Document Signer Simulated CCCD',
    issuer: cscaName,
    publicKey: dsc.publicKey,
    issuerPublicKey: csca.publicKey,
    signingKey: csca.privateKey,
    ca: false,
    now,
  });
  return {
    csca: cscaCert,
    signer: { certificatePem: dscCert.toString(), privateKeyPem: dsc.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  };
}
