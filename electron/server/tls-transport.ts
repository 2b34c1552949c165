/**
 * How `hall serve` speaks to the network (docs/operations.md, TLS):
 *
 *   --cert FILE --key FILE   HTTPS with the hall's own certificate (chain in FILE, the CA last)
 *   --tls                    HTTPS with the hall CA of <data dir>/tls, on any address
 *   (none), loopback host    plain HTTP: nothing leaves the machine
 *   (none), other host       HTTPS with the hall CA of <data dir>/tls
 *   --insecure-http          plain HTTP on any address, with a warning in the log
 *
 * <data dir> is the database's folder. The rule that plain HTTP stays on loopback is enforced
 * again by HallServer.listen, so no caller of the server can skip it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { certificateFingerprint, givenHallTls, isLoopbackHost, ownHallTls, pemCertificates, wantedNames, type HallTls } from './hall-tls.ts';
import type { Logger } from './logger.ts';

export type TransportPlan = { readonly kind: 'given'; readonly cert: string; readonly key: string } | { readonly kind: 'own' } | { readonly kind: 'plain' };

export interface TransportFlags {
  readonly host: string;
  readonly tls: boolean;
  readonly insecureHttp: boolean;
  readonly cert: string | null;
  readonly key: string | null;
}

/** The transport the flags ask for; throws (English, for the usage line) on a contradiction. */
export function transportPlan(flags: TransportFlags): TransportPlan {
  if ((flags.cert === null) !== (flags.key === null)) throw new Error('--cert and --key go together');
  if (flags.insecureHttp && (flags.tls || flags.cert !== null)) throw new Error('--insecure-http contradicts --tls and --cert');
  if (flags.cert !== null && flags.key !== null) return { kind: 'given', cert: flags.cert, key: flags.key };
  if (flags.tls) return { kind: 'own' };
  if (flags.insecureHttp) return { kind: 'plain' }; // HallServer.listen logs the warning off loopback
  return isLoopbackHost(flags.host) ? { kind: 'plain' } : { kind: 'own' };
}

/** listen() on a non-loopback address without TLS and without insecureHttp. */
export class PlainHttpRefusedError extends Error {
  constructor(host: string) {
    super(
      `refusing to serve plain HTTP on ${host}: device tokens, PINs and applicants' data would cross the LAN in clear; serve TLS (the default of hall serve) or pass --insecure-http`,
    );
    this.name = 'PlainHttpRefusedError';
  }
}

/**
 * The rule HallServer.listen enforces for every caller: plain HTTP on a loopback address only,
 * unless the operator chose --insecure-http, which is logged as a warning. Throws
 * PlainHttpRefusedError; with TLS any address is allowed.
 */
export function checkPlainHttp(host: string, transport: { readonly tls: boolean; readonly insecureHttp: boolean; readonly log: Logger }): void {
  if (transport.tls || isLoopbackHost(host)) return;
  if (!transport.insecureHttp) throw new PlainHttpRefusedError(host);
  transport.log.warn(
    { host },
    'serving plain HTTP on a non-loopback address (--insecure-http): device tokens, PINs and applicant data cross the network in clear',
  );
}

/** The folder of the hall CA and server certificate for a database path. */
export function tlsDirOf(dbPath: string): string {
  return join(dirname(dbPath), 'tls');
}

/** The TLS material of a plan, created or loaded; null for plain HTTP. */
export async function hallTlsOf(plan: TransportPlan, at: { dbPath: string; names: readonly string[]; hallName: string; log: Logger }): Promise<HallTls | null> {
  if (plan.kind === 'plain') return null;
  if (plan.kind === 'given') return givenHallTls(readFileSync(plan.cert, 'utf8'), readFileSync(plan.key, 'utf8'));
  const dir = tlsDirOf(at.dbPath);
  const tls = await ownHallTls({
    dir,
    names: wantedNames(at.names),
    hallName: at.hallName,
    onIssued: (reason) => at.log.info({ reason }, 'issued a new server certificate under the hall CA'),
  });
  if (tls.source === 'created') at.log.warn({ dir }, 'created the hall CA; back up its key with the hall data key; terminals pin its fingerprint at pairing');
  return tls;
}

/**
 * The fingerprint terminals pin, for `enroll` and the dashboard: of the top certificate of `cert`
 * when given, else of the hall CA next to the database; null when the hall has none yet (it is
 * made at the first HTTPS start).
 */
export function pinnedFingerprint(dbPath: string, cert: string | null): string | null {
  if (cert !== null) {
    const top = pemCertificates(readFileSync(cert, 'utf8')).at(-1);
    if (top === undefined) throw new Error(`${cert} holds no PEM certificate`);
    return certificateFingerprint(top);
  }
  const ca = join(tlsDirOf(dbPath), 'ca.pem');
  return existsSync(ca) ? certificateFingerprint(readFileSync(ca, 'utf8')) : null;
}

/** The line `enroll` prints under the pairing code. */
export function pinLine(fingerprint: string | null): string {
  return fingerprint === null
    ? "hall CA: none yet (created at the first HTTPS start of the hall server); terminals on this machine's loopback need none"
    : `hall CA fingerprint (SHA-256), check it on the terminal: ${fingerprint}`;
}
