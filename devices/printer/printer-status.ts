/** What a PrinterStatus means for the kiosk: the fault that forbids printing, or the warning it carries. */
import type { DeviceFault, PrinterStatus } from '../../electron/common/device-contract.ts';

/** The fault that makes printing impossible, most specific first; null when the printer can print. */
export function printerFault(status: PrinterStatus): DeviceFault | null {
  if (status.coverOpen) return 'cover_open';
  if (status.paperOut) return 'paper_out';
  if (!status.online) return 'offline';
  return null;
}

/** A fault, else the warning of a usable printer (paper near end), else null. */
export function printerCondition(status: PrinterStatus): DeviceFault | null {
  return printerFault(status) ?? (status.paperNearEnd ? 'paper_near_end' : null);
}
