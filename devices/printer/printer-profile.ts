/**
 * Printer profiles: what a printer model can do, as JSON data (profiles/*.json), validated here
 * so a bad profile fails at startup with the field named. Vendor differences live in profiles,
 * never in `if (vendor === …)` branches.
 */
import { z } from 'zod';
import epsonTmT88 from './profiles/epson-tm-t88.json' with { type: 'json' };
import generic58 from './profiles/generic-58.json' with { type: 'json' };
import xprinter80 from './profiles/xprinter-80.json' with { type: 'json' };

export const printerProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  paperWidthMm: z.number().int().positive(),
  /** Printable dots per line at normal density (203 dpi: 576 on 80 mm paper, 384 on 58 mm). */
  dotsPerLine: z.number().int().min(8).max(2048).multipleOf(8),
  dotsPerMm: z.number().positive(),
  /** The printer draws QR codes itself (GS ( k); otherwise the QR is sent as raster. */
  nativeQr: z.boolean(),
  qrModuleDots: z.number().int().min(1).max(16),
  /** A code page with Vietnamese letters (ESC t page); null = Vietnamese is printed as raster only. */
  vietnameseCodePage: z.strictObject({ page: z.number().int().min(0).max(255), encoding: z.literal('cp1258') }).nullable(),
  /** Tallest GS v 0 image the printer buffers in one command; taller images are sent in bands. */
  maxRasterRows: z.number().int().min(8).max(4096),
  /** The printer answers GS ( H with its process id once everything before it was printed (print-completion confirmation). */
  processIdResponse: z.boolean(),
  cut: z.enum(['full', 'partial', 'none']),
  feedBeforeCut: z.number().int().min(0).max(255),
});
export type PrinterProfile = z.infer<typeof printerProfileSchema>;

export const PRINTER_PROFILES: Readonly<Record<string, PrinterProfile>> = Object.fromEntries(
  [epsonTmT88, xprinter80, generic58].map((json) => {
    const profile = printerProfileSchema.parse(json);
    return [profile.id, profile];
  }),
);

export const DEFAULT_PRINTER_PROFILE = 'epson-tm-t88';

export function printerProfile(id: string = DEFAULT_PRINTER_PROFILE): PrinterProfile {
  const profile = PRINTER_PROFILES[id];
  if (profile === undefined) {
    throw new Error(`unknown printer profile '${id}'; known: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
  }
  return profile;
}
