import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceUriError, parseDeviceUri } from '../../../../devices/common/device-uri.ts';

describe('device URIs', () => {
  const valid = [
    ['serial:/dev/ttyUSB0?baud=9600', { scheme: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 }],
    ['serial:/dev/ttyS1', { scheme: 'serial', path: '/dev/ttyS1', baudRate: 9600 }],
    ['tcp://192.0.2.10:9100', { scheme: 'tcp', host: '192.0.2.10', port: 9100 }],
    ['tcp://[::1]:9100', { scheme: 'tcp', host: '::1', port: 9100 }],
    ['usblp:/dev/usb/lp0', { scheme: 'usblp', path: '/dev/usb/lp0' }],
    ['hid:0x0483:0x5750', { scheme: 'hid', vendorId: 0x0483, productId: 0x5750 }],
    ['pcsc:ACS ACR1252 1S CL Reader', { scheme: 'pcsc', readerName: 'ACS ACR1252 1S CL Reader' }],
    ['sim:printer', { scheme: 'sim', name: 'printer' }],
    ['sane:test', { scheme: 'sane', device: 'test' }],
    ['sane:epson2:libusb:001:004', { scheme: 'sane', device: 'epson2:libusb:001:004' }],
  ] as const;
  for (const [uri, parsed] of valid) {
    it(`parses ${uri}`, () => assert.deepEqual(parseDeviceUri(uri), parsed));
  }

  const invalid: readonly (readonly [string, RegExp])[] = [
    ['', /no scheme/],
    ['/dev/ttyUSB0', /no scheme/],
    ['serial:', /no port path/],
    ['serial:/dev/ttyUSB0?baud=fast', /baud 'fast'/],
    ['serial:/dev/ttyUSB0?baud=100', /baud '100'/],
    ['tcp://printer', /expected tcp:\/\/host:port/],
    ['tcp://printer:70000', /port 70000/],
    ['usblp:lp0', /absolute device file path/],
    ['hid:0x0483', /product id/],
    ['hid:1155:22352', /vendor id/],
    ['hid:0x1:0x2:0x3', /too many parts/],
    ['pcsc: ', /no reader name/],
    ['sim:Printer', /lower-case/],
    ['sane:', /expected sane:<device name>/],
    ['sane:--help', /expected sane:<device name>/],
    ['sane:epson2 usb', /expected sane:<device name>/],
    ['ftp://x', /unknown scheme 'ftp'/],
  ];
  for (const [uri, reason] of invalid) {
    it(`rejects '${uri}' naming the expected forms`, () => {
      assert.throws(
        () => parseDeviceUri(uri),
        (e: unknown) => e instanceof DeviceUriError && reason.test(e.message) && e.message.includes('expected serial:'),
      );
    });
  }
});
