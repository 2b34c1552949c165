/**
 * SECURITY-SENSITIVE. Requests from a terminal's Node side (the device host, the Electron main
 * process: keypad ratings, the hall probe) to its hall server, pinned to the hall's CA.
 *
 * For an https hall the pinned certificate is learnt first: one TLS handshake whose only use is to
 * read the chain the server sends (nothing is written on it), kept only when a certificate of the
 * chain has the pinned fingerprint. Every request then goes over a connection OpenSSL verifies
 * against that certificate alone (`ca`: the system's CAs do not count) with the host name checked;
 * a server presenting any other chain, self-signed or from another CA, is refused before a byte
 * of the request (and its device token) is sent. An http hall is plain only on this machine's
 * loopback or a hall started with --insecure-http; no pin applies to it.
 */
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { connect, type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import { groupedFingerprint, normalizeFingerprint } from './hall-certificate.ts';

/** The server's chain has no certificate with the pinned fingerprint (a man in the middle, or another hall). */
export class HallCertificateRefusedError extends Error {
  readonly code = 'HALL_CERTIFICATE_REFUSED';
  constructor(origin: string, detail: string) {
    super(`refused the certificate of ${origin}: ${detail}`);
    this.name = 'HallCertificateRefusedError';
  }
}

export interface HallResponse {
  readonly status: number;
  readonly ok: boolean;
  text(): Promise<string>;
}

export type HallFetch = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<HallResponse>;

function pem(raw: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${raw
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** The certificates the server sent, server certificate first (node links them through issuerCertificate). */
function chainOf(peer: DetailedPeerCertificate): PeerCertificate[] {
  const out: PeerCertificate[] = [];
  let cert: DetailedPeerCertificate | undefined = peer;
  while (cert !== undefined && cert.raw !== undefined && !out.some((c) => c.raw.equals(cert?.raw as Buffer))) {
    out.push(cert);
    cert = cert.issuerCertificate;
  }
  return out;
}

/** Reads the server's chain over a handshake that carries nothing, and returns the pinned certificate's PEM. */
export function learnPinnedCertificate(origin: string, pin: string, timeoutMs = 5_000): Promise<string> {
  const url = new URL(origin);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(url.port || 443), ...(isIP(host) ? {} : { servername: host }), rejectUnauthorized: false, timeout: timeoutMs });
    socket.once('timeout', () => socket.destroy(new Error(`no TLS handshake with ${origin} within ${timeoutMs} ms`)));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const chain = chainOf(socket.getPeerCertificate(true));
      socket.destroy();
      const found = chain.find((c) => c.fingerprint256.replace(/:/g, '').toLowerCase() === pin);
      if (found === undefined)
        reject(new HallCertificateRefusedError(origin, `no certificate of its chain has the pinned fingerprint ${groupedFingerprint(pin)}`));
      else resolve(pem(found.raw));
    });
  });
}

export interface HallConnectionOptions {
  /** The hall server's origin, e.g. https://192.168.1.10:8080. */
  readonly origin: string;
  /** The pinned fingerprint (any grouping); required for an https origin. */
  readonly caFingerprint: string | null;
  /** Allows an http origin off this machine's loopback (a hall started with --insecure-http). */
  readonly insecureHttp?: boolean;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** A fetch for one hall origin: pinned for https (see the file comment), plain for http. */
export function hallConnection(options: HallConnectionOptions): { readonly fetch: HallFetch; close(): void } {
  const origin = new URL(options.origin).origin;
  const secure = origin.startsWith('https:');
  const pin = options.caFingerprint === null ? null : normalizeFingerprint(options.caFingerprint);
  if (secure && pin === null) throw new Error(`the hall ${origin} is https: its CA fingerprint (64 hex digits, printed by enroll) is needed to trust it`);
  if (!secure && !LOOPBACK.test(new URL(origin).hostname) && options.insecureHttp !== true) {
    throw new Error(`the hall ${origin} is plain http off this machine: tokens would cross the network in clear; use its https address and CA fingerprint`);
  }
  let agent: Promise<Agent> | null = null;
  const agentOf = (): Promise<Agent> => {
    // A failed learning is not kept: the next request tries again (the hall may have been down).
    agent ??= learnPinnedCertificate(origin, pin as string).then(
      (ca) => new Agent({ ca, keepAlive: true, maxSockets: 4 }),
      (error: unknown) => {
        agent = null;
        throw error;
      },
    );
    return agent;
  };
  const fetch: HallFetch = async (url, init) => {
    if (new URL(url).origin !== origin) throw new Error(`this connection serves ${origin} only, not ${new URL(url).origin}`);
    const https = secure ? await agentOf() : null;
    return new Promise<HallResponse>((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(
        url,
        { method: init.method ?? 'GET', headers: init.headers ?? {}, signal: init.signal, ...(https ? { agent: https } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.once('error', reject);
          res.once('end', () => {
            const status = res.statusCode ?? 0;
            const body = Buffer.concat(chunks).toString('utf8');
            resolve({ status, ok: status >= 200 && status < 300, text: async () => body });
          });
        },
      );
      req.once('error', (error: NodeJS.ErrnoException) => {
        // OpenSSL's refusal of a chain not leading to the pinned certificate, or of a wrong host name.
        if (https && (error.code?.startsWith('ERR_TLS') || /certificate|self.signed|unable to (get|verify)/i.test(error.message)))
          reject(new HallCertificateRefusedError(origin, error.message));
        else reject(error);
      });
      req.end(init.body);
    });
  };
  return {
    fetch,
    close: () =>
      void agent?.then(
        (a) => a.destroy(),
        () => undefined,
      ),
  };
}
