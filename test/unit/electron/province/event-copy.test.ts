/** The COPY text the hub stores events with: every field reads back as sent, across chunk boundaries. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { PublicEventWire } from '../../../../electron/common/province-wire.ts';
import { canonicalJson } from '../../../../electron/common/event-chain.ts';
import { copyField, copyJsonField, eventCopyChunks } from '../../../../electron/province/event-copy.ts';

/** COPY text-format reading (the server's side): lines, tab-separated fields, \N, backslash escapes. */
function readCopyText(text: string): (string | null)[][] {
  const rows = text.split('\n');
  assert.equal(rows.pop(), '', 'the text ends with a newline');
  return rows.map((line) => line.split('\t').map((f) => (f === '\\N' ? null : f.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c))));
}

const hex = (n: number): string => n.toString(16).padStart(64, '0');
const eventOf = (seq: number, ticketId: string | null, data: string): [PublicEventWire, string] => [
  { seq, at: 1_793_579_404_420 + seq, type: 'ticket.called', ticketId, counterId: seq % 2 ? 'quay-1' : null, data: {}, prevHash: hex(seq - 1), hash: hex(seq) },
  data,
];

describe('event COPY text', () => {
  test('escapes backslash, tab, newline and carriage return; null is \\N', () => {
    assert.equal(copyField(null), '\\N');
    assert.equal(copyField('quay-1'), 'quay-1');
    assert.equal(copyField('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re');
    assert.equal(copyField('{"reason":"Chờ lâu \\"quá\\""}'), '{"reason":"Chờ lâu \\\\"quá\\\\""}');
  });

  test('JSON text needs only its backslashes doubled, and gets the same field as the general escape', () => {
    for (const value of [{ reason: 'Chờ lâu "quá"\n\tthật' }, { path: 'C:\\hồ sơ' }, { n: 1 }, 'plain']) {
      const json = canonicalJson(value);
      assert.equal(copyJsonField(json), copyField(json));
    }
  });

  test('property: every row reads back field for field, whatever the ids and data and however the chunks fall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.string({ unit: 'binary', maxLength: 40 })), fc.jsonValue().map(canonicalJson)), { minLength: 1, maxLength: 120 }),
        (rows) => {
          const pairs = rows.map(([ticketId, data], i) => eventOf(i + 1, ticketId, data));
          const chunks = eventCopyChunks(
            'xa-001',
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
          );
          const text = Buffer.concat(chunks).toString('utf8');
          const read = readCopyText(text);
          assert.equal(read.length, pairs.length);
          read.forEach((fields, i) => {
            const [e, data] = pairs[i] as [PublicEventWire, string];
            assert.deepEqual(fields, ['xa-001', String(e.seq), String(e.at), e.type, e.ticketId, e.counterId, data, e.prevHash, e.hash]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a delivery larger than one chunk is split on line ends', () => {
    const pairs = Array.from({ length: 600 }, (_, i) => eventOf(i + 1, `xa-001-2026-11-02-${i}`, JSON.stringify({ note: 'x'.repeat(900) })));
    const chunks = eventCopyChunks(
      'xa-001',
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
    assert.ok(chunks.length > 1);
    for (const c of chunks) assert.equal(c[c.length - 1], 0x0a);
    assert.equal(readCopyText(Buffer.concat(chunks).toString('utf8')).length, 600);
  });

  test('refuses a data text count that does not match the events', () => {
    const [e] = eventOf(1, null, '{}');
    assert.throws(() => eventCopyChunks('xa-001', [e], []), RangeError);
  });
});
