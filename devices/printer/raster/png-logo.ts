/**
 * A hall's logo (PNG, e.g. from the site's brand folder) → the 1-bit image printed at the top of
 * the ticket. Pixels darker than the threshold (luminance 0–255, transparent counts as white)
 * print; a logo wider or taller than the limits is scaled down (nearest neighbour) keeping its
 * aspect ratio. Pure apart from PNG decoding.
 */
import { PNG } from 'pngjs';
import { createBitmap, setDot, type Bitmap } from './bitmap.ts';

export interface LogoOptions {
  readonly maxWidth: number;
  readonly maxHeight?: number;
  readonly threshold?: number;
}

/** Largest side of a logo decoded: a small PNG may declare a huge image, and decoding it would take the memory of the process. */
export const MAX_LOGO_SIDE = 2048;

export function logoFromPng(png: Uint8Array, options: LogoOptions): Bitmap {
  // The IHDR chunk comes first: width and height are bytes 16–23, read before anything is decoded.
  const header = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (header.length < 24 || header.toString('latin1', 12, 16) !== 'IHDR') throw new Error('logo is not a readable PNG: no IHDR header');
  const [declaredWidth, declaredHeight] = [header.readUInt32BE(16), header.readUInt32BE(20)];
  if (declaredWidth > MAX_LOGO_SIDE || declaredHeight > MAX_LOGO_SIDE)
    throw new Error(`logo is ${declaredWidth}×${declaredHeight} px; at most ${MAX_LOGO_SIDE} px a side is printed`);
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (error) {
    throw new Error(`logo is not a readable PNG: ${(error as Error).message}`);
  }
  const threshold = options.threshold ?? 128;
  const scale = Math.min(1, options.maxWidth / image.width, (options.maxHeight ?? 160) / image.height);
  const width = Math.max(1, Math.floor(image.width * scale));
  const height = Math.max(1, Math.floor(image.height * scale));
  const out = createBitmap(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.floor(x / scale));
      const sy = Math.min(image.height - 1, Math.floor(y / scale));
      const i = (sy * image.width + sx) * 4;
      const [r = 255, g = 255, b = 255, a = 255] = image.data.subarray(i, i + 4);
      const luminance = a < 128 ? 255 : 0.299 * r + 0.587 * g + 0.114 * b;
      if (luminance < threshold) setDot(out, x, y);
    }
  }
  return out;
}
