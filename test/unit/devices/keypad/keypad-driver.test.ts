/** The keypad driver's LED writes over a transport that takes one write at a time, as hardware does. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeypadDriver } from '../../../../devices/keypad/keypad-driver.ts';
import { encodeLedReport } from '../../../../devices/keypad/hid-report-codec.ts';
import { keypadProfile } from '../../../../devices/keypad/keypad-profile.ts';
import { encodeFrame } from '../../../../devices/keypad/serial-frame-codec.ts';
import { MemoryTransport } from '../../../../devices/transports/memory-transport.ts';
import { DeviceError } from '../../../../devices/common/device-error.ts';

function ledCommand(profileId: string, on: boolean): Uint8Array {
  const profile = keypadProfile(profileId);
  return Uint8Array.from(profile.link === 'hid' ? encodeLedReport(profile, on) : encodeFrame({ type: 'led', on }));
}

async function openKeypad(profileId: string): Promise<{ driver: KeypadDriver; transport: MemoryTransport }> {
  const transport = new MemoryTransport({ uri: 'memory:keypad' });
  await transport.open();
  return { driver: new KeypadDriver(transport, keypadProfile(profileId)), transport };
}

describe('keypad driver LEDs', () => {
  for (const profileId of ['serial-5-key', 'hid-3-key']) {
    it(`${profileId}: "off" asked while "on" is still being written is written after it, not refused`, async () => {
      const { driver, transport } = await openKeypad(profileId);
      const lit = driver.setLeds(true);
      const dark = driver.setLeds(false);
      await Promise.all([lit, dark]);
      // In call order: the keypad ends dark.
      assert.deepEqual(transport.written, [ledCommand(profileId, true), ledCommand(profileId, false)]);
    });
  }

  it('a write that fails is reported to its caller and does not block the next one', async () => {
    const { driver, transport } = await openKeypad('serial-5-key');
    transport.failNextWrite();
    const failed = driver.setLeds(true);
    const next = driver.setLeds(false);
    await assert.rejects(failed, (e: unknown) => e instanceof DeviceError && e.code === 'disconnected');
    await next;
    assert.equal(transport.written.length, 1);
  });

  it('a keypad without LEDs writes nothing', async () => {
    const { driver, transport } = await openKeypad('hid-4-key');
    await driver.setLeds(true);
    assert.equal(transport.written.length, 0);
  });
});
