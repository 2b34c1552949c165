/** Scanner link settings by profile name, as the device list names them (`profile` of a scanner). */
import type { ScannerLink } from './scanner-driver.ts';

export const SCANNER_PROFILES: Readonly<Record<string, ScannerLink>> = {
  'serial-cr': { kind: 'serial', framing: { prefix: '', suffix: 'CR', maxBytes: 4096 } },
  'serial-lf': { kind: 'serial', framing: { prefix: '', suffix: 'LF', maxBytes: 4096 } },
  'serial-crlf': { kind: 'serial', framing: { prefix: '', suffix: 'CRLF', maxBytes: 4096 } },
  'hid-pos': { kind: 'hid-pos' },
};

export const DEFAULT_SCANNER_PROFILE = 'serial-cr';

export function scannerProfile(id: string = DEFAULT_SCANNER_PROFILE): ScannerLink {
  const link = SCANNER_PROFILES[id];
  if (link === undefined) throw new Error(`unknown scanner profile '${id}'; known: ${Object.keys(SCANNER_PROFILES).join(', ')}`);
  return link;
}
