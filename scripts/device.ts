/**
 * `npm run device -- <command> [options]`: device tools for installers and developers.
 *
 *   print-test --printer URI [--profile ID] [--text raster|codepage] [--png FILE]
 *       prints a sample Vietnamese ticket and reports whether the printer confirmed it.
 *       With `--printer sim:printer` the simulator prints it; --png writes its paper roll
 *       (this is how docs/screens/ticket.png is made: see docs/devices.md).
 *   status --printer URI
 *       reads the printer status (DLE EOT) and prints it.
 *
 * Exit code: 0 when the printer confirmed (print-test) or answered (status), 1 on a device
 * fault, 2 on a usage error.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDeviceUri } from '../devices/common/device-uri.ts';
import type { Transport } from '../devices/common/transport.ts';
import { PrinterDriver } from '../devices/printer/printer-driver.ts';
import { DEFAULT_PRINTER_PROFILE, printerProfile } from '../devices/printer/printer-profile.ts';
import { printerCondition } from '../devices/printer/printer-status.ts';
import { SAMPLE_TICKET } from '../devices/printer/sample-ticket.ts';
import { encodeTicket } from '../devices/printer/ticket-job.ts';
import type { TextMode } from '../devices/printer/ticket-render.ts';
import { renderRollPng } from '../devices/simulators/paper-roll.ts';
import { connectMemoryPrinter } from '../devices/simulators/printer-hosts.ts';
import { PrinterSimulator } from '../devices/simulators/printer.simulator.ts';
import { MemoryTransport } from '../devices/transports/memory-transport.ts';
import { createTransport } from '../devices/transports/open-transport.ts';

const USAGE = `usage:
  npm run device -- print-test --printer URI [--profile ID] [--text raster|codepage] [--png FILE]
  npm run device -- status --printer URI
URIs: serial:/dev/ttyUSB0?baud=9600, tcp://host:9100, usblp:/dev/usb/lp0, sim:printer
`;

function connect(uri: string, profileId: string): { transport: Transport; simulator: PrinterSimulator | null } {
  if (parseDeviceUri(uri).scheme !== 'sim') return { transport: createTransport(uri), simulator: null };
  const simulator = new PrinterSimulator(printerProfile(profileId));
  const transport = new MemoryTransport({ uri });
  connectMemoryPrinter(simulator, transport);
  return { transport, simulator };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      printer: { type: 'string' },
      profile: { type: 'string', default: DEFAULT_PRINTER_PROFILE },
      text: { type: 'string', default: 'raster' },
      png: { type: 'string' },
    },
  });
  if ((command !== 'print-test' && command !== 'status') || values.printer === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (values.text !== 'raster' && values.text !== 'codepage') {
    process.stderr.write(`--text must be raster or codepage, got '${values.text}'\n`);
    return 2;
  }
  const profile = printerProfile(values.profile);
  const { transport, simulator } = connect(values.printer, profile.id);
  await transport.open();
  const driver = new PrinterDriver(transport);
  try {
    if (command === 'status') {
      const result = await driver.status();
      if (!result.ok) {
        process.stdout.write(`printer ${values.printer}: ${result.fault}${result.detail ? ` (${result.detail})` : ''}\n`);
        return 1;
      }
      const s = result.value;
      process.stdout.write(
        `printer ${values.printer}: ${printerCondition(s) ?? 'ready'}\n` +
          `  online: ${s.online}\n  paper near end: ${s.paperNearEnd}\n  paper out: ${s.paperOut}\n  cover open: ${s.coverOpen}\n`,
      );
      return 0;
    }
    const bytes = encodeTicket(SAMPLE_TICKET, profile, { textMode: values.text as TextMode });
    const result = await driver.print(bytes);
    if (simulator !== null && values.png !== undefined) {
      writeFileSync(values.png, renderRollPng(simulator.roll, profile.dotsPerLine));
      process.stdout.write(`paper roll written to ${values.png}\n`);
    }
    if (!result.ok) {
      process.stdout.write(`print-test on ${values.printer}: NOT confirmed: ${result.fault}${result.detail ? ` (${result.detail})` : ''}\n`);
      return 1;
    }
    process.stdout.write(`print-test on ${values.printer} (${profile.id}, ${values.text}): confirmed, ${bytes.length} bytes\n`);
    return 0;
  } finally {
    await transport.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`device: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
