// The chip side: what the virtual CCCD refuses, like the real card does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex, hex } from '../../../../devices/card-reader/bytes.ts';
import { decodeResponse, encodeCommand } from '../../../../devices/card-reader/protocol/apdu.ts';
import { CardSession } from '../../../../devices/card-reader/protocol/card-session.ts';
import { establishAccess } from '../../../../devices/card-reader/protocol/access-control.ts';
import { MemoryCardReader } from '../../../../devices/simulators/virtual-cccd/memory-channel.ts';
import { DEMO_CAN, demoCard } from '../../../support/virtual-cccd.fixture.ts';

const sw = (r: Uint8Array): string => hex(r.subarray(r.length - 2));

describe('virtual CCCD', () => {
  it('answers SELECT MF with 6D00 and EF.CardAccess by SFI without authentication', () => {
    const card = demoCard();
    assert.equal(sw(card.transmit(fromHex('00A4000C023F00'))), '6D00');
    const r = decodeResponse(card.transmit(encodeCommand({ cla: 0, ins: 0xb0, p1: 0x9c, p2: 0, ne: 256 })));
    assert.equal(r.sw, 0x6282);
    assert.equal(r.data[0], 0x31);
  });
  it('refuses DG13 before access control with 6982', () => {
    const card = demoCard();
    assert.equal(sw(card.transmit(fromHex('00A4040C07A0000002471001'))), '9000');
    assert.equal(sw(card.transmit(encodeCommand({ cla: 0, ins: 0xb0, p1: 0x8d, p2: 0, ne: 8 }))), '6982');
  });
  it('ends the SM session on a plain command after PACE (6988), and a new PACE restores access', async () => {
    const reader = new MemoryCardReader(demoCard());
    const session = new CardSession(await reader.factory());
    await establishAccess(session, { kind: 'can', can: DEMO_CAN });
    assert.equal(sw(reader.card.transmit(encodeCommand({ cla: 0, ins: 0xb0, p1: 0x8d, p2: 0, ne: 8 }))), '6988');
    const again = new CardSession(await reader.factory());
    await establishAccess(again, { kind: 'can', can: DEMO_CAN });
    const r = await again.send({ cla: 0, ins: 0xb0, p1: 0x8d, p2: 0, ne: 4 });
    assert.equal(r.sw, 0x9000);
    assert.equal(hex(r.data).slice(0, 2), '6D');
  });
  it('refuses extended APDUs when configured without extended length', () => {
    const card = demoCard({ extendedLength: false });
    assert.equal(sw(card.transmit(fromHex('00840000000008'))), '6700');
    assert.equal(sw(demoCard().transmit(fromHex('00840000000008'))), '9000');
  });
});
