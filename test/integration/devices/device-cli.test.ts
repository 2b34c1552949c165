/** `npm run device` against the TCP printer simulator, as an installer would run it against a real printer. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { printerProfile } from '../../../devices/printer/printer-profile.ts';
import { startTcpPrinter, type TcpPrinterHost } from '../../../devices/simulators/printer-hosts.ts';
import { PrinterSimulator } from '../../../devices/simulators/printer.simulator.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function device(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'device.ts'), ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let host: TcpPrinterHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

describe('npm run device', () => {
  it('print-test prints the sample ticket on a network printer and reports it confirmed', async () => {
    const simulator = new PrinterSimulator(printerProfile('xprinter-80'));
    host = await startTcpPrinter(simulator);
    const run = await device('print-test', '--printer', host.uri, '--profile', 'xprinter-80');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /confirmed, \d+ bytes/);
    assert.equal(simulator.cuts, 1);
  });

  it('status reports paper out (the printer answered: exit 0); print-test is refused with exit 1', async () => {
    const simulator = new PrinterSimulator(printerProfile('epson-tm-t88'));
    simulator.setStatus({ paperOut: true });
    host = await startTcpPrinter(simulator);
    const run = await device('status', '--printer', host.uri);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /: paper_out\n[\s\S]*paper out: true/);
    const print = await device('print-test', '--printer', host.uri);
    assert.equal(print.code, 1);
    assert.match(print.stdout, /NOT confirmed: paper_out/);
    assert.equal(simulator.cuts, 0);
  });

  it('print-test on sim:printer writes the paper roll as PNG', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'device-cli-'));
    try {
      const png = join(dir, 'ticket.png');
      const run = await device('print-test', '--printer', 'sim:printer', '--profile', 'generic-58', '--png', png);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(PNG.sync.read(readFileSync(png)).width, 384 + 32);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2 with the usage', async () => {
    const run = await device('print-test');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /usage:/);
  });
});
