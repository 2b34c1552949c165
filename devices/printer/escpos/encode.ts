/** Commands → bytes, each command through its family's encoder. */
import { concatBytes } from '../../common/bytes.ts';
import type { EscPosCommand } from './command.ts';
import { encodeFormat } from './format.ts';
import { encodePaper } from './paper.ts';
import { encodeProcessId } from './process-id.ts';
import { encodeQr } from './qr.ts';
import { encodeRaster } from './raster.ts';
import { encodeSetup } from './setup.ts';
import { encodeStatusRequest } from './status.ts';
import { encodeText } from './text.ts';

const FAMILIES = [encodeSetup, encodeFormat, encodePaper, encodeText, encodeRaster, encodeQr, encodeStatusRequest, encodeProcessId];

export function encodeCommand(command: EscPosCommand): Uint8Array {
  for (const encode of FAMILIES) {
    const bytes = encode(command);
    if (bytes !== null) return Uint8Array.from(bytes);
  }
  throw new Error(`no encoder for ESC/POS op '${(command as { op: string }).op}'`);
}

export function encodeCommands(commands: readonly EscPosCommand[]): Uint8Array {
  return concatBytes(commands.map(encodeCommand));
}
