/**
 * Time-ordered UUIDs (RFC 9562 version 7) from the uuid package, with the clock injected: 48-bit
 * Unix milliseconds of the given time, then random bits. Ordered ids append at the end of the
 * tickets primary key instead of touching a random page per insert. Within one millisecond the
 * random tail keeps ids unique (74 random bits), not ordered.
 */
import { v7 } from 'uuid';

export function uuidv7(now: number = Date.now()): string {
  return v7({ msecs: now });
}

/** An id source reading the given clock (the server's, or a test's fake one). */
export function idsFrom(clock: () => number): () => string {
  return () => v7({ msecs: clock() });
}
