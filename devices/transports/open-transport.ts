/**
 * URI → Transport. `sim:` URIs are not transports: the device manager connects those to an
 * in-process simulator through a MemoryTransport, so this function refuses them; so are `pcsc:`
 * card readers, which speak APDUs through a CardChannel.
 */
import { parseDeviceUri } from '../common/device-uri.ts';
import type { Transport } from '../common/transport.ts';
import { HidTransport } from './hid-transport.ts';
import { SerialTransport } from './serial-transport.ts';
import { TcpTransport } from './tcp-transport.ts';
import { UsblpTransport } from './usblp-transport.ts';

export function createTransport(uri: string): Transport {
  const parsed = parseDeviceUri(uri);
  switch (parsed.scheme) {
    case 'serial':
      return new SerialTransport(uri, parsed.path, parsed.baudRate);
    case 'tcp':
      return new TcpTransport(uri, parsed.host, parsed.port);
    case 'usblp':
      return new UsblpTransport(uri, parsed.path);
    case 'hid':
      return new HidTransport(uri, parsed.vendorId, parsed.productId);
    case 'pcsc':
      throw new Error(`'${uri}' names a smart-card reader; card readers are not byte transports (the device manager opens them through pcsc.ts)`);
    case 'sane':
      throw new Error(`'${uri}' names a SANE document scanner; it is driven through scanimage, not a byte transport`);
    case 'sim':
      throw new Error(`'${uri}' names a simulator; the device manager wires simulators, not createTransport`);
  }
}
