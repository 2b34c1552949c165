/**
 * SECURITY-SENSITIVE. Do not change without a security review.
 *
 * Applies the lockdown decisions of lockdown-policy.ts to one role window and its session, in one
 * place: navigation and redirects limited to the role's app (checklist 13), every new window
 * denied (14), <webview> refused (12), permissions per role (5) for requests and checks, no page
 * access to HID/serial/USB devices, the CSP header on hall pages (7), server certificates only
 * through the pinned hall CA (certificate-policy.ts), DevTools closed in
 * production. Electron objects come in as the narrow interfaces below so tests pass fakes.
 */
import type { TerminalRole } from '../common/device-contract.ts';
import { certificateDecision, TRUST, type CertificateRequest } from './certificate-policy.ts';
import { contentSecurityPolicy, navigationDecision, permissionDecision } from './lockdown-policy.ts';
import type { TerminalLogger } from './terminal-logger.ts';

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's WebContents the lockdown uses. */
export interface LockdownContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  closeDevTools(): void;
}

interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

/** The parts of Electron's Session the lockdown uses. */
export interface LockdownSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  on(event: 'select-hid-device', listener: (event: PreventableEvent, details: unknown, callback: (deviceId?: string | null) => void) => void): unknown;
  on(
    event: 'select-serial-port',
    listener: (event: PreventableEvent, portList: unknown, contents: unknown, callback: (portId: string) => void) => void,
  ): unknown;
  on(event: 'select-usb-device', listener: (event: PreventableEvent, details: unknown, callback: (deviceId?: string) => void) => void): unknown;
  setCertificateVerifyProc(proc: (request: CertificateRequest, callback: (code: number) => void) => void): void;
  webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void): void;
  };
}

export interface LockdownInput {
  readonly role: TerminalRole;
  readonly hallOrigin: string;
  /** The hall CA pinned at pairing (terminal config hallCaFingerprint); null for an http hall. */
  readonly hallCaFingerprint?: string | null;
  readonly production: boolean;
  readonly log: TerminalLogger;
}

/** Locks the session: call once per session, before any window of it loads. */
export function lockSession(session: LockdownSession, input: LockdownInput): void {
  const { role, hallOrigin, log } = input;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = permissionDecision(role, permission, details.requestingUrl ?? '', hallOrigin);
    if (!granted) log.warn({ permission }, 'permission request denied');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionDecision(role, permission, requestingOrigin, hallOrigin));
  session.setDevicePermissionHandler(() => false);
  // TLS: only a chain to the pinned hall CA is trusted (certificate-policy.ts).
  session.setCertificateVerifyProc((request, callback) => {
    const decision = certificateDecision(request, { origin: hallOrigin, caFingerprint: input.hallCaFingerprint ?? null }, new Date());
    if (decision.code !== TRUST) log.warn({ host: request.hostname, reason: decision.reason }, 'server certificate refused');
    callback(decision.code);
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  const csp = contentSecurityPolicy(hallOrigin);
  session.webRequest.onHeadersReceived((details, callback) => {
    let origin: string | null = null;
    try {
      origin = new URL(details.url).origin;
    } catch {
      origin = null;
    }
    if (origin !== hallOrigin) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

/** Locks one window's contents: call right after creating the window, before loadURL. */
export function lockContents(contents: LockdownContents, input: LockdownInput): void {
  const { role, hallOrigin, production, log } = input;
  const guard = (kind: string) => (event: PreventableEvent, url: string) => {
    const decision = navigationDecision(url, hallOrigin, role);
    if (decision.allow) return;
    event.preventDefault();
    log.warn({ kind, reason: decision.reason }, 'navigation refused');
  };
  contents.on('will-navigate', guard('navigate'));
  contents.on('will-redirect', guard('redirect'));
  contents.setWindowOpenHandler(() => {
    log.warn('window.open refused');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  if (production) contents.on('devtools-opened', () => contents.closeDevTools());
}
