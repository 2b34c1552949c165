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
      () =>
        parseDeviceList([
          { id: 'printer', kind: 'printer', uri: 'tcp://printer' },
          { id: 'Bad Id', kind: 'fax', uri: 'sim:fax' },
        ]),
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
        return (
          m.includes("devices[0].profile: unknown printer profile 'tm-x'; known: epson-tm-t88") && m.includes("devices[1].id: duplicate device id 'printer'")
        );
      },
    );
  });

  it('wires a card reader as pcsc:<reader name> or sim:card, and nothing else', () => {
    const list = [
      { id: 'card', kind: 'cardReader', uri: 'pcsc:ACS ACR1252 1S CL Reader' },
      { id: 'card-sim', kind: 'cardReader', uri: 'sim:card' },
    ];
    assert.deepEqual(parseDeviceList(list), list);
    assert.throws(
      () =>
        parseDeviceList([
          { id: 'card', kind: 'cardReader', uri: 'sim:printer' },
          { id: 'reader', kind: 'cardReader', uri: 'serial:/dev/ttyUSB0' },
          { id: 'printer', kind: 'printer', uri: 'pcsc:ACS ACR1252' },
          { id: 'keypad', kind: 'keypad', uri: 'sim:card' },
          { id: 'card-2', kind: 'cardReader', uri: 'sim:card', profile: 'acr' },
        ]),
      (e: unknown) => {
        const m = (e as Error).message;
        return (
          m.includes("devices[0].uri: 'sim:printer' does not simulate a cardReader; use sim:card") &&
          m.includes("devices[1].uri: a card reader is wired as pcsc:<reader name> or sim:card, not 'serial:/dev/ttyUSB0'") &&
          m.includes('devices[2].uri: pcsc: names a smart-card reader; a printer needs') &&
          m.includes("devices[3].uri: 'sim:card' does not simulate a keypad; use sim:keypad") &&
          m.includes("devices[4].profile: unknown cardReader profile 'acr'; known: none (leave profile out)")
        );
      },
    );
  });

  it('takes a SANE document scanner with a profile, and keeps sane: URIs to that kind', () => {
    assert.deepEqual(
      parseDeviceList([{ id: 'document-scanner', kind: 'documentScanner', uri: 'sane:epson2:libusb:001:004', profile: 'adf' }])[0]?.profile,
      'adf',
    );
    assert.throws(
      () =>
        parseDeviceList([
          { id: 'a', kind: 'documentScanner', uri: 'sim:scanner' },
          { id: 'b', kind: 'scanner', uri: 'sane:test' },
        ]),
      (e: unknown) => {
        const m = (e as Error).message;
        return (
          m.includes("devices[0].uri: a document scanner is wired as sane:<device>, e.g. sane:test, not 'sim:scanner'") &&
          m.includes('devices[1].uri: sane: URIs are for kind documentScanner, not scanner')
        );
      },
    );
  });
});
