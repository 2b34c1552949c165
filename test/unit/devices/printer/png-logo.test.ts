import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { printerProfile } from '../../../../devices/printer/printer-profile.ts';
import { getDot } from '../../../../devices/printer/raster/bitmap.ts';
import { logoFromPng } from '../../../../devices/printer/raster/png-logo.ts';
import { layoutTicket } from '../../../../devices/printer/ticket-layout.ts';
import { renderTicket } from '../../../../devices/printer/ticket-render.ts';
import { VIETNAMESE_TICKET } from '../../../support/ticket-jobs.ts';

/** A width×height PNG, black where paint(x, y) is true, transparent where it returns null. */
function png(width: number, height: number, paint: (x: number, y: number) => boolean | null): Uint8Array {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = paint(x, y);
      const i = (y * width + x) * 4;
      image.data[i] = image.data[i + 1] = image.data[i + 2] = v ? 0 : 255;
      image.data[i + 3] = v === null ? 0 : 255;
    }
  }
  return PNG.sync.write(image);
}

describe('logo from PNG', () => {
  it('prints dark pixels, not light or transparent ones', () => {
    const logo = logoFromPng(
      png(4, 2, (x) => (x === 3 ? null : x < 2)),
      { maxWidth: 100 },
    );
    assert.deepEqual([logo.width, logo.height], [4, 2]);
    assert.deepEqual(
      [0, 1, 2, 3].map((x) => getDot(logo, x, 1)),
      [true, true, false, false],
    );
  });

  it('scales a logo down to the limits keeping its aspect ratio', () => {
    const logo = logoFromPng(
      png(400, 200, (x) => x < 200),
      { maxWidth: 100, maxHeight: 100 },
    );
    assert.deepEqual([logo.width, logo.height], [100, 50]);
    assert.equal(getDot(logo, 10, 10), true);
    assert.equal(getDot(logo, 90, 10), false);
  });

  it('rejects bytes that are not a PNG', () => {
    assert.throws(() => logoFromPng(Uint8Array.of(1, 2, 3), { maxWidth: 10 }), /not a readable PNG/);
  });

  it('is printed centred at the top of the ticket', () => {
    const logo = logoFromPng(
      png(64, 64, () => true),
      { maxWidth: 200 },
    );
    const blocks = layoutTicket(VIETNAMESE_TICKET, { logo });
    assert.equal(blocks[0]?.kind, 'image');
    const first = renderTicket(blocks, printerProfile('epson-tm-t88')).find((c) => c.op === 'raster');
    assert.ok(first?.op === 'raster');
    // Row 0 of the first band: dots 256–319 (centred 64-dot logo on 576 dots) are black, the rest white.
    const row = first.data.subarray(0, 72);
    assert.deepEqual([...row.subarray(31, 41)], [0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0]);
  });
});
