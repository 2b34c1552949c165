/**
 * Bitmap: a 1-bit image in exactly the layout GS v 0 sends: rows top to bottom, each row
 * `stride` bytes, most significant bit = leftmost dot, 1 = black. Pure.
 */
export interface Bitmap {
  /** Width in dots; stride = ceil(width / 8). */
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function strideOf(width: number): number {
  return Math.ceil(width / 8);
}

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bitmap size must be whole dots: ${width}×${height}`);
  }
  return { width, height, data: new Uint8Array(strideOf(width) * height) };
}

export function getDot(bitmap: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  return ((bitmap.data[y * strideOf(bitmap.width) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

export function setDot(bitmap: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  const i = y * strideOf(bitmap.width) + (x >> 3);
  bitmap.data[i] = (bitmap.data[i] ?? 0) | (0x80 >> (x & 7));
}

export function fillRect(bitmap: Bitmap, x: number, y: number, width: number, height: number): void {
  for (let yy = y; yy < y + height; yy++) for (let xx = x; xx < x + width; xx++) setDot(bitmap, xx, yy);
}

/** ORs `source` into `target` at (x, y), each source dot drawn as a scale×scale block. */
export function blit(target: Bitmap, source: Bitmap, x: number, y: number, scale = 1): void {
  for (let sy = 0; sy < source.height; sy++) {
    for (let sx = 0; sx < source.width; sx++) {
      if (getDot(source, sx, sy)) fillRect(target, x + sx * scale, y + sy * scale, scale, scale);
    }
  }
}

/** Stacks bitmaps vertically into one of the given width (each left-aligned as drawn). */
export function stack(width: number, parts: readonly Bitmap[]): Bitmap {
  const height = parts.reduce((h, p) => h + p.height, 0);
  const out = createBitmap(width, height);
  let y = 0;
  for (const part of parts) {
    blit(out, part, 0, y);
    y += part.height;
  }
  return out;
}
