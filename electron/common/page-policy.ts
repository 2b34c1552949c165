/**
 * SECURITY-SENSITIVE. What the hall's pages may do, decided once for both places that enforce it:
 * the Electron shell (electron/main/lockdown-policy.ts: response headers and the navigation
 * allow-list of the role windows) and the hall server's static files (electron/server/http/http-app.ts,
 * for the plain-browser apps: dashboard, rating tablet, a TV). Pure: no I/O, no Node builtins.
 */

/**
 * Checklist item 7. Scripts only from the hall server; connections only to it (HTTP API and its
 * WebSocket stream); inline styles allowed because Svelte transitions write style attributes.
 * `hallOrigin` is the page's origin, e.g. "http://192.168.1.10:8080".
 * `loopbackDeviceHost`: the page may also open a WebSocket to a device host on this machine's
 * loopback (any port), as a terminal app in a plain browser does (`?deviceHost=ws://127.0.0.1:PORT`,
 * renderer/shared/device-client.ts, which accepts loopback hosts only). The hall server's static
 * pages need it; the Electron shell reaches its devices through the preload and does not.
 */
export function contentSecurityPolicy(hallOrigin: string, options: { readonly loopbackDeviceHost?: boolean } = {}): string {
  const ws = hallOrigin.replace(/^http/, 'ws');
  const deviceHost = options.loopbackDeviceHost ? ' ws://127.0.0.1:* ws://localhost:* ws://[::1]:*' : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self' ${ws}${deviceHost}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
  ].join('; ');
}

/**
 * The path of a URL as a file server sees it (percent-decoded), or null when it cannot be compared
 * safely: it does not decode, or once decoded it holds a dot segment ('.' or '..'), a backslash or a
 * NUL. `/kiosk/..%2fcounter/` passes a prefix check on its raw form yet names `/counter/` for a
 * server that decodes and normalises it; it is refused here, not normalised, since no page of the
 * hall links to such a path.
 */
export function canonicalPagePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(decoded)) return null;
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  return decoded;
}
