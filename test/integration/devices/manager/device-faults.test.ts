/**
 * Fault tests through the role APIs, as the kiosk and counter screens see them: clear states
 * (health events), automatic recovery (reconnect with backoff), no phantom ticket, no lost rating.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { DeviceHealth, RatingPress } from '../../../../electron/common/device-contract.ts';
import { DeviceManager } from '../../../../devices/manager/device-manager.ts';
import { createCounterDevices, createKioskDevices } from '../../../../devices/terminal/role-devices.ts';
import { createTerminalIdentity } from '../../../../devices/terminal/terminal-identity.ts';
import { keypadProfile } from '../../../../devices/keypad/keypad-profile.ts';
import { printerProfile } from '../../../../devices/printer/printer-profile.ts';
import { connectMemoryKeypad, KeypadSimulator } from '../../../../devices/simulators/keypad.simulator.ts';
import { connectMemoryPrinter, startTcpPrinter, type TcpPrinterHost } from '../../../../devices/simulators/printer-hosts.ts';
import { PrinterSimulator } from '../../../../devices/simulators/printer.simulator.ts';
import { MemoryTransport } from '../../../../devices/transports/memory-transport.ts';
import { FakeClock, settle } from '../../../support/fake-clock.ts';
import { VIETNAMESE_TICKET } from '../../../support/ticket-jobs.ts';

const kioskIdentity = () => createTerminalIdentity({ role: 'kiosk', counterId: null, deviceToken: null });
const counterIdentity = () => createTerminalIdentity({ role: 'counter', counterId: 'quay-1', deviceToken: null });

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function memoryPrinterRig() {
  const clock = new FakeClock();
  const simulator = new PrinterSimulator(printerProfile('epson-tm-t88'));
  const transport = new MemoryTransport({ uri: 'serial:/dev/ttyS9' });
  connectMemoryPrinter(simulator, transport);
  const manager = new DeviceManager([{ id: 'printer', kind: 'printer', uri: 'serial:/dev/ttyS9' }], {
    now: clock.now,
    schedule: clock.schedule,
    openTransport: () => transport,
    printerReplyTimeoutMs: 200,
  });
  const health: DeviceHealth[] = [];
  manager.onHealth((h) => health.push(h));
  const kiosk = createKioskDevices(manager, kioskIdentity());
  cleanup.push(() => manager.stop());
  return { clock, simulator, transport, manager, health, kiosk };
}

describe('printer faults', () => {
  it('paper out before printing: refused with paper_out, fault health, no ticket; prints again once paper is loaded', async () => {
    const { simulator, manager, health, kiosk } = memoryPrinterRig();
    await manager.start();
    simulator.setStatus({ paperOut: true });
    const refused = await kiosk.printTicket(VIETNAMESE_TICKET);
    assert.deepEqual(refused.ok ? null : refused.fault, 'paper_out');
    assert.equal(simulator.cuts, 0, 'no phantom ticket');
    assert.deepEqual(health.at(-1), { ...health.at(-1)!, state: 'fault', fault: 'paper_out' });

    simulator.setStatus({ paperOut: false, paperNearEnd: true });
    assert.deepEqual(await kiosk.printTicket(VIETNAMESE_TICKET), { ok: true, value: null });
    assert.equal(simulator.cuts, 1);
    assert.equal(health.at(-1)?.state, 'degraded');
    assert.equal(health.at(-1)?.fault, 'paper_near_end');
  });

  it('the status poll shows paper out on the dashboard before anyone prints, and the reload within 3 s', async () => {
    const { clock, simulator, manager, health } = memoryPrinterRig();
    await manager.start();
    assert.equal(manager.health()[0]?.state, 'ready');
    simulator.setStatus({ paperOut: true });
    await clock.advance(29_999);
    assert.equal(health.at(-1)?.state ?? 'ready', 'ready', 'a ready printer is read every 30 s');
    await clock.advance(1);
    assert.deepEqual([health.at(-1)?.state, health.at(-1)?.fault], ['fault', 'paper_out']);
    simulator.setStatus({ paperOut: false });
    await clock.advance(2_999);
    assert.equal(health.at(-1)?.state, 'fault');
    await clock.advance(1);
    assert.deepEqual([health.at(-1)?.state, health.at(-1)?.fault], ['ready', null], 'a faulted printer is read every 3 s');
    simulator.setStatus({ paperOut: true });
    await clock.advance(3_000);
    assert.equal(health.at(-1)?.state, 'ready', 'ready again: back to the slow pace');
    await clock.advance(27_000);
    assert.equal(health.at(-1)?.fault, 'paper_out');
  });

  it('a fault seen while printing brings the next status read forward to the fault pace', async () => {
    const { clock, simulator, manager, health, kiosk } = memoryPrinterRig();
    await manager.start();
    await clock.advance(20_000);
    simulator.setStatus({ paperOut: true });
    const refused = await kiosk.printTicket(VIETNAMESE_TICKET);
    assert.ok(!refused.ok && refused.fault === 'paper_out');
    simulator.setStatus({ paperOut: false });
    await clock.advance(3_000);
    assert.deepEqual([health.at(-1)?.state, health.at(-1)?.fault], ['ready', null], 'not 10 s later, at the old slow read');
  });

  it('cover opened mid-job: cover_open, no ticket confirmed; the status says so until it is closed', async () => {
    const { simulator, manager, kiosk } = memoryPrinterRig();
    await manager.start();
    simulator.openCoverAfter(5000);
    const result = await kiosk.printTicket(VIETNAMESE_TICKET);
    assert.ok(!result.ok && result.fault === 'cover_open');
    assert.equal(simulator.cuts, 0);
    const status = await kiosk.printerStatus();
    assert.ok(status.ok && status.value.coverOpen && !status.value.online);
    simulator.setStatus({ coverOpen: false });
    assert.deepEqual(await kiosk.printTicket(VIETNAMESE_TICKET), { ok: true, value: null });
    assert.deepEqual(manager.health()[0]?.state, 'ready');
  });

  it('printer unplugged: absent/disconnected, print refused; replugged: reconnects with backoff and prints', async () => {
    const { clock, simulator, transport, manager, health, kiosk } = memoryPrinterRig();
    await manager.start();
    transport.unplug();
    assert.equal(manager.health()[0]?.state, 'absent');
    assert.equal(manager.health()[0]?.fault, 'disconnected');
    const refused = await kiosk.printTicket(VIETNAMESE_TICKET);
    assert.ok(!refused.ok && refused.fault === 'disconnected');
    assert.equal(simulator.cuts, 0);

    await clock.advance(250); // first retry: still unplugged
    assert.equal(manager.health()[0]?.fault, 'unavailable');
    await clock.advance(500); // second retry, still unplugged
    transport.replug();
    await clock.advance(1000); // third retry (backoff 250, 500, 1000) finds it
    assert.equal(manager.health()[0]?.state, 'ready');
    assert.ok(health.some((h) => h.state === 'absent') && health.at(-1)?.state === 'ready');
    assert.deepEqual(await kiosk.printTicket(VIETNAMESE_TICKET), { ok: true, value: null });
    assert.equal(simulator.cuts, 1);
  });

  describe('over TCP with real timers', () => {
    let host: TcpPrinterHost | null = null;
    afterEach(async () => host?.close());

    it('the printer drops the connection: the manager reconnects by itself and the next ticket prints', async () => {
      const simulator = new PrinterSimulator(printerProfile('xprinter-80'));
      host = await startTcpPrinter(simulator);
      const manager = new DeviceManager([{ id: 'printer', kind: 'printer', uri: host.uri, profile: 'xprinter-80' }], {
        backoff: { initialMs: 20, maxMs: 100, factor: 2 },
      });
      cleanup.push(() => manager.stop());
      const kiosk = createKioskDevices(manager, kioskIdentity());
      await manager.start();
      assert.deepEqual(await kiosk.printTicket(VIETNAMESE_TICKET), { ok: true, value: null });
      host.dropConnections();
      for (let i = 0; i < 500 && !(host.connections() === 2 && manager.health()[0]?.state === 'ready'); i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(host.connections(), 2);
      assert.equal(manager.printer?.link.reconnects, 1);
      assert.deepEqual(await kiosk.printTicket(VIETNAMESE_TICKET), { ok: true, value: null });
      assert.equal(simulator.cuts, 2);
    });
  });
});

describe('keypad faults', () => {
  function keypadRig(profileId = 'hid-3-key') {
    const clock = new FakeClock();
    const simulator = new KeypadSimulator(keypadProfile(profileId));
    const transport = new MemoryTransport({ uri: 'hid:0x0483:0x5750' });
    connectMemoryKeypad(simulator, transport);
    const manager = new DeviceManager([{ id: 'keypad', kind: 'keypad', uri: 'hid:0x0483:0x5750', profile: profileId }], {
      now: clock.now,
      schedule: clock.schedule,
      openTransport: () => transport,
    });
    const counter = createCounterDevices(manager, counterIdentity(), { now: clock.now, schedule: clock.schedule });
    const ratings: RatingPress[] = [];
    counter.onRatingPress((r) => ratings.push(r));
    const keys: unknown[] = [];
    counter.onRating((k) => keys.push(k));
    cleanup.push(async () => {
      counter.close();
      await manager.stop();
    });
    return { clock, simulator, transport, manager, counter, ratings, keys };
  }

  it('a press inside the window is the rating, once; presses outside a window are ignored; the page learns only when', async () => {
    const { clock, simulator, manager, counter, ratings, keys } = keypadRig();
    await manager.start();
    simulator.press('satisfied');
    assert.equal(ratings.length, 0, 'no window open');
    assert.deepEqual(await counter.openRatingWindow(30), { ok: true, value: null });
    await settle();
    assert.equal(simulator.ledsOn, true);
    await clock.advance(1000);
    simulator.press('very_satisfied');
    await clock.advance(1000);
    simulator.press('dissatisfied');
    assert.deepEqual(
      ratings.map((r) => r.level),
      ['very_satisfied'],
    );
    assert.deepEqual(keys, [{ at: ratings[0]?.at }], 'the page API carries the time of the press, not its level');
    await settle();
    assert.equal(simulator.ledsOn, false, 'window closed after the rating');
  });

  it('debounces a double press', async () => {
    const { clock, simulator, manager, counter, ratings } = keypadRig();
    await manager.start();
    await counter.openRatingWindow(30);
    simulator.press('satisfied');
    await counter.openRatingWindow(30);
    await clock.advance(100);
    simulator.press('dissatisfied'); // 100 ms later: bounce, dropped
    await clock.advance(400);
    simulator.press('dissatisfied'); // 500 ms after the first: a real press
    assert.deepEqual(
      ratings.map((r) => r.level),
      ['satisfied', 'dissatisfied'],
    );
  });

  it('the window expires: a late press is not a rating', async () => {
    const { clock, simulator, manager, counter, ratings } = keypadRig();
    await manager.start();
    await counter.openRatingWindow(10);
    await clock.advance(10_001);
    simulator.press('satisfied');
    assert.equal(ratings.length, 0);
    assert.equal(simulator.ledsOn, false);
  });

  it('keypad unplugged and replugged inside the window: health shows it, LEDs relight, the rating is not lost', async () => {
    const { clock, simulator, transport, manager, counter, ratings } = keypadRig('serial-5-key');
    await manager.start();
    await counter.openRatingWindow(60);
    await settle();
    assert.equal(simulator.ledsOn, true);
    transport.unplug();
    simulator.powerOff();
    assert.equal(manager.health()[0]?.state, 'absent');
    await clock.advance(250); // retry while still unplugged
    transport.replug();
    await clock.advance(500);
    assert.equal(manager.health()[0]?.state, 'ready');
    assert.equal(simulator.ledsOn, true, 'LEDs relit after replug');
    simulator.press('neutral');
    assert.deepEqual(
      ratings.map((r) => r.level),
      ['neutral'],
    );
  });

  it('window opened while the keypad is unplugged: reported, stays open, the rating arrives after replug', async () => {
    const { clock, simulator, transport, manager, counter, ratings } = keypadRig();
    await manager.start();
    transport.unplug();
    const opened = await counter.openRatingWindow(60);
    assert.ok(!opened.ok && opened.fault === 'disconnected');
    transport.replug();
    await clock.advance(250);
    await settle();
    assert.equal(simulator.ledsOn, true);
    simulator.press('satisfied');
    assert.deepEqual(
      ratings.map((r) => r.level),
      ['satisfied'],
    );
  });
});
