/**
 * HID keypad reports through a profile's report map (keypad-profile.ts). Pure.
 * Key reports go device → host; LED reports host → device. Both directions have an encoder and
 * a decoder: the drivers use one, the keypad simulator the other.
 */
import type { KeypadProfile } from './keypad-profile.ts';

export class KeypadReportError extends Error {
  override readonly name = 'KeypadReportError';
}

function reportMap(profile: KeypadProfile): NonNullable<KeypadProfile['report']> {
  if (profile.report === null) throw new Error(`keypad profile '${profile.id}' is not a HID keypad`);
  return profile.report;
}

/** Key report → key code (0 = released). Rejects reports of another id, too short, or with an unmapped key. */
export function decodeKeyReport(profile: KeypadProfile, report: Uint8Array): number {
  const map = reportMap(profile);
  if (map.reportId !== 0 && report[0] !== map.reportId) {
    throw new KeypadReportError(`report id ${report[0]} is not the key report ${map.reportId}`);
  }
  const key = report[map.keyByte];
  if (key === undefined) throw new KeypadReportError(`report of ${report.length} bytes has no key byte at ${map.keyByte}`);
  if (key !== 0 && profile.keys[String(key)] === undefined) throw new KeypadReportError(`key code ${key} is not in profile '${profile.id}'`);
  return key;
}

export function encodeKeyReport(profile: KeypadProfile, key: number): Uint8Array {
  const map = reportMap(profile);
  const report = new Uint8Array(Math.max(map.keyByte + 1, 8));
  if (map.reportId !== 0) report[0] = map.reportId;
  report[map.keyByte] = key;
  return report;
}

export function encodeLedReport(profile: KeypadProfile, on: boolean): Uint8Array {
  const id = reportMap(profile).ledReportId;
  if (id === null || !profile.leds) throw new Error(`keypad profile '${profile.id}' has no LEDs`);
  return Uint8Array.of(id, on ? 1 : 0);
}

export function decodeLedReport(profile: KeypadProfile, report: Uint8Array): boolean {
  const id = reportMap(profile).ledReportId;
  if (id === null || report[0] !== id || report.length !== 2 || (report[1] !== 0 && report[1] !== 1)) {
    throw new KeypadReportError(`not an LED report of profile '${profile.id}'`);
  }
  return report[1] === 1;
}
