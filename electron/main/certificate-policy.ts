/**
 * SECURITY-SENSITIVE. The Electron shell's certificate decision, for session.setCertificateVerifyProc:
 * the role window talks to its hall only, so every certificate is judged against the hall CA pinned
 * at pairing (devices/terminal/hall-certificate.ts), never against the operating system's CAs:
 *   - the hall's host: trusted only when the chain reaches the pinned CA (0), refused otherwise (-2);
 *   - any other host, or no pin (an http hall): refused (-2).
 * Chromium's own verdict is not consulted: it would accept any publicly trusted certificate for
 * the host, and refuse the hall CA, which no system trusts.
 */
import { hallCertificateVerdict, normalizeFingerprint } from '../../devices/terminal/hall-certificate.ts';

/** The part of Electron's Certificate the decision reads: PEM data and the issuer chain. */
export interface ChainCertificate {
  readonly data: string;
  readonly issuerCert?: ChainCertificate | null;
}

export interface CertificateRequest {
  readonly hostname: string;
  readonly certificate: ChainCertificate;
}

/** Chromium's answers to a verify procedure: 0 trusts, -2 refuses (net::ERR_FAILED). */
export const TRUST = 0;
export const REFUSE = -2;

function chainOf(certificate: ChainCertificate): string[] {
  const out: string[] = [];
  let cert: ChainCertificate | null | undefined = certificate;
  while (cert && out.length < 8 && !out.includes(cert.data)) {
    out.push(cert.data);
    cert = cert.issuerCert;
  }
  return out;
}

/** The verify procedure's answer for one request (pure: the clock comes in). */
export function certificateDecision(
  request: CertificateRequest,
  hall: { readonly origin: string; readonly caFingerprint: string | null },
  now: Date,
): { code: number; reason: string | null } {
  const url = new URL(hall.origin);
  const pin = hall.caFingerprint === null ? null : normalizeFingerprint(hall.caFingerprint);
  if (url.protocol !== 'https:' || pin === null) return { code: REFUSE, reason: 'no pinned hall CA' };
  if (request.hostname.toLowerCase() !== url.hostname.replace(/^\[|\]$/g, '').toLowerCase()) return { code: REFUSE, reason: 'not the hall server' };
  const verdict = hallCertificateVerdict({ host: request.hostname, chain: chainOf(request.certificate), pin, now });
  return verdict.trusted ? { code: TRUST, reason: null } : { code: REFUSE, reason: verdict.reason };
}
