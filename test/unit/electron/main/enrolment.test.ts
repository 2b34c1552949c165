import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roleHandlers } from '../../../../electron/main/role-handlers.ts';
import { InvalidDeviceTokenError, TokenStore, type TokenCipher } from '../../../../electron/main/token-store.ts';
import { unlinkedDeviceManager } from '../../../support/unlinked-devices.ts';

const TOKEN = `dev_${'A'.repeat(40)}b_-`;

/** A reversible cipher standing in for the OS keyring (safeStorage). */
const xorCipher: TokenCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
  decryptString: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
};

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'token-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('token store', () => {
  it('has no token before enrolment and keeps one across restarts', () => {
    const path = join(dir, 'device-token.json');
    assert.equal(new TokenStore(path, null).read(), null);
    new TokenStore(path, null).save(TOKEN);
    assert.equal(new TokenStore(path, null).read(), TOKEN);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('encrypts the token when the OS offers encryption', () => {
    const path = join(dir, 'device-token.json');
    new TokenStore(path, xorCipher).save(TOKEN);
    const onDisk = readFileSync(path, 'utf8');
    assert.doesNotMatch(onDisk, /dev_/);
    assert.equal(new TokenStore(path, xorCipher).read(), TOKEN);
    assert.equal(new TokenStore(path, null).read(), null, 'without the key the token is unusable');
  });

  it('refuses anything that is not a device token', () => {
    const store = new TokenStore(join(dir, 't.json'), null);
    for (const bad of ['', 'dev_short', `stf_${'A'.repeat(43)}`, `dev_${'A'.repeat(42)}!`]) assert.throws(() => store.save(bad), InvalidDeviceTokenError);
  });

  it('treats a damaged file as not enrolled', () => {
    const path = join(dir, 'device-token.json');
    writeFileSync(path, '{"version":1,"encrypted":false,"tok');
    assert.equal(new TokenStore(path, null).read(), null);
    writeFileSync(path, JSON.stringify({ version: 2, encrypted: false, token: TOKEN }));
    assert.equal(new TokenStore(path, null).read(), null);
  });
});

describe('enrolment through the role API', () => {
  it('terminalInfo has no token until the page saves the one pairDevice returned', async () => {
    const tokens = new TokenStore(join(dir, 'device-token.json'), null);
    const enrolled: string[] = [];
    const handlers = roleHandlers({ role: 'kiosk', counterId: null, tokens, devices: unlinkedDeviceManager([], () => 0), onEnrolled: (t) => enrolled.push(t) });
    assert.deepEqual(await handlers.terminalInfo?.(), { role: 'kiosk', counterId: null, deviceToken: null });
    await assert.rejects(async () => handlers.saveDeviceToken?.('1234-5678'), InvalidDeviceTokenError);
    await assert.rejects(async () => handlers.saveDeviceToken?.(42), /must be a string/);
    assert.deepEqual(enrolled, []);
    await handlers.saveDeviceToken?.(TOKEN);
    assert.deepEqual(enrolled, [TOKEN]);
    assert.deepEqual(await handlers.terminalInfo?.(), { role: 'kiosk', counterId: null, deviceToken: TOKEN });
  });
});

describe('role handlers', () => {
  const tokens = { read: () => null, save: () => undefined };

  it('each role serves exactly its contract methods', () => {
    const devices = unlinkedDeviceManager([], () => 0);
    const names = (role: 'kiosk' | 'counter' | 'display') =>
      Object.keys(roleHandlers({ role, counterId: role === 'counter' ? 'quay-1' : null, tokens, devices, onEnrolled: () => undefined })).sort();
    assert.deepEqual(names('display'), ['health', 'saveDeviceToken', 'terminalInfo']);
    assert.deepEqual(names('counter'), ['closeRatingWindow', 'health', 'openRatingWindow', 'saveDeviceToken', 'scanDocument', 'terminalInfo']);
    assert.deepEqual(names('kiosk'), [
      'endSession',
      'health',
      'printTicket',
      'printerStatus',
      'readCard',
      'saveDeviceToken',
      'scanCardBack',
      'scanDocument',
      'terminalInfo',
    ]);
  });

  it('the counter bounds the rating window', async () => {
    const opened: number[] = [];
    const devices = {
      ...unlinkedDeviceManager([], () => 0),
      openRatingWindow: async (s: number) => {
        opened.push(s);
        return { ok: true as const, value: null };
      },
    };
    const handlers = roleHandlers({ role: 'counter', counterId: 'quay-1', tokens, devices, onEnrolled: () => undefined });
    for (const bad of [0, 601, 1.5, '30', null]) await assert.rejects(async () => handlers.openRatingWindow?.(bad), RangeError);
    assert.deepEqual(await handlers.openRatingWindow?.(30), { ok: true, value: null });
    assert.deepEqual(opened, [30]);
    assert.deepEqual((await handlers.terminalInfo?.()) as unknown, { role: 'counter', counterId: 'quay-1', deviceToken: null });
  });

  it('the kiosk refuses print jobs and card requests that are not objects', async () => {
    const handlers = roleHandlers({ role: 'kiosk', counterId: null, tokens, devices: unlinkedDeviceManager([], () => 0), onEnrolled: () => undefined });
    await assert.rejects(async () => handlers.printTicket?.('A015'), /print job must be an object/);
    await assert.rejects(async () => handlers.readCard?.([]), /card read request must be an object/);
  });

  it('without a linked device manager every device is absent and calls answer unavailable', async () => {
    const devices = unlinkedDeviceManager([{ id: 'printer', kind: 'printer', uri: 'tcp://10.0.0.5:9100' }], () => 1234);
    assert.deepEqual(await devices.health(), [
      { kind: 'printer', id: 'printer', state: 'absent', fault: 'unavailable', detail: 'no device manager linked into this build', since: 1234 },
    ]);
    const handlers = roleHandlers({ role: 'kiosk', counterId: null, tokens, devices, onEnrolled: () => undefined });
    assert.ok(handlers.printTicket !== undefined);
    assert.equal(((await handlers.printTicket({})) as { ok: boolean }).ok, false);
  });
});
