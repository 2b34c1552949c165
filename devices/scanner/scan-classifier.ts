/**
 * Scan payload → ScanKind (device contract). Pure; the first matching rule wins.
 *   cccd_qr        the QR of the citizen's card (front of the 2021 CCCD, back of the 2024 thẻ căn cước;
 *                  parsed by electron/common/cccd-qr.ts): 7 fields separated by '|':
 *                  12-digit ID | old 9-digit ID or empty | full name | ddmmyyyy birth | Nam/Nữ |
 *                  residence | ddmmyyyy issue date
 *   ticket_qr      the QR printed on our tickets (electron/common/ticket-link.ts): the ticket page
 *                  http(s)://<publicBaseUrl>/t/<token>, or the ticket code VE:<token>
 *   appointment_qr an appointment booking code: "LH:" or "HEN:" then 6–32 letters, digits or '-'
 *   dossier_code   a dossier receipt code (TT 01/2018): agency code segments, a yymmdd date and a
 *                  serial, e.g. 000.00.15.H12-231123-0001
 * Anything else is `unknown`; the text is kept so the screen can say what was scanned.
 */
import type { ScanKind } from '../../electron/common/device-contract.ts';
import { tokenOfTicketQr } from '../../electron/common/ticket-link.ts';

const CCCD = /^\d{12}\|(\d{9})?\|[^|]+\|\d{8}\|(Nam|Nữ)\|[^|]*\|\d{8}(\|.*)?$/u;
const APPOINTMENT = /^(LH|HEN):[A-Za-z0-9-]{6,32}$/;
const DOSSIER = /^[0-9A-Z]{3}(\.[0-9A-Z]{2,3}){2,3}-\d{6}-\d{4}$/;

export function classifyScan(raw: string): ScanKind {
  const text = raw.normalize('NFC').trim();
  if (CCCD.test(text)) return 'cccd_qr';
  if (tokenOfTicketQr(text) !== null) return 'ticket_qr';
  if (APPOINTMENT.test(text)) return 'appointment_qr';
  if (DOSSIER.test(text)) return 'dossier_code';
  return 'unknown';
}
