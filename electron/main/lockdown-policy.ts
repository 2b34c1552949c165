/**
 * SECURITY-SENSITIVE. Do not change without a security review.
 *
 * The pure decisions of the terminal lockdown, following the Electron security checklist
 * (specs/regulations.md §4.1, R4.1): the renderer's web preferences, the Content-Security-Policy,
 * the navigation allow-list (a real URL parser, never string prefixes) and the permissions each
 * role may use. lockdown.ts applies these decisions to a window; tests assert them directly.
 */
import type { WebPreferences } from 'electron';
import type { TerminalRole } from '../common/device-contract.ts';
import { canonicalPagePath } from '../common/page-policy.ts';

/**
 * Web preferences for every role window. Checklist items: 2 no Node integration, 3 context
 * isolation, 4 sandbox, 6 webSecurity, 8 no insecure content, 9/10 no experimental or Blink
 * features, 11/12 no <webview>. DevTools exist only in development builds.
 */
export function secureWebPreferences(preloadPath: string, production: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click would open links in new windows; those are denied anyway, this removes the path.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    devTools: !production,
    // A queue display announces tickets with sound and nobody touches it to allow playback.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

/** Parses a URL, or null: every decision below refuses what it cannot parse. */
function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The origin of a hall server URL, e.g. "http://192.168.1.10:8080". */
export function originOf(url: string): string | null {
  const parsed = parse(url);
  return parsed === null || parsed.origin === 'null' ? null : parsed.origin;
}

/** The page each role window loads: `<hallUrl>/<role>/`. */
export function roleUrl(hallOrigin: string, role: TerminalRole): string {
  return new URL(`/${role}/`, hallOrigin).toString();
}

export type NavigationDecision = { readonly allow: true } | { readonly allow: false; readonly reason: string };

/**
 * Checklist item 13. A role window may navigate only within its own app on the hall server:
 * same origin (scheme, host and port compared by the URL parser) and a path under `/<role>/`,
 * compared after percent-decoding, with no dot segment (page-policy.ts).
 * Everything else (other sites, file:, data:, javascript:, another role's app) is refused.
 */
export function navigationDecision(targetUrl: string, hallOrigin: string, role: TerminalRole): NavigationDecision {
  const target = parse(targetUrl);
  if (target === null) return { allow: false, reason: 'unparsable URL' };
  if (target.origin !== hallOrigin) return { allow: false, reason: `origin ${target.origin} is not the hall server` };
  if (target.username !== '' || target.password !== '') return { allow: false, reason: 'credentials in URL' };
  // Compared decoded, and only without dot segments: /kiosk/..%2fcounter/ is the counter's app.
  const path = canonicalPagePath(target.pathname);
  if (path === null) return { allow: false, reason: 'encoded or dot segments in path' };
  const prefix = `/${role}/`;
  if (path !== prefix && !path.startsWith(prefix)) return { allow: false, reason: `path outside ${prefix}` };
  return { allow: true };
}

/**
 * Checklist item 5: what each role's page may be granted, and only when the hall server asks.
 * Electron grants every permission unless a handler says otherwise, so the lists are short on
 * purpose: devices (printer, keypad, card reader, scanners) are the main process's, never the
 * page's; the kiosk and display need full screen; the counter copies dossier codes.
 */
export const ROLE_PERMISSIONS: { readonly [R in TerminalRole]: readonly string[] } = {
  kiosk: ['fullscreen'],
  display: ['fullscreen'],
  counter: ['clipboard-sanitized-write'],
};

export function permissionDecision(role: TerminalRole, permission: string, requestingUrl: string, hallOrigin: string): boolean {
  const origin = originOf(requestingUrl);
  return origin === hallOrigin && ROLE_PERMISSIONS[role].includes(permission);
}

/** Checklist item 7: the same policy the hall server sends with its static pages (page-policy.ts). */
export { contentSecurityPolicy } from '../common/page-policy.ts';
