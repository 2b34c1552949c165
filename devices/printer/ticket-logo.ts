/**
 * The hall's logo as a ticket prints it: the PNG the kiosk sends with the job (TicketPrintJob
 * logoPng, the hall's getHallLogo) made 1-bit, at most a third of the paper's width. Decoded once
 * per logo and paper width: every ticket of the day carries the same logo.
 */
import type { Bitmap } from './raster/bitmap.ts';
import { logoFromPng } from './raster/png-logo.ts';
import type { PrinterProfile } from './printer-profile.ts';

/** Longest base64 text accepted for a logo (the site loader keeps logos to 256 KiB). */
export const MAX_LOGO_BASE64 = Math.ceil((256 * 1024) / 3) * 4;
const MAX_LOGO_HEIGHT_DOTS = 120;

let last: { readonly base64: string; readonly dots: number; readonly bitmap: Bitmap } | null = null;

/** The logo to print on this profile's paper, or null when the job carries none. Throws when it is not a readable PNG. */
export function ticketLogo(logoPng: string | undefined, profile: PrinterProfile): Bitmap | null {
  if (logoPng === undefined) return null;
  if (last !== null && last.base64 === logoPng && last.dots === profile.dotsPerLine) return last.bitmap;
  if (logoPng.length > MAX_LOGO_BASE64 || !/^[A-Za-z0-9+/]*={0,2}$/.test(logoPng)) throw new RangeError('ticket job: logoPng is not base64 of at most 256 KiB');
  const bitmap = logoFromPng(Buffer.from(logoPng, 'base64'), { maxWidth: Math.floor(profile.dotsPerLine / 3), maxHeight: MAX_LOGO_HEIGHT_DOTS });
  last = { base64: logoPng, dots: profile.dotsPerLine, bitmap };
  return bitmap;
}
