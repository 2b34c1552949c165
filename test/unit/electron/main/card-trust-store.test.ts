/**
 * The Electron shell's CSCA trust store: the terminal config's `csca` folder is loaded (relative to
 * the config file) and handed to the device manager, whose CCCD reader then verifies a chip signed
 * under that CSCA (`verified`); without it the same chip reads `chain_untrusted`. The reader is a
 * `pcsc:` one whose PC/SC side is a virtual CCCD in memory, signed by the fixture document signer.
 * A folder that cannot be loaded stops the start with the field named, in both languages.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PcscReaderHandle } from '../../../../devices/manager/card-reader-link.ts';
import { MemoryCardReader } from '../../../../devices/simulators/virtual-cccd/memory-channel.ts';
import { terminalDeviceOptions } from '../../../../electron/main/card-trust-store.ts';
import { managedDevices, type ManagedDevicesOptions } from '../../../../electron/main/managed-devices.ts';
import { parseTerminalConfig, TerminalConfigError } from '../../../../kiosk-config/terminal-config.ts';
import { CCCD_FIXTURES, DEMO_CAN, demoCard } from '../../../support/virtual-cccd.fixture.ts';

const READER = 'ACS ACR1252 1S CL Reader';
const kioskConfig = (csca: string | null) =>
  parseTerminalConfig({
    role: 'kiosk',
    hallUrl: 'http://127.0.0.1:8080',
    brand: { name: 'Bộ phận Một cửa phường Bến Nghé' },
    devices: [{ id: 'card-reader', kind: 'cardReader', uri: `pcsc:${READER}` }],
    csca,
  });
/** The config file sits beside the fixtures' trust-store folder. */
const CONFIG_PATH = join(CCCD_FIXTURES, 'kiosk.json');

/** A PC/SC reader whose card is the fixture-signed demo card, in memory. */
function memoryPcsc(): PcscReaderHandle {
  const slot = new MemoryCardReader(demoCard());
  return {
    readerName: READER,
    factory: slot.factory,
    onPresence: (l) => slot.onPresence(l),
    onReaderAttached: () => () => undefined,
    close: async () => undefined,
  };
}

async function authenticityWith(options: ManagedDevicesOptions): Promise<string> {
  const config = kioskConfig(null);
  const devices = managedDevices(config.devices, { ...options, openPcscReader: async () => memoryPcsc() });
  try {
    for (let i = 0; i < 100 && (await devices.health()).find((h) => h.kind === 'cardReader')?.state !== 'ready'; i++)
      await new Promise((r) => setTimeout(r, 10));
    const read = await devices.readCard({ key: { kind: 'can', can: DEMO_CAN }, dataGroups: [1, 13] });
    assert.equal(read.ok, true, JSON.stringify(read));
    return read.ok ? read.value.authenticity : '';
  } finally {
    await devices.close();
  }
}

describe('the kiosk shell’s CSCA trust store', () => {
  it('the config’s csca folder, relative to the config file, reaches the card reader: the chip reads verified', async () => {
    const options = terminalDeviceOptions(kioskConfig('trust-store'), CONFIG_PATH);
    assert.equal(options.cardTrustStore?.length, 1);
    assert.match(options.cardTrustStore?.[0]?.subject ?? '', /CSCA Test CCCD/);
    assert.equal(await authenticityWith(options), 'verified');
  });

  it('without csca the same chip is chain_untrusted; a CSCA of another key does not verify it', async () => {
    assert.deepEqual(terminalDeviceOptions(kioskConfig(null), CONFIG_PATH), {});
    assert.equal(await authenticityWith({}), 'chain_untrusted');
    assert.equal(await authenticityWith(terminalDeviceOptions(kioskConfig(join(CCCD_FIXTURES, 'other-csca')), CONFIG_PATH)), 'chain_untrusted');
  });

  it('a folder that is missing, empty or holds a non-certificate stops the start, naming csca', async () => {
    const empty = await mkdtemp(join(os.tmpdir(), 'csca-'));
    try {
      for (const folder of [join(empty, 'missing'), empty]) {
        assert.throws(
          () => terminalDeviceOptions(kioskConfig(folder), CONFIG_PATH),
          (e: unknown) => e instanceof TerminalConfigError && e.problems[0]?.field === 'csca' && /chứng thư CSCA|chứng thư nào/.test(e.problems[0].vi),
        );
      }
      await writeFile(join(empty, 'csca.pem'), 'not a certificate');
      assert.throws(() => terminalDeviceOptions(kioskConfig(empty), CONFIG_PATH), /csca: cannot load the CSCA certificates .*not a certificate/s);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('only a kiosk takes a csca folder', () => {
    assert.throws(
      () => parseTerminalConfig({ role: 'display', hallUrl: 'http://127.0.0.1:8080', brand: { name: 'Hall' }, csca: 'csca' }),
      (e: unknown) => e instanceof TerminalConfigError && e.problems.some((p) => p.field === 'csca'),
    );
  });
});
