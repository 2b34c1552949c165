/**
 * SECURITY-SENSITIVE. The terminal's trust in the hall server: the hall's CA (or the top of the
 * hall's own chain) is pinned at pairing by its SHA-256 fingerprint, which the installer copies
 * from `enroll` or the dashboard into the terminal's configuration (`hallCaFingerprint`). A chain
 * is accepted only when it leads, signature by signature, from a server certificate valid now and
 * naming the host to that pinned certificate; no other certificate authority counts, not even the
 * operating system's.
 *
 * `hallCertificateVerdict` is the decision (pure: chain in, verdict out), used by the Electron
 * shell's certificate verifier; Node clients (the device host, the Electron main process's own
 * requests) use hall-connection.ts, which pins the same certificate through OpenSSL.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** A fingerprint as typed by a person (any case, spaces or colons) reduced to 64 lower-case hex digits, or null. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** `AB:CD:…`: the grouping `enroll` and the dashboard show. */
export function groupedFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

export type CertificateVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

export interface ChainInput {
  /** The host the client connected to (name or IP address). */
  readonly host: string;
  /** PEM or DER certificates as the server sent them: the server certificate first. */
  readonly chain: readonly (string | Buffer)[];
  /** The pinned fingerprint (normalizeFingerprint form). */
  readonly pin: string;
  readonly now: Date;
}

function fingerprintOf(cert: X509Certificate): string {
  return cert.fingerprint256.replace(/:/g, '').toLowerCase();
}

/** Trusted only when the chain reaches the pinned certificate through valid signatures and the server certificate fits host and time. */
export function hallCertificateVerdict(input: ChainInput): CertificateVerdict {
  let certs: X509Certificate[];
  try {
    certs = input.chain.map((c) => new X509Certificate(c));
  } catch {
    return { trusted: false, reason: 'a certificate of the chain does not parse' };
  }
  const leaf = certs[0];
  if (leaf === undefined) return { trusted: false, reason: 'no certificate' };
  const anchor = certs.findIndex((c) => fingerprintOf(c) === input.pin);
  if (anchor < 0) return { trusted: false, reason: 'the chain does not reach the pinned hall CA' };
  for (let i = 0; i < anchor; i++) {
    const child = certs[i] as X509Certificate;
    const parent = certs[i + 1] as X509Certificate;
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey))
      return { trusted: false, reason: 'a certificate of the chain is not signed by the next one' };
    if (!parent.ca) return { trusted: false, reason: 'an issuer of the chain is not a CA' };
  }
  const time = input.now.getTime();
  for (const cert of certs.slice(0, anchor + 1)) {
    if (time < new Date(cert.validFrom).getTime() || time > new Date(cert.validTo).getTime())
      return { trusted: false, reason: 'a certificate of the chain is expired or not yet valid' };
  }
  const host = input.host.replace(/^\[|\]$/g, '');
  const names = isIP(host) ? leaf.checkIP(host) : leaf.checkHost(host);
  if (names === undefined) return { trusted: false, reason: `the server certificate does not name ${host}` };
  return { trusted: true };
}
