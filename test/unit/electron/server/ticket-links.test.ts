/**
 * The token on a ticket's QR (server/ticket-links.ts): 128 bits, not the ticket id, the same for
 * the same ticket and key, another under another hall key; the database keeps only its SHA-256;
 * a look-up finds exactly the ticket whose token it is given.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { StoredEvent } from '../../../../electron/common/events.ts';
import { TICKET_TOKEN } from '../../../../electron/common/ticket-link.ts';
import { TicketLinks } from '../../../../electron/server/ticket-links.ts';
import { openHallDatabase } from '../../../../electron/store/open-database.ts';
import { TicketLinkStore } from '../../../../electron/store/ticket-link-store.ts';
import { tempDir } from '../../../support/hall-server.ts';

const issued = (id: string, businessDate = '2026-11-23'): StoredEvent =>
  ({ seq: 1, type: 'ticket.issued', at: 0, ticketId: id, counterId: null, data: { ticket: { id, businessDate } } }) as unknown as StoredEvent;

describe('ticket links', () => {
  const tmp = tempDir('hall-links-');
  after(() => tmp.cleanup());
  const db = openHallDatabase(join(tmp.dir, 'links.db'));
  after(() => db.close());
  const key = randomBytes(32);
  const links = new TicketLinks(key, new TicketLinkStore(db), 'https://xephang.example.gov.vn');

  test('a token is 22 base64url characters, not the id, stable for the ticket, different per ticket and per key', () => {
    const id = '0190f3c2-0000-7000-8000-000000000001';
    const token = links.tokenOf(id);
    assert.match(token, TICKET_TOKEN);
    assert.equal(Buffer.from(token, 'base64url').length, 16);
    assert.ok(!token.includes(id.slice(0, 8)));
    assert.equal(links.tokenOf(id), token);
    assert.notEqual(links.tokenOf('0190f3c2-0000-7000-8000-000000000002'), token);
    assert.notEqual(new TicketLinks(randomBytes(32), new TicketLinkStore(db), null).tokenOf(id), token);
    assert.deepEqual(links.linkOf(id), { statusPath: `/t/${token}`, qr: { text: `https://xephang.example.gov.vn/t/${token}`, opensPage: true } });
  });

  test('recorded as SHA-256 only; resolves its own ticket and nothing else', () => {
    const ids = ['t-a', 't-b'];
    db.transaction(() => links.recordIssued(ids.map((id) => issued(id))))();
    links.recordIssued([issued('t-a')]); // the same ticket again changes nothing
    const rows = db.prepare('SELECT token_hash, ticket_id FROM ticket_links ORDER BY ticket_id').all() as { token_hash: Buffer; ticket_id: string }[];
    assert.deepEqual(
      rows.map((r) => r.ticket_id),
      ids,
    );
    for (const row of rows) {
      const token = links.tokenOf(row.ticket_id);
      assert.deepEqual(row.token_hash, createHash('sha256').update(token).digest());
      assert.ok(!row.token_hash.toString('latin1').includes(token), 'the token itself is not stored');
      assert.equal(links.resolve(token), row.ticket_id);
    }
    assert.equal(links.resolve(randomBytes(16).toString('base64url')), null);
    assert.equal(links.resolve('t-a'), null);
    assert.equal(links.resolve(''), null);
    // A token of another hall key names no ticket here, even for an id that exists.
    assert.equal(links.resolve(new TicketLinks(randomBytes(32), new TicketLinkStore(db), null).tokenOf('t-a')), null);
  });

  test('a look-up writes the pending links first (beforeRead), so a link works right after its issue', () => {
    let pending = ['t-new'];
    const flushing = new TicketLinks(key, new TicketLinkStore(db), null, () => {
      links.recordIssued(pending.map((id) => issued(id)));
      pending = [];
    });
    const token = flushing.tokenOf('t-new');
    assert.equal(db.prepare("SELECT count(*) FROM ticket_links WHERE ticket_id = 't-new'").pluck().get(), 0);
    assert.equal(flushing.resolve(token), 't-new');
    assert.equal(flushing.resolve('not a token'), null, 'a malformed token is refused before any write');
  });

  test('old links are forgotten by business date', () => {
    links.recordIssued([issued('t-old', '2026-11-01')]);
    const token = links.tokenOf('t-old');
    assert.equal(links.resolve(token), 't-old');
    assert.equal(links.forgetBefore('2026-11-16'), 1);
    assert.equal(links.resolve(token), null);
    assert.equal(links.resolve(links.tokenOf('t-a')), 't-a');
  });
});
