/** The simulator's paper roll as a PNG (pngjs): black dots on white paper, a dashed line at each cut. */
import { PNG } from 'pngjs';
import { getDot } from '../printer/raster/bitmap.ts';
import type { RollItem } from './printer.simulator.ts';

const CUT_HEIGHT = 16;
const MARGIN = 16;

export function renderRollPng(roll: readonly RollItem[], width: number): Buffer {
  const height = roll.reduce((h, item) => h + (item.kind === 'cut' ? CUT_HEIGHT : item.bitmap.height), 0) + 2 * MARGIN;
  const png = new PNG({ width: width + 2 * MARGIN, height, colorType: 0, inputColorType: 0, bitDepth: 8 });
  png.data.fill(0xff);
  const pixel = (x: number, y: number, value: number): void => {
    const i = (y * png.width + x) * 4;
    png.data[i] = png.data[i + 1] = png.data[i + 2] = value;
    png.data[i + 3] = 0xff;
  };
  let y = MARGIN;
  for (const item of roll) {
    if (item.kind === 'cut') {
      for (let x = 0; x < png.width; x++) if (x % 12 < 6) pixel(x, y + CUT_HEIGHT / 2, 0x80);
      y += CUT_HEIGHT;
      continue;
    }
    const { bitmap } = item;
    for (let by = 0; by < bitmap.height; by++) {
      for (let bx = 0; bx < Math.min(bitmap.width, width); bx++) if (getDot(bitmap, bx, by)) pixel(MARGIN + bx, y + by, 0);
    }
    y += bitmap.height;
  }
  return PNG.sync.write(png, { colorType: 0 });
}
