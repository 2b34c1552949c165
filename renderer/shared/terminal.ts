/**
 * Who this screen is: its role, its counter and its device token. With devices (Electron preload
 * or loopback device host) they come from terminalInfo() and the token is saved through the
 * device API; in a plain browser (rating tablet, a TV) the token lives in localStorage after the
 * pairing-code screen. The dashboard gets no token at all: the server sets it as an HttpOnly
 * cookie that page script cannot read (electron/server/http/device-cookie.ts), and localStorage
 * only remembers that it was paired. Not paired: the app shows the pairing screen.
 */
import type { DeviceHealthApi } from '../../electron/common/device-contract.ts';
import { HallApi, HallApiError, type PairResult } from './hall-api.ts';
import { pairingCodeInUrl } from './pairing-link.ts';

export { pairingCodeInUrl };

const STORAGE_KEY = 'hall.device';

export interface TerminalIdentity {
  /** Null for a paired app whose credential is the device cookie. */
  readonly token: string | null;
  readonly counterId: string | null;
  readonly paired: boolean;
}

interface StoredDevice {
  /** Null when the server keeps the credential in the device cookie. */
  readonly token: string | null;
  readonly counterId: string | null;
  readonly role: string;
}

export function hallOrigin(location: { readonly origin: string; readonly search: string } = window.location): string {
  return new URLSearchParams(location.search).get('hall') ?? location.origin;
}

function stored(role: string): StoredDevice | null {
  try {
    const raw = localStorage.getItem(`${STORAGE_KEY}.${role}`);
    if (!raw) return null;
    const v = JSON.parse(raw) as StoredDevice;
    return typeof v.token === 'string' || v.token === null ? v : null;
  } catch {
    return null;
  }
}

export async function terminalIdentity(role: string, devices: DeviceHealthApi | null): Promise<TerminalIdentity> {
  if (devices) {
    const info = await devices.terminalInfo();
    return { token: info.deviceToken, counterId: info.counterId, paired: info.deviceToken !== null };
  }
  const s = stored(role);
  return { token: s?.token ?? null, counterId: s?.counterId ?? null, paired: s !== null };
}

/** Exchanges a pairing code for a token and keeps it (device API or localStorage; a dashboard's stays in its cookie). */
export async function pairTerminal(role: string, code: string, devices: DeviceHealthApi | null, origin = hallOrigin()): Promise<PairResult> {
  const result = await new HallApi({ baseUrl: origin, token: null }).pair(code.trim());
  if (result.device.role !== role) {
    throw new HallApiError('WRONG_ROLE', 400, `this pairing code enrols a ${result.device.role} device, not a ${role}`);
  }
  if (devices) {
    // Terminals with devices run in the Electron shell, whose roles always get a bearer token.
    if (result.token === null) throw new HallApiError('WRONG_ROLE', 400, `a ${role} terminal cannot keep a cookie credential`);
    await devices.saveDeviceToken(result.token);
  } else {
    // A dashboard's token is in its HttpOnly cookie: only that it is paired is remembered here.
    localStorage.setItem(`${STORAGE_KEY}.${role}`, JSON.stringify({ token: result.token, counterId: result.device.counterId, role }));
  }
  return result;
}

/** Removes the pairing code from the address bar (the code is used up either way). */
export function dropPairingCodeFromUrl(location: Location = window.location, history: History = window.history): void {
  if (pairingCodeInUrl(location.hash) !== null) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

export function forgetTerminal(role: string): void {
  localStorage.removeItem(`${STORAGE_KEY}.${role}`);
}
