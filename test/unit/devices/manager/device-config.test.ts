import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDeviceList } from '../../../../devices/manager/device-config.ts';

describe('device list', () => {
  it('accepts the wiring of a kiosk', () => {
    const list = [
      { id: 'printer', kind: 'printer', uri: 'tcp://192.0.2.10:9100', profile: 'xprinter-80' },
      { id: 'scanner', kind: 'scanner', uri: 'serial:/dev/ttyACM0?baud=115200', profile: 'serial-crlf' },
    ];
    assert.deepEqual(parseDeviceList(list), list);
  });

  it('names every bad field with the value and the fix', () => {
    assert.throws(
      () => parseDeviceList([{ id: 'printer', kind: 'printer', uri: 'tcp://printer' }, { id: 'Bad Id', kind: 'fax', uri: 'sim:fax' }]),
      (e: unknown) => {
        const m = (e as Error).message;
        return (
          m.includes("devices[0].uri: invalid device URI 'tcp://printer': expected tcp://host:port") &&
          m.includes('devices[1].id: use 1–40 lower-case letters') &&
          m.includes('devices[1].kind')
        );
      },
    );
  });

  it('rejects unknown profiles and duplicate ids', () => {
    assert.throws(
      () =>
        parseDeviceList([
          { id: 'printer', kind: 'printer', uri: 'sim:printer', profile: 'tm-x' },
          { id: 'printer', kind: 'keypad', uri: 'sim:keypad' },
        ]),
      (e: unknown) => {
        const m = (e as Error).message;
        return m.includes("devices[0].profile: unknown printer profile 'tm-x'; known: epson-tm-t88") && m.includes("devices[1].id: duplicate device id 'printer'");
      },
    );
  });

  it('takes a SANE document scanner with a profile, and keeps sane: URIs to that kind', () => {
    assert.deepEqual(parseDeviceList([{ id: 'document-scanner', kind: 'documentScanner', uri: 'sane:epson2:libusb:001:004', profile: 'adf' }])[0]?.profile, 'adf');
    assert.throws(
      () =>
        parseDeviceList([
          { id: 'a', kind: 'documentScanner', uri: 'sim:scanner' },
          { id: 'b', kind: 'scanner', uri: 'sane:test' },
        ]),
      (e: unknown) => {
        const m = (e as Error).message;
        return m.includes("devices[0].uri: 'sim:scanner' does not fit kind documentScanner: use sane:<device>") && m.includes("devices[1].uri: 'sane:test' does not fit kind scanner");
      },
    );
  });
});
