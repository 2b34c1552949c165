/**
 * Time-ordered UUIDs (RFC 9562 version 7) from the uuid package, with the clock injected: 48-bit
 * Unix milliseconds of the given time, then random bits. Ordered ids append at the end of the
 * tickets primary key instead of touching a random page per insert. Within one millisecond the
 * random tail keeps ids unique (74 random bits), not ordered.
 *
 * The random bits come from a pool filled 4 KiB at a time by the operating system's CSPRNG
 * (crypto.randomFillSync): the package's own source asks for 16 bytes per id, one call into
 * OpenSSL each, which showed in the issue path's profile. Each id takes 16 fresh bytes; none is reused.
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 4096;
const ID_BYTES = 16;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

/** 16 random bytes not handed out before (a view into the pool, read by v7 at once). */
function randomBytes16(): Uint8Array {
  if (used + ID_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + ID_BYTES);
  used += ID_BYTES;
  return bytes;
}

export function uuidv7(now: number = Date.now()): string {
  return v7({ msecs: now, random: randomBytes16() });
}

/** An id source reading the given clock (the server's, or a test's fake one). */
export function idsFrom(clock: () => number): () => string {
  return () => uuidv7(clock());
}
