/**
 * The review screen's thumbnail of a scanned page: the page shrunk to at most 256 px on its longer
 * side, as PNG (pngjs), base64 for the JSON device wire.
 */
import { PNG } from 'pngjs';
import type { RasterImage } from './pnm-codec.ts';
import { downscale } from './raster-ops.ts';

export const PREVIEW_SIDE = 256;

export function previewPngBase64(image: RasterImage): string {
  const small = downscale(image, PREVIEW_SIDE);
  const png = new PNG({ width: small.width, height: small.height });
  const n = small.width * small.height;
  for (let p = 0; p < n; p++) {
    const s = p * small.channels;
    png.data[p * 4] = small.data[s]!;
    png.data[p * 4 + 1] = small.data[small.channels === 3 ? s + 1 : s]!;
    png.data[p * 4 + 2] = small.data[small.channels === 3 ? s + 2 : s]!;
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png).toString('base64');
}
