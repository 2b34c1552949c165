/**
 * The three links the printer contract suite runs over, each with a real driver on the host side
 * and the printer simulator on the device side:
 *   memory  MemoryTransport twin answered by the simulator in-process
 *   pty     socat PTY pair, both ends opened with the real SerialPort
 *   tcp     TcpTransport to the simulator's loopback TCP server (port 0)
 */
import type { Transport } from '../../devices/common/transport.ts';
import { printerProfile } from '../../devices/printer/printer-profile.ts';
import { attachToTransport, connectMemoryPrinter, startTcpPrinter } from '../../devices/simulators/printer-hosts.ts';
import { PrinterSimulator } from '../../devices/simulators/printer.simulator.ts';
import { MemoryTransport } from '../../devices/transports/memory-transport.ts';
import { createTransport } from '../../devices/transports/open-transport.ts';
import { startPtyPair } from './socat.ts';

export interface PrinterLink {
  readonly simulator: PrinterSimulator;
  /** The driver's transport, opened. */
  readonly transport: Transport;
  close(): Promise<void>;
}

export type LinkName = 'memory' | 'pty' | 'tcp';
export const LINKS: readonly LinkName[] = ['memory', 'pty', 'tcp'];

export async function openPrinterLink(name: LinkName, profileId = 'epson-tm-t88'): Promise<PrinterLink> {
  const simulator = new PrinterSimulator(printerProfile(profileId));
  switch (name) {
    case 'memory': {
      const transport = new MemoryTransport({ uri: 'sim:printer' });
      connectMemoryPrinter(simulator, transport);
      await transport.open();
      return { simulator, transport, close: () => transport.close() };
    }
    case 'pty': {
      const pair = await startPtyPair();
      const deviceEnd = createTransport(`serial:${pair.devicePath}?baud=115200`);
      await deviceEnd.open();
      attachToTransport(simulator, deviceEnd);
      return hostLink(simulator, `serial:${pair.hostPath}?baud=115200`, async () => {
        await deviceEnd.close();
        await pair.close();
      });
    }
    case 'tcp': {
      const host = await startTcpPrinter(simulator);
      return hostLink(simulator, host.uri, () => host.close());
    }
  }
}

/** Opens the driver's end; closing the link closes it first, then the device side. */
async function hostLink(simulator: PrinterSimulator, uri: string, closeDevice: () => Promise<void>): Promise<PrinterLink> {
  const transport = createTransport(uri);
  await transport.open();
  return {
    simulator,
    transport,
    close: async () => {
      await transport.close();
      await closeDevice();
    },
  };
}
