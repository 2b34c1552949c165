/** The ticket's QR (common/ticket-link.ts): the page under publicBaseUrl or only the ticket code, and reading either back. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ticketPagePath, ticketQrOf, tokenOfTicketQr } from '../../../../electron/common/ticket-link.ts';

const TOKEN = 'q3Xr0bYpT8mKzL2wVn5HcA';

describe('ticket QR', () => {
  test('with publicBaseUrl the QR opens the page; without it, it is only the ticket code', () => {
    assert.equal(ticketPagePath(TOKEN), `/t/${TOKEN}`);
    assert.deepEqual(ticketQrOf(TOKEN, 'https://xephang.example.gov.vn'), { text: `https://xephang.example.gov.vn/t/${TOKEN}`, opensPage: true });
    assert.deepEqual(ticketQrOf(TOKEN, 'http://10.0.0.5:8080/'), { text: `http://10.0.0.5:8080/t/${TOKEN}`, opensPage: true });
    for (const none of [undefined, null, '']) assert.deepEqual(ticketQrOf(TOKEN, none), { text: `VE:${TOKEN}`, opensPage: false });
  });

  test('reads the token back from either form, and nothing else', () => {
    assert.equal(tokenOfTicketQr(`VE:${TOKEN}`), TOKEN);
    assert.equal(tokenOfTicketQr(` https://xephang.example.gov.vn/t/${TOKEN} `), TOKEN);
    for (const other of [
      `VE:${TOKEN}x`,
      'VE:A015',
      `https://x/t/${TOKEN}?a=1`,
      `https://x/ve/${TOKEN}`,
      `LH:${TOKEN}`,
      TOKEN,
      'https://x/t/0190f3c2-0000-7000-8000-000000000001',
    ]) {
      assert.equal(tokenOfTicketQr(other), null, other);
    }
  });
});
