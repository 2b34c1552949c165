/**
 * The hall server's TLS material: the hall's own certificate when the operator gives one
 * (`--cert/--key`), otherwise a hall CA and a server certificate signed by it, created at first
 * start in `<data dir>/tls/`:
 *
 *   ca.pem       the hall CA (ECDSA P-256, 20 years); terminals pin it at pairing by its SHA-256
 *                fingerprint, shown on the dashboard and printed by `enroll`
 *   ca.key       its private key (0600)
 *   server.pem   the server certificate (ECDSA P-256, 397 days) followed by ca.pem: the chain sent
 *   server.key   its private key (0600)
 *
 * Reused on restart. The server certificate is issued again, under the same CA, when it expires
 * within RENEW_BEFORE_DAYS or its names (SANs) differ from the ones wanted (configured names, the
 * machine's LAN addresses, localhost, 127.0.0.1, ::1): the terminals keep trusting it, as they pin
 * the CA, not the server certificate. The CA itself is never replaced here: a new CA means pairing
 * every terminal again (docs/operations.md).
 *
 * Keys are ECDSA P-256 from node's crypto; certificates are issued by x509-der.ts (docs/decisions.md).
 */
import { X509Certificate, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { issueCertificate } from './x509-der.ts';

const DAY_MS = 86_400_000;
export const CA_DAYS = 20 * 365;
/** Below the 398 days browsers accept of a publicly trusted certificate, so the same rule holds for a hall's own. */
export const SERVER_CERT_DAYS = 397;
/** A server certificate this close to its end is issued again at start. */
export const RENEW_BEFORE_DAYS = 30;

/** What the server listens with, and what terminals pin. */
export interface HallTls {
  /** PEM private key of the server certificate. */
  readonly key: string;
  /** PEM chain sent to clients: the server certificate first, the CA last. */
  readonly cert: string;
  /** PEM of the certificate terminals pin (the hall CA, or the top of a given chain). */
  readonly caPem: string;
  /** SHA-256 of the pinned certificate's DER, upper-case hex in colon-separated pairs. */
  readonly caFingerprint: string;
  /** base64 SHA-256 of the pinned certificate's public key (SPKI): Chromium's pin format. */
  readonly caSpkiSha256: string;
  /** The names the server certificate covers. */
  readonly names: readonly string[];
  /** created: new CA; issued: new server certificate under the kept CA; reused; given: --cert/--key. */
  readonly source: 'created' | 'issued' | 'reused' | 'given';
}

/** `AB:CD:…` of the certificate's DER (the format of node's fingerprint256 and openssl -fingerprint). */
export function certificateFingerprint(pemOrDer: string | Buffer): string {
  return new X509Certificate(pemOrDer).fingerprint256;
}

function spkiSha256(pem: string): string {
  return createHash('sha256')
    .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('base64');
}

/** The PEM blocks of a file, in order. */
export function pemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)?.map((b) => `${b}\n`) ?? [];
}

/** The machine's non-internal IPv4 and IPv6 addresses (IPv6 link-local ones left out: a URL cannot name them without a zone). */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const out: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) if (!a.internal && !a.address.toLowerCase().startsWith('fe80:')) out.push(a.address);
  }
  return out;
}

/** 127.0.0.0/8, ::1, localhost and the IPv4-mapped loopback. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** A name as node's X509Certificate shows it in subjectAltName: IPv6 written out in full (0:0:0:0:0:0:0:1), lower case. */
export function canonicalName(name: string): string {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (isIP(n) !== 6) return n;
  const [head = '', tail = ''] = n.includes('::') ? n.split('::') : [n, ''];
  const words = (s: string) => (s === '' ? [] : s.split(':'));
  const h = words(head);
  const t = words(tail);
  return [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t].map((w) => Number.parseInt(w, 16).toString(16)).join(':');
}

/** The names a server certificate covers: the configured ones, the LAN addresses, this machine's name, the loopback names; sorted, once each. */
export function wantedNames(configured: readonly string[], lan: readonly string[] = lanAddresses(), machine = hostname()): string[] {
  const all = [...configured, ...lan, machine, 'localhost', '127.0.0.1', '::1']
    .filter((n) => n.trim() !== '' && n !== '0.0.0.0' && n !== '::')
    .map(canonicalName);
  return [...new Set(all)].sort();
}

/** The DNS names and IP addresses of a certificate's subjectAltName, sorted. */
export function certificateNames(cert: X509Certificate): string[] {
  const names = (cert.subjectAltName ?? '').split(', ').flatMap((entry) => {
    const [kind, value] = [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)];
    return kind === 'DNS' || kind === 'IP Address' ? [value.toLowerCase()] : [];
  });
  return [...new Set(names)].sort();
}

function toPem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function serial(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive INTEGER of at most 16 bytes
  return bytes;
}

/** Writes a file readable by the server's user alone (temp file + rename, so a crash leaves the old one). */
function writePrivate(path: string, text: string): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

