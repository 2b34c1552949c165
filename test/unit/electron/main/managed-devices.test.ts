/**
 * The main process's device port bound to devices/manager, driven with the simulators: a ticket
 * prints and is confirmed, health is reported and unsubscribes, and a device kind the terminal
 * does not have answers `unavailable` instead of throwing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeviceHealth, TicketPrintJob } from '../../../../electron/common/device-contract.ts';
import { managedDevices } from '../../../../electron/main/managed-devices.ts';

const JOB: TicketPrintJob = {
  hallName: 'Trung tâm Phục vụ hành chính công phường Hòa Bình',
  serviceName: 'Hộ tịch',
  number: 'A015',
  priority: 'normal',
  peopleAhead: 3,
  estimatedWaitMin: 12,
  issuedAt: Date.UTC(2026, 10, 23, 2, 5),
  timeZone: 'Asia/Ho_Chi_Minh',
  qr: { text: 'VE:q3Xr0bYpT8mKzL2wVn5HcA', opensPage: false },
  footer: null,
};

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a kiosk with a simulated printer prints a confirmed ticket and reports its health', async () => {
  const devices = managedDevices([{ id: 'printer', kind: 'printer', uri: 'sim:printer' }]);
  const seen: DeviceHealth[] = [];
  const off = devices.on('health', (h) => seen.push(h));
  try {
    await until(() => seen.some((h) => h.id === 'printer' && h.state === 'ready'));
    assert.deepEqual(await devices.printTicket(JOB), { ok: true, value: null });
    const status = await devices.printerStatus();
    assert.equal(status.ok, true);
    assert.equal((await devices.health()).find((h) => h.id === 'printer')?.state, 'ready');
    off();
    const count = seen.length;
    await devices.printerStatus();
    assert.equal(seen.length, count, 'no health event after unsubscribing');
  } finally {
    await devices.close();
  }
});

test('calls for devices the terminal does not have answer unavailable', async () => {
  const devices = managedDevices([]);
  try {
    const print = await devices.printTicket(JOB);
    assert.equal(print.ok, false);
    assert.equal(!print.ok && print.fault, 'unavailable');
    const rating = await devices.openRatingWindow(30);
    assert.equal(!rating.ok && rating.fault, 'unavailable');
    const card = await devices.readCard({ key: { kind: 'can', can: '123456' }, dataGroups: [1] });
    assert.equal(!card.ok && card.fault, 'unavailable');
    assert.deepEqual(await devices.health(), []);
  } finally {
    await devices.close();
  }
});
