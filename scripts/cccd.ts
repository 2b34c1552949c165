/**
 * `npm run cccd -- <command>`: read a CCCD from the command line.
 *
 *   read [--reader NAME] (--can NNNNNN | --mrz "LINE1LINE2[LINE3]") [--dg 1,13,2] [--csca DIR]
 *        [--photo FILE.jpg] [--json]
 *       Reads the chip on a PC/SC reader (default: the first reader), PACE with the CAN or BAC with
 *       the MRZ key, and prints the fields, the passive-authentication result, the APDU count and
 *       the timings. --csca names the trust-store folder of CSCA certificates.
 *   ocr-mrz IMAGE [--json]
 *       Reads the MRZ from an image of the card back (tesseract.js, offline) and prints it with
 *       its check-digit results and the derived BAC key. The result is unauthenticated.
 *
 * Exit codes: 0 done, 1 the card or image could not be read, 2 bad usage.
 * The output is the citizen's data, on request, to this terminal only; nothing is logged.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CardDataGroup, CardReadRequest } from '../electron/common/device-contract.ts';
import { createCardReaderService, loadTrustStore, parseTd1 } from '../devices/card-reader/index.ts';
import { CardParseError } from '../devices/card-reader/errors.ts';
import { ocrMrz } from '../devices/card-reader/mrz/ocr.ts';
import { PcscReader } from '../devices/transports/pcsc.ts';

const USAGE = `usage:
  npm run cccd -- read [--reader NAME] (--can NNNNNN | --mrz "LINE1LINE2[LINE3]") [--dg 1,13,2] [--csca DIR] [--photo FILE.jpg] [--json]
  npm run cccd -- ocr-mrz IMAGE [--json]
`;

class UsageError extends Error {}

function dataGroups(text: string): CardDataGroup[] {
  const groups = text.split(',').map((s) => Number(s.trim()));
  for (const g of groups) if (g !== 1 && g !== 2 && g !== 13) throw new UsageError(`--dg: data group ${g} is not one of 1, 2, 13`);
  return groups as CardDataGroup[];
}

function keyOf(can: string | undefined, mrz: string | undefined): CardReadRequest['key'] {
  if ((can === undefined) === (mrz === undefined)) throw new UsageError('give exactly one of --can and --mrz');
  if (can !== undefined) {
    if (!/^\d{6}$/.test(can)) throw new UsageError('--can must be 6 digits (the last 6 of the 12-digit ID number)');
    return { kind: 'can', can };
  }
  const compact = mrz!.replace(/\s+/g, '');
  const td1 = parseTd1(compact.length === 60 ? compact + '<'.repeat(30) : compact);
  return { kind: 'mrz', documentNumber: td1.documentNumber, dateOfBirth: td1.dateOfBirth, dateOfExpiry: td1.dateOfExpiry };
}

async function read(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      reader: { type: 'string', default: '' },
      can: { type: 'string' },
      mrz: { type: 'string' },
      dg: { type: 'string', default: '1,13' },
      csca: { type: 'string' },
      photo: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  // The installer's check of a reader shows what the card holds, as a dossier's read would.
  const request: CardReadRequest = { key: keyOf(values.can, values.mrz), dataGroups: dataGroups(values.dg), purpose: 'dossier' };
  const trustStore = values.csca === undefined ? [] : loadTrustStore(values.csca);
  const reader = await PcscReader.open({ readerName: values.reader });
  try {
    const service = createCardReaderService(reader.factory, { trustStore });
    const result = await service.readCard(request);
    const report = service.lastReport();
    if (result.ok && values.photo !== undefined && result.value.photoJpeg !== null) writeFileSync(values.photo, result.value.photoJpeg);
    const identity = result.ok
      ? { ...result.value, photoJpeg: result.value.photoJpeg === null ? null : { bytes: result.value.photoJpeg.length, file: values.photo ?? null } }
      : null;
    const output = {
      reader: reader.readerName,
      ok: result.ok,
      fault: result.ok ? null : result.fault,
      detail: result.ok ? null : result.detail,
      identity,
      report,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    else {
      process.stdout.write(
        result.ok
          ? `${identity!.fullName} — ${identity!.idNumber} — ${identity!.dateOfBirth} — ${identity!.authenticity}\n`
          : `read failed: ${output.fault} (${output.detail})\n`,
      );
      if (report !== null)
        process.stdout.write(`${report.apduCount} APDUs, ${report.timingsMs['total']?.toFixed(0) ?? '?'} ms, ${report.protocol ?? 'no access'}\n`);
    }
    await service.endSession();
    return result.ok ? 0 : 1;
  } finally {
    await reader.close();
  }
}

async function ocr(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const image = positionals[0];
  if (image === undefined || positionals.length > 1) throw new UsageError('ocr-mrz takes one image file');
  try {
    const r = await ocrMrz(image);
    const output = {
      mrz: r.td1.lines,
      fields: { ...r.td1, lines: undefined },
      checksValid: r.td1.failedChecks.length === 0,
      repairs: r.repairs,
      confidence: r.confidence,
      bacKey: { documentNumber: r.td1.documentNumber, dateOfBirth: r.td1.dateOfBirth, dateOfExpiry: r.td1.dateOfExpiry },
      can: r.td1.idNumber?.slice(6) ?? null,
      authenticity: 'unauthenticated',
    };
    process.stdout.write(
      values.json
        ? `${JSON.stringify(output, null, 2)}\n`
        : `${r.td1.lines.join('\n')}\nchecks ${output.checksValid ? 'valid' : `failed: ${r.td1.failedChecks.join(', ')}`}\n`,
    );
    return output.checksValid ? 0 : 1;
  } catch (e) {
    if (!(e instanceof CardParseError)) throw e;
    process.stderr.write(`ocr-mrz: ${e.message}\n`);
    return 1;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'read') return await read(rest);
    if (command === 'ocr-mrz') return await ocr(rest);
    process.stderr.write(USAGE);
    return 2;
  } catch (e) {
    if (e instanceof UsageError || e instanceof CardParseError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`cccd: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

// Exit explicitly: @pokusew/pcsclite's native status threads can keep the process alive after every
// reader and the context are closed while pcscd is still running.
const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
