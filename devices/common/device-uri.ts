/**
 * Device URIs, the wiring of a terminal's devices in its configuration (ARCHITECTURE.md, Devices):
 *   serial:/dev/ttyUSB0?baud=9600   tcp://192.0.2.10:9100   usblp:/dev/usb/lp0
 *   hid:0x0483:0x5750               pcsc:ACS ACR1252 1S CL Reader   sim:printer
 *   sane:epson2:libusb:001:004      (a SANE device name for scanimage; sane:test is SANE's test backend)
 * Parsing is pure; a bad URI gets an error naming the URI and the expected form.
 */
export type DeviceUri =
  | { readonly scheme: 'serial'; readonly path: string; readonly baudRate: number }
  | { readonly scheme: 'tcp'; readonly host: string; readonly port: number }
  | { readonly scheme: 'usblp'; readonly path: string }
  | { readonly scheme: 'hid'; readonly vendorId: number; readonly productId: number }
  /** A PC/SC reader by its name as pcscd lists it (or a prefix of that name). */
  | { readonly scheme: 'pcsc'; readonly readerName: string }
  | { readonly scheme: 'sim'; readonly name: string }
  | { readonly scheme: 'sane'; readonly device: string };

const FORMS = 'serial:/dev/ttyUSB0?baud=9600, tcp://host:9100, usblp:/dev/usb/lp0, hid:0x0483:0x5750, pcsc:<reader name>, sane:<SANE device> or sim:<name>';

export class DeviceUriError extends Error {
  override readonly name = 'DeviceUriError';
}

function fail(uri: string, why: string): never {
  throw new DeviceUriError(`invalid device URI '${uri}': ${why}; expected ${FORMS}`);
}

function hex16(uri: string, text: string | undefined, what: string): number {
  if (text === undefined || !/^0x[0-9a-fA-F]{1,4}$/.test(text)) fail(uri, `${what} must be 0x0000–0xffff`);
  return Number.parseInt(text.slice(2), 16);
}

export function parseDeviceUri(uri: string): DeviceUri {
  const colon = uri.indexOf(':');
  if (colon <= 0) fail(uri, 'no scheme');
  const scheme = uri.slice(0, colon);
  const rest = uri.slice(colon + 1);
  switch (scheme) {
    case 'serial': {
      const [path = '', query = ''] = rest.split('?');
      if (path === '') fail(uri, 'no port path');
      const params = new Map(
        query
          .split('&')
          .filter((p) => p !== '')
          .map((p): [string, string] => [p.split('=')[0] ?? '', p.split('=')[1] ?? '']),
      );
      const baudText = params.get('baud') ?? '9600';
      const baudRate = Number(baudText);
      if (!Number.isInteger(baudRate) || baudRate < 300 || baudRate > 921600) fail(uri, `baud '${baudText}' is not 300–921600`);
      return { scheme, path, baudRate };
    }
    case 'tcp': {
      const match = /^\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(rest);
      if (match === null) fail(uri, 'expected tcp://host:port');
      const port = Number(match[2]);
      if (port < 1 || port > 65535) fail(uri, `port ${port} is not 1–65535`);
      return { scheme, host: match[1]!.replace(/^\[|\]$/g, ''), port };
    }
    case 'usblp':
      if (!rest.startsWith('/')) fail(uri, 'expected an absolute device file path');
      return { scheme, path: rest };
    case 'hid': {
      const [vendor, product, extra] = rest.split(':');
      if (extra !== undefined) fail(uri, 'too many parts');
      return { scheme, vendorId: hex16(uri, vendor, 'vendor id'), productId: hex16(uri, product, 'product id') };
    }
    case 'pcsc':
      if (rest.trim() === '') fail(uri, 'no reader name (as pcsc_scan or pcscd lists it)');
      return { scheme, readerName: rest };
    case 'sim':
      if (!/^[a-z][a-z0-9-]*$/.test(rest)) fail(uri, 'simulator name must be lower-case letters, digits and dashes');
      return { scheme, name: rest };
    case 'sane':
      // The device name goes to scanimage as one argument (no shell); a leading dash or blanks are refused.
      if (!/^[^\s-][^\s]*$/.test(rest)) fail(uri, 'expected sane:<device name> as `scanimage -L` lists it, e.g. sane:test');
      return { scheme, device: rest };
    default:
      return fail(uri, `unknown scheme '${scheme}'`);
  }
}
