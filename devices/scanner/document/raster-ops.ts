/**
 * Small raster operations on RasterImage (8-bit, row-major): grey conversion and box-filter
 * downscaling. Pure; used by the page checks, the previews and the OCR input.
 */
import type { RasterImage } from './pnm-codec.ts';

/** Luma (ITU-R BT.601 weights, integer arithmetic); a grey image is returned as it is. */
export function toGrey(image: RasterImage): RasterImage {
  if (image.channels === 1) return image;
  const n = image.width * image.height;
  const data = new Uint8Array(n);
  const src = image.data;
  for (let p = 0, s = 0; p < n; p++, s += 3) data[p] = (src[s]! * 299 + src[s + 1]! * 587 + src[s + 2]! * 114 + 500) / 1000;
  return { width: image.width, height: image.height, channels: 1, data };
}

/** Shrinks so the longer side is at most maxSide (never enlarges); each output pixel is the mean of its box. */
export function downscale(image: RasterImage, maxSide: number): RasterImage {
  const factor = Math.max(image.width, image.height) / maxSide;
  if (factor <= 1) return image;
  const width = Math.max(1, Math.round(image.width / factor));
  const height = Math.max(1, Math.round(image.height / factor));
  const c = image.channels;
  const data = new Uint8Array(width * height * c);
  const sums = new Float64Array(c);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      sums.fill(0);
      for (let sy = y0; sy < y1; sy++) {
        let s = (sy * image.width + x0) * c;
        for (let sx = x0; sx < x1; sx++) for (let k = 0; k < c; k++) sums[k]! += image.data[s++]!;
      }
      const count = (y1 - y0) * (x1 - x0);
      for (let k = 0; k < c; k++) data[(y * width + x) * c + k] = Math.round(sums[k]! / count);
    }
  }
  return { width, height, channels: c, data };
}
