import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrinterStatus } from '../../../../electron/common/device-contract.ts';
import { StatusByteError, decodeStatusBytes, encodeStatusByte } from '../../../../devices/printer/escpos/status.ts';
import { printerCondition, printerFault } from '../../../../devices/printer/printer-status.ts';

const READY: PrinterStatus = { online: true, paperNearEnd: false, paperOut: false, coverOpen: false };
const replies = (s: PrinterStatus) => ({ 1: encodeStatusByte(1, s), 2: encodeStatusByte(2, s), 4: encodeStatusByte(4, s) });

describe('DLE EOT status bytes', () => {
  it('a ready printer answers the fixed bits only (0x12)', () => {
    assert.deepEqual(replies(READY), { 1: 0x12, 2: 0x12, 4: 0x12 });
  });

  const cases: readonly (readonly [string, PrinterStatus, PrinterStatus, string | null])[] = [
    ['ready', READY, READY, null],
    ['paper near end', { ...READY, paperNearEnd: true }, { ...READY, paperNearEnd: true }, 'paper_near_end'],
    ['paper out (offline too)', { ...READY, paperOut: true }, { ...READY, online: false, paperOut: true }, 'paper_out'],
    ['cover open (offline too)', { ...READY, coverOpen: true }, { ...READY, online: false, coverOpen: true }, 'cover_open'],
    ['offline', { ...READY, online: false }, { ...READY, online: false }, 'offline'],
  ];
  for (const [name, printer, decoded, condition] of cases) {
    it(`${name}: encodes and decodes to the status and condition the kiosk acts on`, () => {
      const status = decodeStatusBytes(replies(printer));
      assert.deepEqual(status, decoded);
      assert.equal(printerCondition(status), condition);
      assert.equal(printerFault(status), condition === 'paper_near_end' ? null : condition);
    });
  }

  const malformed: readonly (readonly [string, number, number, number])[] = [
    ['bit 0 set', 0x13, 0x12, 0x12],
    ['bit 7 set', 0x12, 0x92, 0x12],
    ['bit 1 clear', 0x12, 0x12, 0x10],
    ['bit 4 clear', 0x02, 0x12, 0x12],
    ['not a byte', 0x12, 0x112, 0x12],
  ];
  for (const [name, r1, r2, r4] of malformed) {
    it(`rejects a reply with ${name}`, () => {
      assert.throws(() => decodeStatusBytes({ 1: r1, 2: r2, 4: r4 }), StatusByteError);
    });
  }
});
