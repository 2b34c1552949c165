/**
 * Ticket blocks → ESC/POS commands for one printer profile.
 *   raster (default): every text block is drawn with the bitmap fonts and sent as GS v 0, so
 *     Vietnamese prints correctly on any printer; images taller than the profile's
 *     maxRasterRows go in bands.
 *   codepage: text goes as CP1258 bytes in the profile's Vietnamese code page (ESC t); allowed
 *     only for profiles that declare one.
 * QR: native GS ( k where the profile allows, otherwise drawn as raster from the qrcode package.
 */
import QRCode from 'qrcode';
import { utf8Bytes } from '../common/bytes.ts';
import type { EscPosCommand } from './escpos/command.ts';
import { encodeCp1258 } from './escpos/cp1258.ts';
import { qrCommands } from './escpos/qr.ts';
import { renderTextLine, wrapText, type FontName } from './fonts/bitmap-font.ts';
import type { PrinterProfile } from './printer-profile.ts';
import { blit, createBitmap, fillRect, strideOf, type Bitmap } from './raster/bitmap.ts';
import type { TicketBlock } from './ticket-layout.ts';

export type TextMode = 'raster' | 'codepage';

export interface RenderOptions {
  readonly textMode?: TextMode;
}

/** Code-page mode: GS ! size per font (the printer's own 12×24 font scaled). */
const CODEPAGE_SIZE: Readonly<Record<FontName, readonly [number, number]>> = {
  small: [1, 1],
  body: [1, 1],
  title: [1, 2],
  number: [4, 4],
};
const MARGIN_DOTS = 8;

function rasterCommands(bitmap: Bitmap, maxRows: number): EscPosCommand[] {
  const stride = strideOf(bitmap.width);
  const out: EscPosCommand[] = [];
  for (let y = 0; y < bitmap.height; y += maxRows) {
    const rows = Math.min(maxRows, bitmap.height - y);
    out.push({ op: 'raster', width: stride * 8, height: rows, data: bitmap.data.slice(y * stride, (y + rows) * stride) });
  }
  return out;
}

/** The QR as a 1-bit image centred on the line, quiet zone of 4 modules included. */
export function qrBitmap(data: string, width: number, moduleDots: number): Bitmap {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const side = (size + 8) * moduleDots;
  if (side > width) throw new RangeError(`QR of ${size} modules does not fit ${width} dots at ${moduleDots} dots/module`);
  const out = createBitmap(width, side);
  const left = Math.floor((width - side) / 2) + 4 * moduleDots;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) fillRect(out, left + x * moduleDots, 4 * moduleDots + y * moduleDots, moduleDots, moduleDots);
    }
  }
  return out;
}

/** A text block as raster lines (wrapped to the paper), exactly as the ticket prints them; tests read tickets back with it. */
export function textBitmaps(block: Extract<TicketBlock, { kind: 'text' }>, width: number): Bitmap[] {
  return wrapText(block.font, block.text, width - 2 * MARGIN_DOTS).map((line) => renderTextLine(block.font, line, width, block.align, 1, MARGIN_DOTS));
}

function ruleBitmap(width: number): Bitmap {
  const out = createBitmap(width, 12);
  fillRect(out, MARGIN_DOTS, 5, width - 2 * MARGIN_DOTS, 2);
  return out;
}

function centred(bitmap: Bitmap, width: number): Bitmap {
  if (bitmap.width > width) throw new RangeError(`image ${bitmap.width} dots wide exceeds the ${width}-dot line`);
  const out = createBitmap(width, bitmap.height);
  blit(out, bitmap, Math.floor((width - bitmap.width) / 2), 0);
  return out;
}

export function renderTicket(blocks: readonly TicketBlock[], profile: PrinterProfile, options: RenderOptions = {}): EscPosCommand[] {
  const mode = options.textMode ?? 'raster';
  const codePage = profile.vietnameseCodePage;
  if (mode === 'codepage' && codePage === null) {
    throw new Error(`printer profile '${profile.id}' declares no Vietnamese code page; print Vietnamese as raster`);
  }
  const width = profile.dotsPerLine;
  const out: EscPosCommand[] = [{ op: 'init' }];
  if (mode === 'codepage' && codePage !== null) out.push({ op: 'codePage', page: codePage.page });
  // Raster images are sent as they come; consecutive ones are merged so the paper moves once.
  let pending: Bitmap[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const height = pending.reduce((h, b) => h + b.height, 0);
    const merged = createBitmap(width, height);
    let y = 0;
    for (const part of pending) {
      merged.data.set(part.data, y * strideOf(width));
      y += part.height;
    }
    out.push({ op: 'align', align: 'left' }, ...rasterCommands(merged, profile.maxRasterRows));
    pending = [];
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        if (mode === 'raster') pending.push(...textBitmaps(block, width));
        else {
          flush();
          const [w, h] = CODEPAGE_SIZE[block.font];
          out.push({ op: 'align', align: block.align }, { op: 'textSize', width: w, height: h });
          out.push({ op: 'text', bytes: encodeCp1258(block.text).bytes }, { op: 'lineFeed' }, { op: 'textSize', width: 1, height: 1 });
        }
        break;
      case 'image':
        pending.push(centred(block.bitmap, width));
        break;
      case 'rule':
        pending.push(ruleBitmap(width));
        break;
      case 'space':
        pending.push(createBitmap(width, block.dots));
        break;
      case 'qr':
        if (profile.nativeQr) {
          flush();
          out.push({ op: 'align', align: 'center' }, ...qrCommands(utf8Bytes(block.data), profile.qrModuleDots, 'M'), { op: 'lineFeed' });
        } else pending.push(qrBitmap(block.data, width, profile.qrModuleDots));
        break;
    }
  }
  flush();
  out.push({ op: 'feedLines', lines: profile.feedBeforeCut });
  if (profile.cut !== 'none') out.push({ op: 'cut', mode: profile.cut, feed: 0 });
  return out;
}
