/**
 * Where a 2D scan goes on the kiosk (the scanner's `onScan`, device-contract ScanKind). Pure:
 * - a CCCD QR identifies the citizen, but only on the screen that asked for it (its text is
 *   personal data: anywhere else it is dropped, never kept);
 * - a receipt's dossier code opens the status lookup with that code, from the start screen or the
 *   lookup itself;
 * - an appointment QR checks the appointment in, from the start screen or the check-in screen;
 * - a ticket's own QR (its page or its ticket code, common/ticket-link.ts) is recognised and left
 *   alone on every screen: the kiosk has nothing to do with a ticket already issued, and it is never
 *   taken for a card, a receipt or an appointment;
 * - everything else is ignored while a citizen is busy elsewhere (a stray scan never moves a
 *   half-filled declaration).
 */
import type { ScanResult } from '../../electron/common/device-contract.ts';

/** The kiosk screens that take scans. */
export type ScanContext = 'welcome' | 'identify-qr' | 'status' | 'appointment' | 'other';

export type ScanRoute =
  | { readonly kind: 'identity'; readonly text: string }
  | { readonly kind: 'status'; readonly code: string }
  | { readonly kind: 'appointment'; readonly code: string }
  | { readonly kind: 'ignore' };

export function routeScan(scan: Pick<ScanResult, 'kind' | 'text'>, context: ScanContext): ScanRoute {
  const text = scan.text.normalize('NFC').trim();
  if (text === '') return { kind: 'ignore' };
  switch (scan.kind) {
    case 'cccd_qr':
      return context === 'identify-qr' ? { kind: 'identity', text } : { kind: 'ignore' };
    case 'dossier_code':
      return context === 'welcome' || context === 'status' ? { kind: 'status', code: text } : { kind: 'ignore' };
    case 'appointment_qr':
      return context === 'welcome' || context === 'appointment' ? { kind: 'appointment', code: text } : { kind: 'ignore' };
    default:
      return { kind: 'ignore' };
  }
}
