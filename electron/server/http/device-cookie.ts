/**
 * The device credential of the plain-browser apps as a cookie (finding 10 of the hardening
 * review). A dashboard opened in an ordinary browser kept its device token in localStorage, where
 * any script running in the page (an injected one included) could read and send it elsewhere. Now
 * pairing a dashboard answers with the token in an HttpOnly, SameSite=Strict cookie (Secure over
 * HTTPS) and not in the body; page script never sees it. Terminals running in the Electron shell
 * keep their bearer tokens (the main process holds them, token-store.ts).
 *
 * A cookie is sent by the browser on its own, so a request authenticated by it must come from the
 * hall's own pages: its Sec-Fetch-Site and Origin, when sent, must say so, and a state-changing
 * request must carry CSRF_HEADER (a page elsewhere cannot add it without a CORS preflight, which
 * the hall refuses unless it lists that origin). SameSite=Strict alone is not enough: pages on
 * another port of the same host are "same-site".
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors.ts';
import type { DeviceRole } from '../../store/access-store.ts';

export const DEVICE_COOKIE = 'hall_device';
/** Device roles whose credential is the cookie (and who may present it). */
export const COOKIE_ROLES: ReadonlySet<DeviceRole> = new Set(['dashboard']);
/** Sent by the hall's own API client on every request that is not a GET. */
export const CSRF_HEADER = 'x-hall-request';

/** The page's own origin as the browser names it. */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The device token of the cookie, or null (the Cookie header is parsed here, not by a hook for every request). */
export function deviceCookieOf(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  const value = request.server.parseCookie(header)[DEVICE_COOKIE];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Refuses a cookie-authenticated request from another origin, or a state change without CSRF_HEADER. */
export function checkCookieRequest(request: FastifyRequest): void {
  // Fetch metadata: a browser names where the request comes from even when it sends no Origin (a
  // no-cors GET); 'none' is the user typing the address.
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new DomainError('FORBIDDEN', { reason: `a ${String(site)} request may not use the device cookie` });
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== ownOrigin(request)) {
    throw new DomainError('FORBIDDEN', { reason: 'a request from another origin may not use the device cookie' });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers[CSRF_HEADER] === undefined) {
    throw new DomainError('FORBIDDEN', { reason: `a state-changing request with the device cookie must send ${CSRF_HEADER}` });
  }
}

/** The Set-Cookie options of a freshly paired device's token. */
export function deviceCookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/', maxAge: maxAgeSeconds } as const;
}
