// PC/SC return codes found in @pokusew/pcsclite messages become CardChannelError flags.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pcscCode, toChannelError } from '../../../../devices/transports/pcsc-errors.ts';

describe('PC/SC errors', () => {
  it('reads the code from the message', () => {
    assert.equal(pcscCode(new Error('SCardTransmit error: Card was removed.(0x80100069)')), 0x80100069);
    assert.equal(pcscCode(new Error('no code')), null);
  });
  const cases = [
    ['SCardTransmit error: Card was removed.(0x80100069)', 'cardRemoved'],
    ['SCardTransmit error: Card was reset.(0x80100068)', 'cardRemoved'],
    ['SCardTransmit error: Transaction failed.(0x80100016)', 'cardRemoved'],
    ['SCardConnect error: No smart card inserted.(0x8010000C)', 'cardAbsent'],
    ['SCardEstablishContext error: Service not available.(0x8010001D)', 'readerUnavailable'],
  ] as const;
  for (const [message, flag] of cases) {
    it(`${message.slice(0, 40)}… → ${flag}`, () => {
      const e = toChannelError('op', new Error(message));
      assert.equal(e[flag], true);
      for (const other of ['cardRemoved', 'cardAbsent', 'readerUnavailable'] as const) if (other !== flag) assert.equal(e[other], false);
    });
  }
});
