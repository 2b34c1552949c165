import { describe, it } from 'node:test';
import { DeviceManager } from '../../../devices/manager/device-manager.ts';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadTerminalConfig, parseTerminalConfig, TerminalConfigError } from '../../../kiosk-config/terminal-config.ts';

const base = {
  role: 'kiosk',
  hallUrl: 'https://192.168.1.10:8080',
  hallCaFingerprint: '5E:85:42:87:7A:AE:03:C6:0D:65:E1:D5:32:94:50:F4:A2:3F:3D:C3:DF:2D:38:83:E6:E3:75:D5:5F:13:68:B6',
  brand: { name: 'Bộ phận Một cửa phường Bến Nghé' },
};

function problemsOf(input: unknown): TerminalConfigError['problems'] {
  try {
    parseTerminalConfig(input);
  } catch (error) {
    assert.ok(error instanceof TerminalConfigError);
    return error.problems;
  }
  assert.fail('expected the config to be refused');
}

describe('terminal config', () => {
  it('accepts every example file shipped in kiosk-config/terminals', () => {
    const dir = 'kiosk-config/terminals';
    const files = readdirSync(dir).filter((f) => f.endsWith('.example.json'));
    assert.deepEqual(files.sort(), ['counter.example.json', 'display.example.json', 'kiosk.example.json']);
    for (const file of files) {
      const config = loadTerminalConfig(join(dir, file));
      assert.equal(`${config.role}.example.json`, file);
    }
  });

  it('the devices of every example file are accepted by the real device manager (printer profiles, URIs, kinds)', () => {
    const dir = 'kiosk-config/terminals';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.example.json'))) {
      const config = loadTerminalConfig(join(dir, file));
      // Construction resolves every device (profile, transport URI, driver) without opening it.
      assert.doesNotThrow(() => new DeviceManager(config.devices), file);
    }
  });

  it('fills defaults and reduces the hall URL to its origin', () => {
    const config = parseTerminalConfig({ ...base, hallUrl: 'https://hall.example:8443/' });
    assert.equal(config.hallUrl, 'https://hall.example:8443');
    assert.equal(config.displayIndex, 0);
    assert.equal(config.idleLockMinutes, 10);
    assert.deepEqual(config.devices, []);
    assert.equal(config.counterId, null);
  });

  it('names the field, the value found and the fix, in English and Vietnamese', () => {
    const problems = problemsOf({ ...base, role: 'kiosque', displayIndex: -1 });
    const role = problems.find((p) => p.field === 'role');
    assert.ok(role);
    assert.match(role.en, /use one of kiosk, counter, display/);
    assert.match(role.en, /found "kiosque"/);
    assert.equal(role.vi, 'Trường "role" có giá trị "kiosque" không hợp lệ; cách sửa: dùng một trong các giá trị kiosk, counter, display');
    const display = problems.find((p) => p.field === 'displayIndex');
    assert.ok(display);
    assert.match(display.en, /0 for the primary screen/);
  });

  it('refuses a hall URL that is not an http(s) origin', () => {
    for (const hallUrl of ['ftp://hall:21', 'not a url', 'http://user:pw@hall:8080', 'http://hall:8080/?x=1']) {
      const [problem] = problemsOf({ ...base, hallUrl });
      assert.equal(problem?.field, 'hallUrl', hallUrl);
      assert.match(problem.en, /hall server origin/);
    }
  });

  it('refuses device URIs with an unknown scheme and names the device', () => {
    const problems = problemsOf({
      ...base,
      devices: [
        { id: 'printer', kind: 'printer', uri: 'tcp://10.0.0.5:9100' },
        { id: 'x', kind: 'printer', uri: 'bluetooth:aa' },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['devices[1].uri'],
    );
    assert.match(problems[0]?.en ?? '', /serial:, tcp:, usblp:, hid:, pcsc:, sane:, sim:/);
  });

  it('refuses duplicate device ids, unknown kinds and unknown fields', () => {
    const problems = problemsOf({
      ...base,
      colour: 'red',
      devices: [
        { id: 'p', kind: 'printer', uri: 'sim:printer' },
        { id: 'p', kind: 'fax', uri: 'sim:printer' },
      ],
    });
    const fields = problems.map((p) => p.field).sort();
    assert.deepEqual(fields, ['(top level)', 'devices[1].kind']);
    assert.match(problems.find((p) => p.field === '(top level)')?.en ?? '', /"colour"/);
    assert.match(problems.find((p) => p.field === '(top level)')?.vi ?? '', /không được hỗ trợ: "colour"/);
    assert.match(problems.find((p) => p.field === 'devices[1].kind')?.vi ?? '', /cách sửa: dùng một trong các loại printer, keypad/);
  });

  it('reports duplicate ids once the devices are otherwise valid', () => {
    const problems = problemsOf({
      ...base,
      devices: [
        { id: 'p', kind: 'printer', uri: 'sim:printer' },
        { id: 'p', kind: 'keypad', uri: 'sim:keypad' },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['devices[1].id'],
    );
    assert.match(problems[0]?.en ?? '', /used twice/);
  });

  it('requires a counterId exactly for counter terminals', () => {
    assert.deepEqual(
      problemsOf({ ...base, role: 'counter' }).map((p) => p.field),
      ['counterId'],
    );
    assert.match(problemsOf({ ...base, counterId: 'quay-1' })[0]?.en ?? '', /only a counter terminal/);
    assert.equal(parseTerminalConfig({ ...base, role: 'counter', counterId: 'quay-1' }).counterId, 'quay-1');
  });

  it('takes a rating token on a counter only, and never shows its value in a problem', () => {
    const counter = { ...base, role: 'counter', counterId: 'quay-1' };
    const token = 'rating-token-of-quay-1-0123456789';
    assert.equal(parseTerminalConfig({ ...counter, ratingToken: token }).ratingToken, token);
    assert.equal(parseTerminalConfig(counter).ratingToken, null);
    const onKiosk = problemsOf({ ...base, ratingToken: token });
    assert.deepEqual(
      onKiosk.map((p) => p.field),
      ['ratingToken'],
    );
    assert.match(onKiosk[0]?.en ?? '', /only a counter terminal/);
    const secret = 'short secret!';
    const [bad] = problemsOf({ ...counter, ratingToken: secret });
    assert.equal(bad?.field, 'ratingToken');
    assert.match(bad?.en ?? '', /enroll --token/);
    assert.match(bad?.vi ?? '', /giá trị bí mật, không hiển thị/);
    for (const text of [bad?.en, bad?.vi, onKiosk[0]?.en, onKiosk[0]?.vi]) {
      assert.ok(!String(text).includes(secret) && !String(text).includes(token), `no token in: ${text}`);
    }
  });

  it('an https hall needs the CA fingerprint; plain http only on loopback or with insecureHttp', () => {
    const { hallCaFingerprint: _pin, ...noPin } = base;
    assert.deepEqual(
      problemsOf(noPin).map((p) => p.field),
      ['hallCaFingerprint'],
    );
    assert.equal(problemsOf({ ...base, hallCaFingerprint: 'AB:CD' })[0]?.field, 'hallCaFingerprint');
    const [plain] = problemsOf({ ...noPin, hallUrl: 'http://192.168.1.10:8080' });
    assert.equal(plain?.field, 'hallUrl');
    assert.match(plain?.en ?? '', /in clear/);
    assert.match(plain?.vi ?? '', /insecureHttp/);
    assert.doesNotThrow(() => parseTerminalConfig({ ...noPin, hallUrl: 'http://192.168.1.10:8080', insecureHttp: true }));
    assert.doesNotThrow(() => parseTerminalConfig({ ...noPin, hallUrl: 'http://127.0.0.1:8080' }));
    assert.equal(
      parseTerminalConfig({ ...base, hallCaFingerprint: base.hallCaFingerprint.replace(/:/g, ' ').toLowerCase() }).hallUrl,
      'https://192.168.1.10:8080',
    );
  });

  it('says when a required field is missing', () => {
    const problems = problemsOf({ role: 'display', hallUrl: 'http://127.0.0.1:1' });
    assert.equal(problems[0]?.field, 'brand');
    assert.match(problems[0]?.en ?? '', /missing; add this field/);
    assert.match(problems[0]?.vi ?? '', /^Thiếu trường "brand"; hãy thêm trường này/);
  });

  it('explains unreadable and malformed files', () => {
    assert.throws(
      () =>
        loadTerminalConfig('nowhere.json', () => {
          throw new Error('ENOENT');
        }),
      (error: unknown) => {
        assert.ok(error instanceof TerminalConfigError);
        assert.match(error.message, /cannot read the file \(ENOENT\).*--terminal-config/);
        return true;
      },
    );
    assert.throws(() => loadTerminalConfig('bad.json', () => '{ role: kiosk'), /not valid JSON.*Tệp không phải JSON hợp lệ/s);
  });
});
