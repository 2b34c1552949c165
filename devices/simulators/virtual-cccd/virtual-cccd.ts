/**
 * The chip side of a Vietnamese CCCD (ICAO 9303 eMRTD application): answers command APDUs like the
 * card does, for unit tests, the benchmark, the demo and, behind vpcd, real pcscd.
 *
 * Behaviour (spec §1–§2):
 * - EF.CardAccess readable without authentication (SELECT 011C or SFI 1C, no SELECT MF: 6D00 as on the VN card).
 * - SELECT of the eMRTD application, then BAC (GET CHALLENGE, EXTERNAL AUTHENTICATE) or PACE-GM
 *   (MSE:Set AT with CAN or MRZ, four GENERAL AUTHENTICATE) at any time.
 * - After access control every command must be protected; an SM defect answers a plain 6988 and
 *   ends the session (the terminal re-authenticates).
 * - READ BINARY B0 (offset ≤ 32767 or SFI + offset ≤ 255) and B1 (DO54 offset, DO53 answer).
 *   Reading past the end answers the bytes left with 6282; Ne above the chip's buffer answers 6700.
 * - Extended-length APDUs only when the card is configured to accept them.
 */
import { randomBytes } from 'node:crypto';
import { concat, fromHex } from '../../card-reader/bytes.ts';
import { CardProtocolError } from '../../card-reader/errors.ts';
import { readTlv, tlv } from '../../card-reader/lds/ber.ts';
import { type MrzAccessKey, bacKeys } from '../../card-reader/protocol/access-key.ts';
import { type CommandApdu, decodeCommand, encodeResponse, isExtendedEncoding } from '../../card-reader/protocol/apdu.ts';
import type { SecureMessaging } from '../../card-reader/protocol/secure-messaging.ts';
import { ChipPace, chipBac } from './chip-access.ts';
import type { CardFiles } from './personalisation.ts';
import { LDS_FILES as FILES } from '../../card-reader/lds/files.ts';
import { EMRTD_AID } from '../../card-reader/protocol/access-control.ts';

/** ATR of an ISO 14443-4 card as PC/SC synthesises it (3B 8x 80 01 …). */
export const VIRTUAL_CCCD_ATR = fromHex('3B8880014D54435344313233FA');

export interface VirtualCccdOptions {
  readonly files: CardFiles;
  /** The CAN the chip accepts (last 6 digits of the ID number). */
  readonly can: string;
  /** The MRZ key for BAC and PACE-MRZ. */
  readonly mrzKey: MrzAccessKey;
  /** Accept extended-length APDUs (default true). */
  readonly extendedLength?: boolean;
  /** Largest READ BINARY answer in bytes (default 65536); a larger Ne gets 6700. */
  readonly maxReadLength?: number;
}

interface FileEntry {
  readonly fid: number;
  readonly sfi: number;
  readonly data: Uint8Array;
  /** Readable before access control. */
  readonly open: boolean;
}

export class VirtualCccd {
  private readonly files: FileEntry[];
  private readonly options: VirtualCccdOptions;
  private applicationSelected = false;
  private current: FileEntry | null = null;
  private sm: SecureMessaging | null = null;
  private challenge: Uint8Array | null = null;
  private pace: ChipPace | null = null;
  private pendingSm: SecureMessaging | null = null;
  /** Commands answered since power-on; tests read it. */
  commandCount = 0;

  constructor(options: VirtualCccdOptions) {
    this.options = options;
    const f = options.files;
    this.files = [
      { ...FILES.cardAccess, data: f.cardAccess, open: true },
      { ...FILES.com, data: f.com, open: false },
      { ...FILES.sod, data: f.sod, open: false },
      { ...FILES.dg1, data: f.dg1, open: false },
      { ...FILES.dg2, data: f.dg2, open: false },
      { ...FILES.dg13, data: f.dg13, open: false },
    ];
  }

