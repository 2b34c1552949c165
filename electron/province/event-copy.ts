/**
 * Stores a delivery's new events with one COPY (text format) on the ingest transaction's client.
 * COPY costs PostgreSQL a fraction of an INSERT … SELECT unnest(arrays) of the same rows (no array
 * literals to build on the hub and parse again on the server), and the data column is the
 * canonical JSON the chain check already built, so no event is serialised twice.
 *
 * Contract: the rows go to `events` (routed to its monthly partitions, which must exist); a
 * duplicate (hall, seq) fails the COPY and with it the transaction, as an INSERT would.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PublicEventWire } from '../common/province-wire.ts';
import type { PoolClient } from './database.ts';

const COPY_EVENTS = 'COPY events (hall_id, seq, at, type, ticket_id, counter_id, data, prev_hash, hash) FROM STDIN';

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value as a COPY text-format field: backslash, tab, newline and carriage return escaped; null is \N. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : value;
}

/**
 * JSON text as a COPY field. JSON text holds no raw tab, newline or carriage return (they are
 * escaped inside strings), so only backslashes need doubling, and `includes` finds them far faster
 * than a character-class scan of a few hundred characters per event.
 */
export function copyJsonField(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * The COPY text of `events` as UTF-8 chunks of about CHUNK_BYTES; dataJson[i] is the JSON text of
 * events[i].data, as canonicalJson writes it. Each line is written straight into a chunk: one long
 * string for the whole delivery cost more to build and encode than the rows cost PostgreSQL to store.
 */
export function eventCopyChunks(hallId: string, events: readonly PublicEventWire[], dataJson: readonly string[]): Buffer[] {
  if (events.length !== dataJson.length) throw new RangeError('eventCopyChunks: one data text per event');
  const hall = copyField(hallId);
  const chunks: Buffer[] = [];
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as PublicEventWire;
    // seq and at are validated integers; prevHash and hash are validated hex digits: nothing to escape.
    const line = `${hall}\t${e.seq}\t${e.at}\t${copyField(e.type)}\t${copyField(e.ticketId)}\t${copyField(e.counterId)}\t${copyJsonField(dataJson[i] as string)}\t${e.prevHash}\t${e.hash}\n`;
    const most = line.length * 3; // UTF-8 bytes of a UTF-16 string, at most
    if (used + most > chunk.length) {
      if (used > 0) chunks.push(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
      used = 0;
    }
    used += chunk.write(line, used);
  }
  if (used > 0) chunks.push(chunk.subarray(0, used));
  return chunks;
}

export async function copyEvents(client: PoolClient, hallId: string, events: readonly PublicEventWire[], dataJson: readonly string[]): Promise<void> {
  await pipeline(Readable.from(eventCopyChunks(hallId, events, dataJson)), client.query(copyFrom(COPY_EVENTS)));
}
