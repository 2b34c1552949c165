/**
 * Who this screen is: its role, its counter and its device token. With devices (Electron preload
 * or loopback device host) they come from terminalInfo() and the token is saved through the
 * device API; in a plain browser (dashboard, rating tablet, a TV) the token lives in localStorage
 * after the pairing-code screen. No token: the app shows the pairing screen.
 */
import type { DeviceHealthApi } from '../../electron/common/device-contract.ts';
import { HallApi, HallApiError, type PairResult } from './hall-api.ts';
import { pairingCodeInUrl } from './pairing-link.ts';

export { pairingCodeInUrl };

const STORAGE_KEY = 'hall.device';

export interface TerminalIdentity {
  readonly token: string | null;
  readonly counterId: string | null;
}

interface StoredDevice {
  readonly token: string;
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
    return typeof v.token === 'string' ? v : null;
  } catch {
    return null;
  }
}

export async function terminalIdentity(role: string, devices: DeviceHealthApi | null): Promise<TerminalIdentity> {
  if (devices) {
    const info = await devices.terminalInfo();
    return { token: info.deviceToken, counterId: info.counterId };
  }
  const s = stored(role);
  return { token: s?.token ?? null, counterId: s?.counterId ?? null };
}

/** Exchanges a pairing code for a token and keeps it (device API or localStorage). */
export async function pairTerminal(role: string, code: string, devices: DeviceHealthApi | null, origin = hallOrigin()): Promise<PairResult> {
  const result = await new HallApi({ baseUrl: origin, token: null }).pair(code.trim());
  if (result.device.role !== role) {
    throw new HallApiError('WRONG_ROLE', 400, `this pairing code enrols a ${result.device.role} device, not a ${role}`);
  }
  if (devices) await devices.saveDeviceToken(result.token);
  else localStorage.setItem(`${STORAGE_KEY}.${role}`, JSON.stringify({ token: result.token, counterId: result.device.counterId, role }));
  return result;
}

/** Removes the pairing code from the address bar (the code is used up either way). */
export function dropPairingCodeFromUrl(location: Location = window.location, history: History = window.history): void {
  if (pairingCodeInUrl(location.hash) !== null) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

export function forgetTerminal(role: string): void {
  localStorage.removeItem(`${STORAGE_KEY}.${role}`);
}
