/**
 * Hosts connecting a PrinterSimulator to a link:
 *   startTcpPrinter:   a loopback TCP server (127.0.0.1, port 0) that a TcpTransport prints to.
 *   attachToTransport: the device end of any Transport, e.g. one end of a socat PTY pair opened
 *                      with the real SerialTransport, or a MemoryTransport for `sim:printer`.
 * A "drop" fault closes the link as a pulled cable would.
 */
import net from 'node:net';
import { inOrder } from '../common/in-order.ts';
import type { Transport } from '../common/transport.ts';
import type { MemoryTransport } from '../transports/memory-transport.ts';
import type { PrinterSimulator } from './printer.simulator.ts';

export interface TcpPrinterHost {
  readonly port: number;
  readonly uri: string;
  /** Connections accepted so far. */
  readonly connections: () => number;
  /** Closes every open connection now (the printer lost power). */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startTcpPrinter(simulator: PrinterSimulator): Promise<TcpPrinterHost> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    simulator.onDrop(() => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      const reply = simulator.receive(new Uint8Array(chunk));
      if (reply.length > 0 && !socket.destroyed) socket.write(reply);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const dropConnections = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    uri: `tcp://127.0.0.1:${port}`,
    connections: () => accepted,
    dropConnections,
    close: () =>
      new Promise<void>((resolve) => {
        dropConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Serves the simulator on the device end of a transport (already open or opened by the caller).
 * A transport takes one write at a time (a serial write lasts until the bytes drained), so each
 * reply waits for the one before it, as in a printer's output buffer: a status answer is never
 * dropped because the previous answer was still draining. Once the link is closed, replies go
 * nowhere, as from a printer whose cable was pulled.
 */
export function attachToTransport(simulator: PrinterSimulator, deviceEnd: Transport): () => void {
  simulator.onDrop(() => void deviceEnd.close());
  const replies = inOrder();
  return deviceEnd.onData((chunk) => {
    const reply = simulator.receive(chunk);
    if (reply.length === 0) return;
    replies(async () => (deviceEnd.isOpen ? deviceEnd.write(reply) : undefined)).catch(() => undefined);
  });
}

/** `sim:printer` in-process: a MemoryTransport whose writes the simulator answers; a drop unplugs it. */
export function connectMemoryPrinter(simulator: PrinterSimulator, transport: MemoryTransport): void {
  transport.setResponder((written) => simulator.receive(written));
  simulator.onDrop(() => {
    transport.unplug();
    transport.replug();
  });
}
