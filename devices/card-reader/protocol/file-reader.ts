/**
 * Reads LDS files (spec §1.3, JMRTD DefaultFileSystem): an 8-byte read by short EF identifier
 * (implicit select, no SELECT APDU) gives the BER header and so the file length; the rest follows
 * in chunks. Chunks start at 223 bytes with short APDUs (a protected answer then fits 256 bytes)
 * or at `extendedChunk` with extended length, and shrink on 6700 (halved) or 6Cxx (to xx).
 * Offsets above 32767 use READ BINARY B1 with the offset in DO54 and the answer in DO53.
 *
 * A read can resume: `FileProgress` keeps what arrived, so after the card was lifted or the SM
 * session broke, a new session continues where the old one stopped (re-selecting the file).
 */
import { concat, uintBytes } from '../bytes.ts';
import { CardParseError, CardProtocolError } from '../errors.ts';
import { readTlv, readTlvHeader, tlv } from '../lds/ber.ts';
import { type CommandApdu, type ResponseApdu, SW_END_OF_FILE, SW_FILE_NOT_FOUND, SW_OK, SW_WRONG_LENGTH } from './apdu.ts';
import type { CardSession } from './card-session.ts';
import type { LdsFile } from '../lds/files.ts';

export const SHORT_CHUNK = 223;
/** Default extended chunk: the answer and its SM wrapping fit a 4 KB reader buffer (gmrtd reads 4096). */
export const DEFAULT_EXTENDED_CHUNK = 4032;
const HEADER_READ = 8;
const MAX_P1P2_OFFSET = 32767;
const MIN_CHUNK = 16;

export class FileProgress {
  readonly file: LdsFile;
  buffer: Uint8Array | null = null;
  received = 0;
  constructor(file: LdsFile) {
    this.file = file;
  }
  get complete(): boolean {
    return this.buffer !== null && this.received === this.buffer.length;
  }
}

export class FileNotOnCardError extends Error {
  constructor(file: LdsFile) {
    super(`${file.name} is not on the card`);
    this.name = 'FileNotOnCardError';
  }
}

export class FileReader {
  private chunk: number;
  private selected: number | null = null;

  constructor(extendedLength: boolean, extendedChunk = DEFAULT_EXTENDED_CHUNK) {
    this.chunk = extendedLength ? extendedChunk : SHORT_CHUNK;
  }

  /** A new session (after re-authentication) has no file selected. */
  newSession(): void {
    this.selected = null;
  }

  get chunkSize(): number {
    return this.chunk;
  }

  async read(session: CardSession, progress: FileProgress): Promise<Uint8Array> {
    if (progress.buffer === null) await this.readHeader(session, progress);
    const buffer = progress.buffer!;
    while (progress.received < buffer.length) {
      if (this.selected !== progress.file.fid) await this.select(session, progress.file);
      const want = Math.min(this.chunk, buffer.length - progress.received);
      const part = await this.readAt(session, progress.received, want);
      if (part === null) continue;
      if (part.length === 0) throw new CardProtocolError('status', `${progress.file.name}: card returned no data at offset ${progress.received}`);
      const n = Math.min(part.length, buffer.length - progress.received);
      buffer.set(part.subarray(0, n), progress.received);
      progress.received += n;
    }
    return buffer;
  }

  private async readHeader(session: CardSession, progress: FileProgress): Promise<void> {
    const r = await session.send({ cla: 0x00, ins: 0xb0, p1: 0x80 | progress.file.sfi, p2: 0, ne: HEADER_READ });
    let head: Uint8Array;
    if (r.sw === SW_OK || r.sw === SW_END_OF_FILE) {
      head = r.data;
      this.selected = progress.file.fid;
    } else if (r.sw === SW_FILE_NOT_FOUND) {
      throw new FileNotOnCardError(progress.file);
    } else {
      // No SFI support: explicit SELECT, then the header by offset.
      await this.select(session, progress.file);
      const again = await this.readAt(session, 0, HEADER_READ);
      if (again === null) throw new CardProtocolError('status', `${progress.file.name}: cannot read the header`);
      head = again;
    }
    let total: number;
    try {
      const h = readTlvHeader(head);
      total = h.headerLength + h.valueLength;
    } catch (e) {
      if (e instanceof CardParseError) throw new CardParseError(progress.file.name, `bad file header: ${e.message}`);
      throw e;
    }
    progress.buffer = new Uint8Array(total);
    const n = Math.min(head.length, total);
    progress.buffer.set(head.subarray(0, n));
    progress.received = n;
  }

  private async select(session: CardSession, file: LdsFile): Promise<void> {
    const r = await session.send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: uintBytes(file.fid, 2) });
    if (r.sw === SW_FILE_NOT_FOUND) throw new FileNotOnCardError(file);
    if (r.sw !== SW_OK) throw new CardProtocolError('status', `SELECT ${file.name} failed`, r.sw);
    this.selected = file.fid;
  }

  /** One READ BINARY; null when the chunk size had to shrink (try again). */
  private async readAt(session: CardSession, offset: number, want: number): Promise<Uint8Array | null> {
    const odd = offset > MAX_P1P2_OFFSET;
    let command: CommandApdu;
    if (odd) {
      const overhead = want + 2 < 128 ? 2 : want + 3 < 256 ? 3 : 4;
      command = { cla: 0x00, ins: 0xb1, p1: 0, p2: 0, data: tlv(0x54, uintBytes(offset, offset > 0xffff ? 3 : 2)), ne: want + overhead };
    } else {
      command = { cla: 0x00, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, ne: want };
    }
    const r: ResponseApdu = await session.send(command);
    if (r.sw === SW_OK || r.sw === SW_END_OF_FILE) {
      if (!odd) return r.data;
      try {
        const wrapped = readTlv(r.data);
        if (wrapped.tag !== 0x53) throw new CardParseError('READ BINARY', 'B1 answer is not DO53');
        return concat(wrapped.value);
      } catch (e) {
        if (e instanceof CardParseError) throw new CardProtocolError('status', e.message);
        throw e;
      }
    }
    if (r.sw === SW_WRONG_LENGTH && this.chunk > MIN_CHUNK) {
      this.chunk = Math.max(MIN_CHUNK, this.chunk > SHORT_CHUNK ? Math.max(SHORT_CHUNK, Math.floor(this.chunk / 2)) : Math.floor(this.chunk / 2));
      return null;
    }
    if ((r.sw & 0xff00) === 0x6c00 && (r.sw & 0xff) > 0 && (r.sw & 0xff) < this.chunk) {
      this.chunk = r.sw & 0xff;
      return null;
    }
    throw new CardProtocolError('status', `READ BINARY at offset ${offset} failed`, r.sw);
  }
}
