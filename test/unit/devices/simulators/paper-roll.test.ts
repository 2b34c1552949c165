import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import { printerProfile } from '../../../../devices/printer/printer-profile.ts';
import { encodeTicket } from '../../../../devices/printer/ticket-job.ts';
import { renderRollPng } from '../../../../devices/simulators/paper-roll.ts';
import { PrinterSimulator } from '../../../../devices/simulators/printer.simulator.ts';
import { VIETNAMESE_TICKET } from '../../../support/ticket-jobs.ts';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS: under NodeNext its function is the default export's `default` (TOOLCHAIN.md).
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? (jsqrModule as unknown as JsQr)) as JsQr;

function decodeQrFromPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const scan = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return scan?.data ?? null;
}

describe('paper roll PNG', () => {
  for (const profileId of ['epson-tm-t88', 'generic-58']) {
    it(`${profileId}: the printed QR (native or raster) scans back to the ticket status URL`, () => {
      const simulator = new PrinterSimulator(printerProfile(profileId));
      simulator.receive(encodeTicket(VIETNAMESE_TICKET, simulator.profile));
      const png = renderRollPng(simulator.roll, simulator.profile.dotsPerLine);
      assert.equal(decodeQrFromPng(png), VIETNAMESE_TICKET.qr.text);
      assert.equal(PNG.sync.read(png).width, simulator.profile.dotsPerLine + 32);
    });
  }

  it('a printer with paper out prints nothing', () => {
    const simulator = new PrinterSimulator(printerProfile('epson-tm-t88'));
    simulator.setStatus({ paperOut: true });
    simulator.receive(encodeTicket(VIETNAMESE_TICKET, simulator.profile));
    assert.deepEqual(simulator.roll, []);
    assert.ok(simulator.received.length > 0, 'the bytes were received and decoded');
  });
});
