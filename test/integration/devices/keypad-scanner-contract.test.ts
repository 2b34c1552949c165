/**
 * Contract suites of the serial keypad and the serial 2D scanner drivers, run over the memory twin
 * and over a socat PTY (both ends opened with the real SerialPort): the same driver code and the
 * same assertions on both links.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Transport } from '../../../devices/common/transport.ts';
import { KeypadDriver, type KeyPress } from '../../../devices/keypad/keypad-driver.ts';
import { keypadProfile } from '../../../devices/keypad/keypad-profile.ts';
import { ScannerDriver } from '../../../devices/scanner/scanner-driver.ts';
import { scannerProfile } from '../../../devices/scanner/scanner-profiles.ts';
import { KeypadSimulator } from '../../../devices/simulators/keypad.simulator.ts';
import { ScannerSimulator } from '../../../devices/simulators/scanner.simulator.ts';
import { MemoryTransport } from '../../../devices/transports/memory-transport.ts';
import { createTransport } from '../../../devices/transports/open-transport.ts';
import type { ScanResult } from '../../../electron/common/device-contract.ts';
import { startPtyPair } from '../../support/socat.ts';

interface SerialLink {
  /** The driver's end, open. */
  readonly host: Transport;
  /** Device side: send bytes, and hear what the host wrote. */
  readonly sendFromDevice: (bytes: Uint8Array) => void;
  readonly onDeviceReceives: (listener: (bytes: Uint8Array) => void) => void;
  close(): Promise<void>;
}

async function openLink(kind: 'memory' | 'pty'): Promise<SerialLink> {
  if (kind === 'memory') {
    const host = new MemoryTransport({ uri: 'serial:/dev/ttyS0' });
    let listener: ((bytes: Uint8Array) => void) | null = null;
    host.setResponder((written) => {
      listener?.(written);
      return null;
    });
    await host.open();
    return { host, sendFromDevice: (b) => host.emitData(b), onDeviceReceives: (l) => (listener = l), close: () => host.close() };
  }
  const pair = await startPtyPair();
  const device = createTransport(`serial:${pair.devicePath}?baud=9600`);
  const host = createTransport(`serial:${pair.hostPath}?baud=9600`);
  await device.open();
  await host.open();
  // One write at a time, as the transport contract requires.
  let writes: Promise<void> = Promise.resolve();
  return {
    host,
    sendFromDevice: (b) => {
      writes = writes.then(() => device.write(b));
    },
    onDeviceReceives: (l) => device.onData(l),
    close: async () => {
      await host.close();
      await device.close();
      await pair.close();
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`timed out waiting for ${what}`);
}

for (const kind of ['memory', 'pty'] as const) {
  describe(`serial keypad and scanner over ${kind}`, () => {
    let link: SerialLink | null = null;
    afterEach(async () => {
      await link?.close();
      link = null;
    });

    it('keypad: presses become rating levels; LED frames reach the keypad', async () => {
      link = await openLink(kind);
      const profile = keypadProfile('serial-5-key');
      let now = 1_000_000;
      const driver = new KeypadDriver(link.host, profile, { now: () => now });
      const simulator = new KeypadSimulator(profile);
      simulator.connect(link.sendFromDevice);
      link.onDeviceReceives((bytes) => simulator.receive(bytes));
      const presses: KeyPress[] = [];
      driver.onPress((p) => presses.push(p));

      await driver.setLeds(true);
      await until(() => simulator.ledsOn, 'LEDs on');
      simulator.press('very_dissatisfied');
      await until(() => presses.length === 1, 'first press');
      now += 1000;
      simulator.press('satisfied');
      await until(() => presses.length === 2, 'second press');
      assert.deepEqual(
        presses.map((p) => [p.key, p.level]),
        [
          [5, 'very_dissatisfied'],
          [2, 'satisfied'],
        ],
      );
      assert.equal(driver.malformed, 0);
    });

    it('scanner: CR-framed codes in UTF-8 arrive whole and classified', async () => {
      link = await openLink(kind);
      const driver = new ScannerDriver(link.host, scannerProfile('serial-cr'));
      const simulator = new ScannerSimulator(scannerProfile('serial-cr'));
      simulator.connect(link.sendFromDevice);
      const scans: ScanResult[] = [];
      driver.onScan((s) => scans.push(s));
      const cccd = '001203004567||Nguyễn Thị Hoà|01021990|Nữ|Số 1, Phường Suối Hoa, Bắc Ninh|15062021';
      simulator.scan(cccd);
      simulator.scan('000.00.15.H12-231123-0001');
      await until(() => scans.length === 2, 'two scans');
      assert.deepEqual(
        scans.map((s) => [s.kind, s.text]),
        [
          ['cccd_qr', cccd],
          ['dossier_code', '000.00.15.H12-231123-0001'],
        ],
      );
    });
  });
}