function newKeyPair(): { privateKey: KeyObject; spki: Buffer; keyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, spki: publicKey.export({ type: 'spki', format: 'der' }), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function createCa(hallName: string, now: Date): { pem: string; keyPem: string } {
  const keys = newKeyPair();
  const cn = `${hallName} hall CA`;
  const der = issueCertificate({
    serial: serial(),
    issuerCn: cn,
    subjectCn: cn,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY_MS),
    subjectSpki: keys.spki,
    issuerSpki: keys.spki,
    signingKey: keys.privateKey,
    kind: { ca: true },
  });
  return { pem: toPem(der), keyPem: keys.keyPem };
}

function issueServerCert(caPem: string, caKeyPem: string, names: readonly string[], now: Date): { pem: string; keyPem: string } {
  const ca = new X509Certificate(caPem);
  const keys = newKeyPair();
  const der = issueCertificate({
    serial: serial(),
    issuerCn: /CN=([^\n]+)/.exec(ca.subject)?.[1] ?? 'hall CA',
    subjectCn: names.find((n) => !isIP(n) && n !== 'localhost') ?? 'hall-server',
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + SERVER_CERT_DAYS * DAY_MS),
    subjectSpki: keys.spki,
    issuerSpki: ca.publicKey.export({ type: 'spki', format: 'der' }),
    signingKey: createPrivateKey(caKeyPem),
    kind: { ca: false, names },
  });
  return { pem: toPem(der), keyPem: keys.keyPem };
}

function pinned(caPem: string): Pick<HallTls, 'caPem' | 'caFingerprint' | 'caSpkiSha256'> {
  return { caPem, caFingerprint: certificateFingerprint(caPem), caSpkiSha256: spkiSha256(caPem) };
}

/** Why the kept server certificate cannot serve any more, or null when it can. */
function renewalReason(certPem: string, caPem: string, names: readonly string[], now: Date): string | null {
  const cert = new X509Certificate(certPem);
  if (!cert.checkIssued(new X509Certificate(caPem)) || !cert.verify(new X509Certificate(caPem).publicKey)) return 'not issued by the hall CA';
  if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return 'expires soon';
  const have = certificateNames(cert);
  if (have.length !== names.length || have.some((n, i) => n !== names[i])) return 'names changed';
  return null;
}

export interface OwnTlsOptions {
  /** The folder of the hall's TLS files, `<data dir>/tls`. */
  readonly dir: string;
  /** The names the server certificate covers (wantedNames). */
  readonly names: readonly string[];
  /** Shown in the CA's common name. */
  readonly hallName: string;
  readonly now?: Date;
  /** Told when a server certificate is issued again, with why (English, for the log). */
  readonly onIssued?: (reason: string) => void;
}

/** The hall CA and server certificate of `dir`: created, reused or issued again (see the file comment). */
export async function ownHallTls(options: OwnTlsOptions): Promise<HallTls> {
  const { dir, names } = options;
  const now = options.now ?? new Date();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = (file: string) => join(dir, file);
  let source: HallTls['source'] = 'reused';
  if (!existsSync(path('ca.pem')) || !existsSync(path('ca.key'))) {
    if (existsSync(path('ca.pem')) !== existsSync(path('ca.key')))
      throw new Error(`the hall CA in ${dir} is incomplete: ca.pem and ca.key go together; restore both from the backup`);
    const ca = createCa(options.hallName, now);
    writePrivate(path('ca.key'), ca.keyPem);
    writeFileSync(path('ca.pem'), ca.pem);
    source = 'created';
  }
  const caPem = readFileSync(path('ca.pem'), 'utf8');
  const caKeyPem = readFileSync(path('ca.key'), 'utf8');
  const kept = existsSync(path('server.pem')) && existsSync(path('server.key')) ? (pemCertificates(readFileSync(path('server.pem'), 'utf8'))[0] ?? null) : null;
  const reason = kept === null ? 'none yet' : renewalReason(kept, caPem, names, now);
  if (reason !== null) {
    const issued = issueServerCert(caPem, caKeyPem, names, now);
    writePrivate(path('server.key'), issued.keyPem);
    writeFileSync(path('server.pem'), issued.pem + caPem);
    if (source === 'reused') {
      source = 'issued';
      options.onIssued?.(reason);
    }
  }
  return {
    key: readFileSync(path('server.key'), 'utf8'),
    cert: readFileSync(path('server.pem'), 'utf8'),
    ...pinned(caPem),
    names: certificateNames(new X509Certificate(readFileSync(path('server.pem'), 'utf8'))),
    source,
  };
}

/**
 * The hall's own certificate (`--cert FILE --key FILE`): the file holds the server certificate
 * first and the chain after it; terminals pin the last certificate of the file (the issuing CA
 * when the chain is there, the server certificate itself otherwise).
 */
export function givenHallTls(certText: string, keyText: string): HallTls {
  const chain = pemCertificates(certText);
  const first = chain[0];
  const top = chain.at(-1);
  if (first === undefined || top === undefined) throw new Error('the --cert file holds no PEM certificate');
  const leaf = new X509Certificate(first);
  // createPrivateKey reads PKCS#8, SEC1 and PKCS#1 PEM alike.
  if (!leaf.checkPrivateKey(createPrivateKey(keyText))) throw new Error('the --key file is not the private key of the first certificate of --cert');
  return { key: keyText, cert: chain.join(''), ...pinned(top), names: certificateNames(leaf), source: 'given' };
}