  /** Answer to reset; reading it does not reset the card (vpcd polls it for presence). */
  get atr(): Uint8Array {
    return VIRTUAL_CCCD_ATR;
  }

  get extendedLength(): boolean {
    return this.options.extendedLength ?? true;
  }

  /** Power-on or reset: everything volatile is forgotten. */
  reset(): Uint8Array {
    this.applicationSelected = false;
    this.current = null;
    this.sm?.wipe();
    this.sm = null;
    this.challenge = null;
    this.pace = null;
    return VIRTUAL_CCCD_ATR;
  }

  /** Answers one command APDU. */
  transmit(bytes: Uint8Array): Uint8Array {
    this.commandCount++;
    let command: CommandApdu;
    try {
      command = decodeCommand(bytes);
    } catch {
      return encodeResponse(new Uint8Array(0), 0x6700);
    }
    if (!this.extendedLength && isExtendedEncoding(bytes)) return encodeResponse(new Uint8Array(0), 0x6700);
    let response: Uint8Array;
    if ((command.cla & 0x0c) === 0x0c) {
      if (this.sm === null) return encodeResponse(new Uint8Array(0), 0x6988);
      const sm = this.sm;
      let plain: CommandApdu;
      try {
        plain = sm.unprotectCommand(bytes);
      } catch (e) {
        if (!(e instanceof CardProtocolError)) throw e;
        this.endSecureMessaging();
        return encodeResponse(new Uint8Array(0), 0x6988);
      }
      const { data, sw } = this.execute(plain, true);
      response = sm.protectResponse(data, sw);
    } else {
      if (this.sm !== null) {
        // A plain command ends the session; only a new access control may follow.
        if (!this.isAccessCommand(command)) {
          this.endSecureMessaging();
          return encodeResponse(new Uint8Array(0), 0x6988);
        }
        this.endSecureMessaging();
      }
      const { data, sw } = this.execute(command, false);
      response = encodeResponse(data, sw);
    }
    // Keys agreed by BAC or PACE take effect after their last answer has gone out.
    if (this.pendingSm !== null) {
      this.sm = this.pendingSm;
      this.pendingSm = null;
    }
    return response;
  }

  private isAccessCommand(c: CommandApdu): boolean {
    return c.ins === 0x22 || c.ins === 0x86 || c.ins === 0x84 || c.ins === 0x82 || (c.ins === 0xa4 && c.p1 === 0x04);
  }

  private endSecureMessaging(): void {
    this.sm?.wipe();
    this.sm = null;
    this.applicationSelected = false;
    this.current = null;
  }

  private execute(c: CommandApdu, secured: boolean): { data: Uint8Array; sw: number } {
    const none = new Uint8Array(0);
    const status = (sw: number): { data: Uint8Array; sw: number } => ({ data: none, sw });
    switch (c.ins) {
      case 0xa4:
        return status(this.select(c, secured));
      case 0xb0:
      case 0xb1:
        return this.readBinary(c, secured);
      case 0x84: {
        this.challenge = new Uint8Array(randomBytes(8));
        return { data: this.challenge, sw: 0x9000 };
      }
      case 0x82: {
        if (this.challenge === null || !this.applicationSelected) return status(0x6985);
        const step = chipBac(bacKeys(this.options.mrzKey), this.challenge, c.data ?? none);
        this.challenge = null;
        if ('sw' in step) return status(step.sw);
        this.pendingSm = step.sm ?? null;
        return { data: step.data, sw: 0x9000 };
      }
      case 0x22:
        return status(this.mseSetAt(c.data ?? none));
      case 0x86:
        return this.generalAuthenticate(c);
      default:
        return status(0x6d00);
    }
  }

