/**
 * What ended a scanimage run, as a fault of the device contract. scanimage's exit status in batch
 * mode is the SANE_Status of the failing call (SANE standard 1.0, §4.3.7 "SANE_Status"):
 *   1 UNSUPPORTED  2 CANCELLED  3 DEVICE_BUSY  4 INVAL  5 EOF  6 JAMMED  7 NO_DOCS
 *   8 COVER_OPEN   9 IO_ERROR  10 NO_MEM      11 ACCESS_DENIED
 * A device that cannot be opened ends with 1 and "open of device … failed". The stderr line
 * "scanimage: sane_…: <message>" is kept (it is the backend's own English text) for the detail. Pure.
 */
import type { DeviceFault } from '../../../electron/common/device-contract.ts';

export interface ScanFault {
  readonly fault: DeviceFault;
  readonly detail: string;
}

const BY_STATUS: Readonly<Record<number, ScanFault>> = {
  3: { fault: 'busy', detail: 'the scanner is busy with another job' },
  6: { fault: 'offline', detail: 'paper jammed in the feeder: open it and take the paper out' },
  7: { fault: 'paper_out', detail: 'no paper in the feeder' },
  8: { fault: 'cover_open', detail: 'the scanner cover is open' },
  9: { fault: 'disconnected', detail: 'input/output error talking to the scanner' },
  10: { fault: 'protocol_error', detail: 'the scanner driver ran out of memory' },
  11: { fault: 'access_denied', detail: 'access to the scanner was denied (permissions of the scanner group)' },
};

/** The backend's last message on stderr, e.g. "Document feeder out of documents". */
export function lastSaneMessage(stderr: string): string | null {
  const lines = stderr.split('\n').map((l) => /^scanimage: (?:sane_\w+: )?(.+)$/.exec(l.trim())?.[1] ?? null);
  return lines.filter((l): l is string => l !== null).at(-1) ?? null;
}

/** The fault for a scanimage exit status other than 0, with stderr's message when there is one. */
export function faultOfScanimageExit(status: number, stderr: string): ScanFault {
  const message = lastSaneMessage(stderr);
  if (/open of device .* failed/.test(stderr)) {
    return { fault: 'disconnected', detail: `scanner not found or not answering (${message ?? 'open failed'})` };
  }
  const known = BY_STATUS[status];
  if (known !== undefined) return { fault: known.fault, detail: message !== null ? `${known.detail} (${message})` : known.detail };
  return { fault: 'protocol_error', detail: `scanimage ended with status ${status}${message !== null ? `: ${message}` : ''}` };
}
