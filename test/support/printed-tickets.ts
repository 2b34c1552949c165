/**
 * Reads tickets back from what a PrinterSimulator printed, the way a person reads the paper: the
 * roll is cut into tickets at each cut, every QR code on a ticket is scanned from the printed dots
 * (jsqr), and a line of text is found by its dots (the ticket's own bitmap fonts drawn at the
 * layout's position, matched row for row against the paper). Raster tickets carry no text bytes,
 * so this is how a test asserts the number or the priority mark actually came out of the printer.
 */
import jsqrModule from 'jsqr';
import type { FontName } from '../../devices/printer/fonts/bitmap-font.ts';
import { createBitmap, getDot, strideOf, type Bitmap } from '../../devices/printer/raster/bitmap.ts';
import type { TicketAlign } from '../../devices/printer/ticket-layout.ts';
import { textBitmaps } from '../../devices/printer/ticket-render.ts';
import type { RollItem } from '../../devices/simulators/printer.simulator.ts';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS: under NodeNext its function is the default export's `default` (TOOLCHAIN.md).
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? (jsqrModule as unknown as JsQr)) as JsQr;

/** Blank dot rows that separate a QR (quiet zone: 4 modules of ≥ 3 dots) from its neighbours. */
const BAND_GAP_ROWS = 10;
const QUIET_PADDING = 16;

export interface PrintedTicket {
  /** The ticket's paper, top to bottom, as one bitmap. */
  readonly paper: Bitmap;
  /** Every QR code on the ticket, top to bottom. */
  readonly qrCodes: readonly string[];
}

/** The tickets on a roll: the paper between cuts (a printer without a cutter leaves one long ticket). */
export function printedTickets(roll: readonly RollItem[]): PrintedTicket[] {
  const tickets: PrintedTicket[] = [];
  let parts: Bitmap[] = [];
  const close = (): void => {
    if (parts.length === 0) return;
    const paper = stackRows(parts);
    tickets.push({ paper, qrCodes: scanQrCodes(paper) });
    parts = [];
  };
  for (const item of roll) {
    if (item.kind === 'cut') close();
    else parts.push(item.bitmap);
  }
  close();
  return tickets;
}

/** Whether the text block (font, alignment, wrapping as the layout prints it) appears on the paper. */
export function showsText(ticket: PrintedTicket, font: FontName, align: TicketAlign, text: string): boolean {
  const lines = textBitmaps({ kind: 'text', font, align, text }, ticket.paper.width);
  let from = 0;
  for (const line of lines) {
    const at = findRows(ticket.paper, line, from);
    if (at < 0) return false;
    from = at + line.height;
  }
  return lines.length > 0;
}

function stackRows(parts: readonly Bitmap[]): Bitmap {
  const width = Math.max(...parts.map((p) => p.width));
  const out = createBitmap(
    width,
    parts.reduce((h, p) => h + p.height, 0),
  );
  let y = 0;
  for (const part of parts) {
    for (let py = 0; py < part.height; py++, y++)
      for (let x = 0; x < part.width; x++) if (getDot(part, x, py)) out.data[y * strideOf(width) + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return out;
}

/** First y ≥ from where every row of `needle` equals the paper's row; -1 when nowhere. */
function findRows(paper: Bitmap, needle: Bitmap, from: number): number {
  const stride = strideOf(paper.width);
  if (strideOf(needle.width) !== stride) return -1;
  const hay = Buffer.from(paper.data.buffer, paper.data.byteOffset, paper.data.length);
  const pin = Buffer.from(needle.data.buffer, needle.data.byteOffset, needle.data.length);
  for (let y = from; y + needle.height <= paper.height; y++) {
    if (hay.compare(pin, 0, pin.length, y * stride, (y + needle.height) * stride) === 0) return y;
  }
  return -1;
}

/** Splits the paper into bands at runs of blank rows and scans each band that could hold a QR. */
function scanQrCodes(paper: Bitmap): string[] {
  const stride = strideOf(paper.width);
  const blank = (y: number): boolean => paper.data.subarray(y * stride, (y + 1) * stride).every((b) => b === 0);
  const codes: string[] = [];
  let y = 0;
  while (y < paper.height) {
    while (y < paper.height && blank(y)) y++;
    const top = y;
    let gap = 0;
    while (y < paper.height && gap < BAND_GAP_ROWS) {
      gap = blank(y) ? gap + 1 : 0;
      y++;
    }
    const bottom = y - gap;
    if (bottom - top >= 60) {
      const found = scanBand(paper, top, bottom);
      if (found !== null) codes.push(found);
    }
  }
  return codes;
}

function scanBand(paper: Bitmap, top: number, bottom: number): string | null {
  const width = paper.width + 2 * QUIET_PADDING;
  const height = bottom - top + 2 * QUIET_PADDING;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(0xff);
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < paper.width; x++) {
      if (!getDot(paper, x, y)) continue;
      const i = ((y - top + QUIET_PADDING) * width + x + QUIET_PADDING) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
    }
  }
  return jsQR(rgba, width, height)?.data ?? null;
}
