/**
 * Native QR, GS ( k pL pH cn fn … with cn = 49 (QR Code):
 *   fn 65 select model (n1 = 49 model 1, 50 model 2), fn 67 module size (1–16 dots),
 *   fn 69 error correction (48 L, 49 M, 50 Q, 51 H), fn 80 store data (m = 48), fn 81 print.
 * pL pH = number of bytes after pH (cn, fn and parameters).
 */
import { u16le } from '../../common/bytes.ts';
import { GS, EscPosDecodeError, need, type Decoded, type EscPosCommand, type QrErrorLevel } from './command.ts';

const LEVELS: readonly QrErrorLevel[] = ['L', 'M', 'Q', 'H'];
const QR = 49;

function frame(fn: number, params: readonly number[]): number[] {
  return [GS, 0x28, 0x6b, ...u16le(params.length + 2), QR, fn, ...params];
}

export function encodeQr(command: EscPosCommand): number[] | null {
  switch (command.op) {
    case 'qrModel':
      return frame(65, [48 + command.model, 0]);
    case 'qrModuleSize':
      if (!Number.isInteger(command.dots) || command.dots < 1 || command.dots > 16)
        throw new RangeError(`QR module size must be 1–16 dots, got ${command.dots}`);
      return frame(67, [command.dots]);
    case 'qrErrorLevel':
      return frame(69, [48 + LEVELS.indexOf(command.level)]);
    case 'qrStore':
      if (command.data.length === 0 || command.data.length > 7089) throw new RangeError(`QR data must be 1–7089 bytes, got ${command.data.length}`);
      return frame(80, [48, ...command.data]);
    case 'qrPrint':
      return frame(81, [48]);
    default:
      return null;
  }
}

/** A helper for the usual sequence: model 2, module size, error level, store, print. */
export function qrCommands(data: Uint8Array, dots: number, level: QrErrorLevel): EscPosCommand[] {
  return [{ op: 'qrModel', model: 2 }, { op: 'qrModuleSize', dots }, { op: 'qrErrorLevel', level }, { op: 'qrStore', data }, { op: 'qrPrint' }];
}

export function decodeQr(bytes: Uint8Array, at: number): Decoded | null {
  if (bytes[at] !== GS || bytes[at + 1] !== 0x28 || bytes[at + 2] !== 0x6b) return null;
  const length = need(bytes, at + 3, at, 'GS ( k pL') | (need(bytes, at + 4, at, 'GS ( k pH') << 8);
  if (length < 2) throw new EscPosDecodeError(at, `GS ( k: length ${length} is shorter than cn fn`, false);
  const end = at + 5 + length;
  if (end > bytes.length) throw new EscPosDecodeError(at, `GS ( k: parameters are cut short`, true);
  const cn = bytes[at + 5]!;
  const fn = bytes[at + 6]!;
  const params = bytes.subarray(at + 7, end);
  if (cn !== QR) throw new EscPosDecodeError(at, `GS ( k: symbol type cn=${cn} is not QR (49)`, false);
  const bad = (why: string): never => {
    throw new EscPosDecodeError(at, `GS ( k fn ${fn}: ${why}`, false);
  };
  switch (fn) {
    case 65: {
      const model = (params[0] ?? 0) - 48;
      if (params.length !== 2 || (model !== 1 && model !== 2)) bad('model must be 49 or 50 followed by 0');
      return { command: { op: 'qrModel', model: model as 1 | 2 }, next: end };
    }
    case 67: {
      const dots = params[0] ?? 0;
      if (params.length !== 1 || dots < 1 || dots > 16) bad(`module size ${dots} is not 1–16`);
      return { command: { op: 'qrModuleSize', dots }, next: end };
    }
    case 69: {
      const level = LEVELS[(params[0] ?? 0) - 48];
      if (params.length !== 1 || level === undefined) bad('error level must be 48–51');
      return { command: { op: 'qrErrorLevel', level: level! }, next: end };
    }
    case 80:
      if (params[0] !== 48 || params.length < 2) bad('store needs m=48 and at least one data byte');
      return { command: { op: 'qrStore', data: params.slice(1) }, next: end };
    case 81:
      if (params.length !== 1 || params[0] !== 48) bad('print takes m=48');
      return { command: { op: 'qrPrint' }, next: end };
    default:
      return bad('unknown function');
  }
}
