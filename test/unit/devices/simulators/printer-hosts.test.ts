/** The printer simulator on the device end of a transport: every status request gets its answer, in order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeCommand } from '../../../../devices/printer/escpos/encode.ts';
import { STATUS_KINDS, encodeStatusByte } from '../../../../devices/printer/escpos/status.ts';
import { printerProfile } from '../../../../devices/printer/printer-profile.ts';
import { attachToTransport } from '../../../../devices/simulators/printer-hosts.ts';
import { PrinterSimulator } from '../../../../devices/simulators/printer.simulator.ts';
import { MemoryTransport } from '../../../../devices/transports/memory-transport.ts';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('printer simulator attached to a transport', () => {
  it('answers requests that arrive while its previous answer is still being written (one write at a time)', async () => {
    const simulator = new PrinterSimulator(printerProfile('epson-tm-t88'));
    simulator.setStatus({ coverOpen: true });
    // The device end takes one write at a time, like a serial port whose write lasts until drained.
    const deviceEnd = new MemoryTransport({ uri: 'memory:printer-device-end' });
    await deviceEnd.open();
    attachToTransport(simulator, deviceEnd);
    for (const kind of STATUS_KINDS) deviceEnd.emitData(encodeCommand({ op: 'statusRequest', kind }));
    await settle();
    assert.deepEqual(
      deviceEnd.written.map((w) => [...w]),
      STATUS_KINDS.map((kind) => [encodeStatusByte(kind, simulator.status)]),
    );
  });
});
