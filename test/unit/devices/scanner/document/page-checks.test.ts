/** Page checks on synthetic pages: white paper, straight text lines, the same lines turned by 3°. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RasterImage } from '../../../../../devices/scanner/document/pnm-codec.ts';
import { checkPage } from '../../../../../devices/scanner/document/page-checks.ts';
import { previewPngBase64 } from '../../../../../devices/scanner/document/page-preview.ts';
import { PNG } from 'pngjs';

const WIDTH = 1200;
const HEIGHT = 1600;

/** A white colour page with dark "words" (rectangles) on text lines, turned by `degrees` about the centre. */
function textPage(degrees: number): RasterImage {
  const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(245);
  const a = (-degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const inWord = (x: number, y: number): boolean => {
    if (x < 150 || x > 1050 || y < 200 || y > 1400) return false;
    const line = (y - 200) % 60;
    if (line >= 22) return false; // 22 px text, 38 px between lines
    return (x + Math.floor((y - 200) / 60) * 37) % 90 < 70; // words of 70 px, gaps of 20 px
  };
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      // Sample the straight page at the point this pixel shows when the page is turned.
      const dx = x - WIDTH / 2;
      const dy = y - HEIGHT / 2;
      const sx = Math.round(dx * cos - dy * sin + WIDTH / 2);
      const sy = Math.round(dx * sin + dy * cos + HEIGHT / 2);
      if (inWord(sx, sy)) data.fill(30, (y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3);
    }
  }
  return { width: WIDTH, height: HEIGHT, channels: 3, data };
}

describe('page checks', () => {
  it('a white page is blank', () => {
    const white = { width: WIDTH, height: HEIGHT, channels: 3 as const, data: new Uint8Array(WIDTH * HEIGHT * 3).fill(250) };
    assert.deepEqual(checkPage(white).warnings, ['blank_page']);
  });

  it('a solid black page (empty glass, lid open) is blank too', () => {
    const black = { width: 400, height: 300, channels: 1 as const, data: new Uint8Array(400 * 300) };
    assert.deepEqual(checkPage(black).warnings, ['blank_page']);
  });

  it('straight text lines give no warning', () => {
    const check = checkPage(textPage(0));
    assert.deepEqual(check.warnings, []);
    assert.equal(Math.abs(check.skewDeg) < 0.5, true, `skew ${check.skewDeg}`);
  });

  for (const degrees of [3, -3]) {
    it(`text lines turned by ${degrees}° are skewed, and the estimate is within half a degree`, () => {
      const check = checkPage(textPage(degrees));
      assert.deepEqual(check.warnings, ['skewed']);
      assert.equal(Math.abs(Math.abs(check.skewDeg) - 3) <= 0.5, true, `skew ${check.skewDeg}`);
    });
  }

  it('the preview is a PNG of at most 256 px on its longer side', () => {
    const png = PNG.sync.read(Buffer.from(previewPngBase64(textPage(0)), 'base64'));
    assert.equal(png.height, 256);
    assert.equal(png.width, 192);
  });
});
