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

export function logoFromPng(png: Uint8Array, options: LogoOptions): Bitmap {
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
