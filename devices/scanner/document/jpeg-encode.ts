/**
 * A page image as baseline JPEG (jpeg-js, pure JavaScript) for the PDF: at 200 dpi an A4 colour
 * page is ~11 MB raw and 0.3–0.8 MB as JPEG quality 80, which keeps a paper's PDF small enough
 * to travel as JSON to the screen and into the dossier.
 */
import jpeg from 'jpeg-js';
import type { RasterImage } from './pnm-codec.ts';

export const JPEG_QUALITY = 80;

export function encodeJpeg(image: RasterImage, quality: number = JPEG_QUALITY): Uint8Array {
  const n = image.width * image.height;
  const rgba = new Uint8Array(n * 4);
  const c = image.channels;
  for (let p = 0; p < n; p++) {
    const s = p * c;
    rgba[p * 4] = image.data[s]!;
    rgba[p * 4 + 1] = image.data[c === 3 ? s + 1 : s]!;
    rgba[p * 4 + 2] = image.data[c === 3 ? s + 2 : s]!;
    rgba[p * 4 + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: image.width, height: image.height }, quality).data;
}
