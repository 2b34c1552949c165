/** The `sim:card` reader: a slot for one virtual CCCD, personalised and signed by the simulator's own issuing authority. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCardReaderService } from '../../../../devices/card-reader/card-reader-service.ts';
import { CardChannelError } from '../../../../devices/common/card-channel.ts';
import { CardReaderSimulator } from '../../../../devices/simulators/card-reader.simulator.ts';
import { createSimulatedIssuer } from '../../../../devices/simulators/virtual-cccd/simulated-issuer.ts';

const READ = { key: { kind: 'can', can: '004321' }, dataGroups: [13] } as const;

describe('card reader simulator', () => {
  it('starts empty: a channel is refused with cardAbsent until a card is inserted', async () => {
    const reader = new CardReaderSimulator();
    assert.equal(reader.present, false);
    await assert.rejects(reader.factory(), (e: unknown) => e instanceof CardChannelError && e.cardAbsent);
  });

  it('insert and remove change presence and emit it without personal data', () => {
    const reader = new CardReaderSimulator();
    const events: unknown[] = [];
    reader.onPresence((p) => events.push(p));
    reader.insert({ citizen: { idNumber: '079185004321' } });
    reader.insert({ citizen: { idNumber: '001090001111' } }); // another card: the first one leaves
    reader.remove();
    assert.deepEqual(events, [
      { present: true, reader: 'sim:card' },
      { present: false, reader: 'sim:card' },
      { present: true, reader: 'sim:card' },
      { present: false, reader: 'sim:card' },
    ]);
  });

  it('the CAN defaults to the last six digits of the ID number', async () => {
    const reader = new CardReaderSimulator();
    reader.insert({ citizen: { idNumber: '079185004321', fullName: 'Phạm Thị Hồng' } });
    const r = await createCardReaderService(reader.factory, { trustStore: [reader.issuer.csca] }).readCard(READ);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.fullName, 'Phạm Thị Hồng');
    assert.equal(r.value.authenticity, 'verified');
  });

  it('a simulated card is verified only against its own issuer: another CSCA leaves the chain untrusted', async () => {
    const reader = new CardReaderSimulator();
    reader.insert({ citizen: { idNumber: '079185004321' } });
    const r = await createCardReaderService(reader.factory, { trustStore: [createSimulatedIssuer().csca] }).readCard(READ);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.authenticity, 'chain_untrusted');
  });

  it('removeAfterApdus lifts the card mid-read and it stays off', async () => {
    const reader = new CardReaderSimulator();
    reader.insert({ citizen: { idNumber: '079185004321' } });
    reader.removeAfterApdus(3);
    const r = await createCardReaderService(reader.factory, { trustStore: [reader.issuer.csca] }).readCard(READ);
    assert.equal(r.ok ? null : r.fault, 'card_removed');
    assert.equal(reader.present, false);
    assert.equal(reader.apduCount, 3);
    assert.throws(() => reader.removeAfterApdus(1), /no card on the reader/);
    assert.throws(() => new CardReaderSimulator().removeAfterApdus(0), /whole number ≥ 1/);
  });
});
