/**
 * Netpbm images as `scanimage --format=pnm` writes them (netpbm.sourceforge.net/doc/pgm.html, ppm.html):
 *   "P5" (grey) or "P6" (RGB), whitespace, width, whitespace, height, whitespace, maxval, ONE
 *   whitespace byte, then width × height × channels samples, row by row, top to bottom; samples are
 *   one byte when maxval < 256, otherwise two bytes big-endian. '#' starts a comment up to the end of
 *   the line in the header (scanimage writes "# SANE data follows").
 * Decoding is strict: a header that is not P5/P6, a zero size, or fewer sample bytes than the header
 * promises is a PnmError, so a scan cut short is refused instead of becoming half a page. Pure.
 */

/** 8-bit raster, row-major, `channels` interleaved samples per pixel. */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

export class PnmError extends Error {
  override readonly name = 'PnmError';
}

/** Largest side accepted: 1200 dpi over 432 mm (A3 long side) is ~20 400 px. */
const MAX_SIDE = 30_000;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0b || byte === 0x0c;
}

/** Reads the header's decimal fields; returns them and the offset of the first sample byte. */
function readHeader(bytes: Uint8Array): { magic: string; fields: number[]; offset: number } {
  if (bytes.length < 2) throw new PnmError(`not a PNM image: ${bytes.length} bytes`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!);
  if (magic !== 'P5' && magic !== 'P6')
    throw new PnmError(`unsupported image format '${magic.replace(/[^\x20-\x7e]/g, '?')}': expected binary PNM (P5 grey or P6 colour)`);
  let i = 2;
  const fields: number[] = [];
  while (fields.length < 3) {
    if (i >= bytes.length) throw new PnmError('truncated PNM header');
    const byte = bytes[i]!;
    if (isSpace(byte)) {
      i++;
    } else if (byte === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (byte >= 0x30 && byte <= 0x39) {
      let value = 0;
      while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
        value = value * 10 + (bytes[i]! - 0x30);
        if (value > 0xffffff) throw new PnmError('PNM header number too large');
        i++;
      }
      fields.push(value);
    } else {
      throw new PnmError(`unexpected byte 0x${byte.toString(16)} in the PNM header`);
    }
  }
  if (i >= bytes.length || !isSpace(bytes[i]!)) throw new PnmError('truncated PNM header');
  return { magic, fields, offset: i + 1 };
}

export function decodePnm(bytes: Uint8Array): RasterImage {
  const { magic, fields, offset } = readHeader(bytes);
  const [width = 0, height = 0, maxval = 0] = fields;
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) throw new PnmError(`image size ${width}×${height} is out of range`);
  if (maxval < 1 || maxval > 65535) throw new PnmError(`PNM maxval ${maxval} is out of range 1–65535`);
  const channels = magic === 'P6' ? 3 : 1;
  const bytesPerSample = maxval < 256 ? 1 : 2;
  const samples = width * height * channels;
  const expected = samples * bytesPerSample;
  const available = bytes.length - offset;
  if (available < expected) {
    throw new PnmError(
      `truncated image data: the header announces ${width}×${height} ${channels === 3 ? 'colour' : 'grey'} (${expected} bytes), only ${available} arrived`,
    );
  }
  const data = new Uint8Array(samples);
  if (bytesPerSample === 1 && maxval === 255) {
    data.set(bytes.subarray(offset, offset + samples));
  } else {
    for (let s = 0; s < samples; s++) {
      const raw = bytesPerSample === 1 ? bytes[offset + s]! : (bytes[offset + 2 * s]! << 8) | bytes[offset + 2 * s + 1]!;
      data[s] = Math.round((Math.min(raw, maxval) * 255) / maxval);
    }
  }
  return { width, height, channels, data };
}

/** The image as binary PNM (P5 or P6, maxval 255): the encoder matching decodePnm. */
export function encodePnm(image: RasterImage): Uint8Array {
  const header = new TextEncoder().encode(`${image.channels === 3 ? 'P6' : 'P5'}\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}
