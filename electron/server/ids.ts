/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48-bit Unix milliseconds, then random bits. Ordered ids
 * append at the end of the tickets primary key instead of touching a random page per insert.
 * Within one millisecond the random tail keeps ids unique (74 random bits), not ordered.
 */
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidv7(now: number = Date.now()): string {
  const b = new Uint8Array(16);
  randomFillSync(b, 6);
  let ms = now;
  for (let i = 5; i >= 0; i -= 1) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70; // version 7
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // variant 10
  const h = Array.from(b, (x) => HEX[x]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A UUIDv7 generator for bulk work (imports): the same ids as uuidv7, drawing its random bits from
 * a pooled buffer refilled 64 KiB at a time instead of one system call per id.
 */
export function bulkUuidv7(): (ms: number) => string {
  const POOL = 65_536;
  const pool = new Uint8Array(POOL);
  let used = POOL;
  const b = new Uint8Array(16);
  return (now) => {
    if (used + 10 > POOL) {
      randomFillSync(pool);
      used = 0;
    }
    b.set(pool.subarray(used, used + 10), 6);
    used += 10;
    let ms = now;
    for (let i = 5; i >= 0; i -= 1) {
      b[i] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    let h = '';
    for (let i = 0; i < 16; i += 1) {
      h += HEX[b[i] ?? 0];
      if (i === 3 || i === 5 || i === 7 || i === 9) h += '-';
    }
    return h;
  };
}
