/**
 * The kiosk's CCCD reader wired by the device manager: `sim:card` (the virtual CCCD on the memory
 * card channel, read by the real card reader service) through the kiosk role API and the device
 * host, and a `pcsc:` reader whose PC/SC library is missing. Made-up citizens only.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { CardPresence, CardReadRequest, DeviceHealth } from '../../../../electron/common/device-contract.ts';
import { CardChannelError } from '../../../../devices/common/card-channel.ts';
import { startDeviceHost, type DeviceHost } from '../../../../devices/terminal/device-host.ts';
import { DeviceManager } from '../../../../devices/manager/device-manager.ts';
import { createKioskDevices } from '../../../../devices/terminal/role-devices.ts';
import { createTerminalIdentity } from '../../../../devices/terminal/terminal-identity.ts';
import { connectDeviceHost, type DeviceHostClient } from '../../../support/device-host-client.ts';

const CITIZEN = { idNumber: '079185004321', fullName: 'Phạm Thị Hồng', dateOfBirth: '02/09/1985', sex: 'Nữ' as const };
const CAN = '654321';
const READ: CardReadRequest = { key: { kind: 'can', can: CAN }, dataGroups: [1, 13], purpose: 'dossier' };

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function simulatedKiosk() {
  const manager = new DeviceManager([
    { id: 'printer', kind: 'printer', uri: 'sim:printer' },
    { id: 'card', kind: 'cardReader', uri: 'sim:card' },
  ]);
  await manager.start();
  cleanup.push(() => manager.stop());
  const kiosk = createKioskDevices(manager, createTerminalIdentity({ role: 'kiosk', counterId: null, deviceToken: null }));
  const card = manager.simulators.card;
  assert.ok(card, 'sim:card gives a card simulator');
  return { manager, kiosk, card };
}

describe('card reader in the device manager (sim:card)', () => {
  it('reads the inserted card with its CAN: the identity, from the chip, verified against the simulator CSCA', async () => {
    const { manager, kiosk, card } = await simulatedKiosk();
    const presence: CardPresence[] = [];
    kiosk.onCardPresence((p) => presence.push(p));
    card.insert({ citizen: CITIZEN, can: CAN });
    const r = await kiosk.readCard(READ);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.idNumber, CITIZEN.idNumber);
    assert.equal(r.value.fullName, CITIZEN.fullName);
    assert.equal(r.value.dateOfBirth, CITIZEN.dateOfBirth);
    assert.equal(r.value.sex, 'Nữ');
    assert.equal(r.value.source, 'chip');
    assert.equal(r.value.authenticity, 'verified');
    assert.deepEqual(presence, [{ present: true, reader: 'sim:card' }]);
    assert.ok(card.apduCount > 0);
    assert.deepEqual(
      manager.health().map((h) => [h.kind, h.id, h.state]),
      [
        ['printer', 'printer', 'ready'],
        ['cardReader', 'card', 'ready'],
      ],
    );
  });

  it('a wrong CAN is wrong_can; no card on the reader is card_removed', async () => {
    const { kiosk, card } = await simulatedKiosk();
    card.insert({ citizen: CITIZEN, can: CAN });
    const wrong = await kiosk.readCard({ ...READ, key: { kind: 'can', can: '111111' } });
    assert.equal(wrong.ok ? null : wrong.fault, 'wrong_can');
    card.remove();
    const none = await kiosk.readCard(READ);
    assert.equal(none.ok ? null : none.fault, 'card_removed');
  });

  it('the card lifted mid-read: card_removed, nothing kept, and the next card is read from scratch', async () => {
    const { manager, kiosk, card } = await simulatedKiosk();
    const presence: boolean[] = [];
    kiosk.onCardPresence((p) => presence.push(p.present));
    card.insert({ citizen: CITIZEN, can: CAN });
    card.removeAfterApdus(12); // after access control, inside DG1/DG13
    const r = await kiosk.readCard(READ);
    assert.equal(r.ok ? null : r.fault, 'card_removed');
    assert.equal(card.present, false);
    assert.deepEqual(presence, [true, false]);
    const report = manager.cardReader?.service.lastReport();
    assert.deepEqual(report?.fileBytes, {}, 'no file of the lifted card is kept');
    assert.equal(report?.passiveAuthentication, null);
    assert.equal(manager.cardReader?.health.state, 'ready', 'a lifted card is not a reader fault');

    // Another citizen's card: nothing of the first one is resumed or mixed in.
    card.insert({ citizen: { idNumber: '001090001111', fullName: 'Đỗ Minh Khôi', dateOfBirth: '10/10/1990', sex: 'Nam' } });
    const next = await kiosk.readCard({ ...READ, key: { kind: 'can', can: '001111' } });
    assert.ok(next.ok, JSON.stringify(next));
    assert.equal(next.value.fullName, 'Đỗ Minh Khôi');
    assert.equal(next.value.authenticity, 'verified');
    assert.equal(manager.cardReader?.service.lastReport()?.sessions, 1);
  });

  it('endSession forgets the read on the device side', async () => {
    const { manager, kiosk, card } = await simulatedKiosk();
    card.insert({ citizen: CITIZEN, can: CAN });
    assert.ok((await kiosk.readCard(READ)).ok);
    assert.notEqual(manager.cardReader?.service.lastReport(), null);
    await kiosk.endSession();
    assert.equal(manager.cardReader?.service.lastReport(), null);
  });

  it('serves readCard and cardPresence through the device host; the identity only as the call’s answer', async () => {
    const host: DeviceHost = await startDeviceHost({ role: 'kiosk', devices: [{ id: 'card', kind: 'cardReader', uri: 'sim:card' }] });
    cleanup.push(() => host.close());
    const client: DeviceHostClient = await connectDeviceHost(host.url);
    cleanup.push(() => client.close());
    await client.hello('kiosk');
    host.manager.simulators.card?.insert({ citizen: CITIZEN, can: CAN });
    await client.waitForEvent('cardPresence');
    assert.deepEqual(client.events.find((e) => e.name === 'cardPresence')?.payload, { present: true, reader: 'sim:card' });
    const reply = await client.call('readCard', READ);
    assert.equal(reply.type, 'result');
    const value = (reply as { value: { ok: boolean; value: { fullName: string; authenticity: string } } }).value;
    assert.equal(value.ok, true);
    assert.equal(value.value.fullName, CITIZEN.fullName);
    assert.equal(value.value.authenticity, 'verified');
    assert.ok(!JSON.stringify(client.events).includes(CITIZEN.idNumber), 'no event carries the identity');
  });
});

describe('card reader in the device manager (pcsc:)', () => {
  it('without the PC/SC library: the reader is absent + unavailable with the reason, readCard says so, the rest runs', async () => {
    const missing = new CardChannelError('PC/SC is not available: @pokusew/pcsclite did not load (Cannot find module); install libpcsclite-dev and pcscd', {
      readerUnavailable: true,
    });
    const manager = new DeviceManager(
      [
        { id: 'printer', kind: 'printer', uri: 'sim:printer' },
        { id: 'card', kind: 'cardReader', uri: 'pcsc:ACS ACR1252 1S CL Reader' },
      ],
      { openPcscReader: async () => Promise.reject(missing) },
    );
    const health: DeviceHealth[] = [];
    manager.onHealth((h) => health.push(h));
    await manager.start();
    cleanup.push(() => manager.stop());
    const card = manager.health().find((h) => h.kind === 'cardReader');
    assert.equal(card?.state, 'absent');
    assert.equal(card?.fault, 'unavailable');
    assert.match(card?.detail ?? '', /install libpcsclite-dev and pcscd/);
    assert.ok(
      health.some((h) => h.kind === 'cardReader' && h.fault === 'unavailable'),
      'reported as a health event',
    );
    assert.equal(manager.health().find((h) => h.kind === 'printer')?.state, 'ready');
    const kiosk = createKioskDevices(manager, createTerminalIdentity({ role: 'kiosk', counterId: null, deviceToken: null }));
    const r = await kiosk.readCard(READ);
    assert.equal(r.ok ? null : r.fault, 'unavailable');
    assert.match(r.ok ? '' : (r.detail ?? ''), /PC\/SC is not available/);
  });
});