  private select(c: CommandApdu, secured: boolean): number {
    const data = c.data ?? new Uint8Array(0);
    if (c.p1 === 0x04) {
      if (Buffer.compare(Buffer.from(data), Buffer.from(EMRTD_AID)) !== 0) return 0x6a82;
      this.applicationSelected = true;
      this.current = null;
      return 0x9000;
    }
    if (c.p1 === 0x00 && (data.length === 0 || (data[0] === 0x3f && data[1] === 0x00))) return 0x6d00;
    if ((c.p1 !== 0x02 && c.p1 !== 0x00) || data.length !== 2) return 0x6a86;
    const fid = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
    const file = this.files.find((f) => f.fid === fid);
    if (file === undefined) return 0x6a82;
    if (!file.open && (!secured || !this.applicationSelected)) return 0x6982;
    this.current = file;
    return 0x9000;
  }

  private readBinary(c: CommandApdu, secured: boolean): { data: Uint8Array; sw: number } {
    const none = new Uint8Array(0);
    let offset: number;
    let file = this.current;
    if (c.ins === 0xb1) {
      try {
        const t = readTlv(c.data ?? none);
        if (t.tag !== 0x54) return { data: none, sw: 0x6a80 };
        offset = t.value.reduce((n, b) => n * 256 + b, 0);
      } catch {
        return { data: none, sw: 0x6a80 };
      }
    } else if (c.p1 & 0x80) {
      const sfi = c.p1 & 0x1f;
      file = this.files.find((f) => f.sfi === sfi) ?? null;
      if (file === null) return { data: none, sw: 0x6a82 };
      if (!file.open && (!secured || !this.applicationSelected)) return { data: none, sw: 0x6982 };
      this.current = file;
      offset = c.p2;
    } else {
      offset = (c.p1 << 8) | c.p2;
    }
    if (file === null) return { data: none, sw: 0x6986 };
    if (!file.open && !secured) return { data: none, sw: 0x6982 };
    const ne = c.ne ?? 256;
    if (offset > file.data.length) return { data: none, sw: 0x6b00 };
    const available = file.data.length - offset;
    if (Math.min(ne, available) > (this.options.maxReadLength ?? 65536)) return { data: none, sw: 0x6700 };
    const wrapped = c.ins === 0xb1;
    const room = wrapped ? ne - (ne - 2 < 128 ? 2 : ne - 3 < 256 ? 3 : 4) : ne;
    const chunk = file.data.subarray(offset, offset + Math.max(0, room));
    const data = wrapped ? tlv(0x53, chunk) : Uint8Array.from(chunk);
    return { data: concat(data), sw: chunk.length < room ? 0x6282 : 0x9000 };
  }

  private mseSetAt(data: Uint8Array): number {
    let reference: number | null = null;
    try {
      let at = 0;
      while (at < data.length) {
        const t = readTlv(data, at);
        if (t.tag === 0x83) reference = t.value[0] ?? null;
        if (t.tag === 0x84 && t.value[0] !== 13) return 0x6a80;
        at += t.size;
      }
    } catch {
      return 0x6a80;
    }
    if (reference === 0x02) this.pace = new ChipPace({ kind: 'can', can: this.options.can });
    else if (reference === 0x01) this.pace = new ChipPace({ kind: 'mrz', key: this.options.mrzKey });
    else return 0x6a80;
    return 0x9000;
  }

  private generalAuthenticate(c: CommandApdu): { data: Uint8Array; sw: number } {
    const none = new Uint8Array(0);
    if (this.pace === null) return { data: none, sw: 0x6985 };
    let value: Uint8Array;
    try {
      const outer = readTlv(c.data ?? none);
      value = outer.value.length === 0 ? none : readTlv(outer.value).value;
    } catch {
      return { data: none, sw: 0x6a80 };
    }
    const step = this.pace.next(value);
    if ('sw' in step) {
      this.pace = null;
      return { data: none, sw: step.sw };
    }
    if (step.sm !== undefined) {
      this.pace = null;
      this.applicationSelected = false;
      this.pendingSm = step.sm;
    }
    return { data: step.data, sw: 0x9000 };
  }
}
