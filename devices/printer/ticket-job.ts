/** TicketPrintJob → printable bytes: layout, render for the profile, encode. Pure. */
import type { TicketPrintJob } from '../../electron/common/device-contract.ts';
import { encodeCommands } from './escpos/encode.ts';
import type { PrinterProfile } from './printer-profile.ts';
import { layoutTicket, type TicketLayoutOptions } from './ticket-layout.ts';
import { renderTicket, type RenderOptions } from './ticket-render.ts';

export function encodeTicket(job: TicketPrintJob, profile: PrinterProfile, options: TicketLayoutOptions & RenderOptions = {}): Uint8Array {
  return encodeCommands(renderTicket(layoutTicket(job, options), profile, options));
}
