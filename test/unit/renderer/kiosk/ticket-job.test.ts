import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DossierView } from '../../../../renderer/shared/api/types.ts';
import type { IssueTicketResponse } from '../../../../electron/common/wire.ts';
import { ticketPrintJob } from '../../../../renderer/kiosk/ticket-job.ts';
import type { HallConfigView } from '../../../../renderer/shared/api/types.ts';

const config = {
  hall: { name: { vi: 'Bộ phận Một cửa phường', en: 'Ward one-stop shop' } },
  services: [{ id: 'ho-tich', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' } }],
  schedule: { timeZone: 'Asia/Ho_Chi_Minh' },
} as unknown as HallConfigView;

const issued = {
  ticket: { id: 't1', number: 'A001', serviceId: 'ho-tich', priority: 'normal', issuedAt: 1_700_000_000_000, dossierCount: 1 },
  estimate: { peopleAhead: 2, estimatedWaitMinutes: 7 },
  statusPath: '/t/q3Xr0bYpT8mKzL2wVn5HcA',
  qr: { text: 'VE:q3Xr0bYpT8mKzL2wVn5HcA', opensPage: false },
} as unknown as IssueTicketResponse;

describe('ticket print job', () => {
  it('prints the ticket with the QR the hall chose (here the ticket code), without a dossier block', () => {
    const job = ticketPrintJob(config, issued);
    assert.equal(job.number, 'A001');
    assert.equal(job.serviceName, 'Hộ tịch');
    assert.deepEqual(job.qr, { text: 'VE:q3Xr0bYpT8mKzL2wVn5HcA', opensPage: false });
    assert.equal(job.peopleAhead, 2);
    assert.equal('dossier' in job, false);
    assert.equal(job.footer, null);
  });

  it('carries the hall’s logo when the kiosk has it, and none otherwise', () => {
    assert.equal(ticketPrintJob(config, issued, { logoPng: 'iVBORw0KGgo=' }).logoPng, 'iVBORw0KGgo=');
    assert.equal('logoPng' in ticketPrintJob(config, issued, { logoPng: null }), false);
  });

  it('prints how many dossiers a representative brings on the ticket (proxy mode)', () => {
    const proxy = { ...issued, ticket: { ...issued.ticket, dossierCount: 3 } } as IssueTicketResponse;
    assert.equal(ticketPrintJob(config, proxy).footer, 'Nộp 3 hồ sơ với số này (người đại diện)');
  });

  it('adds the receipt block of a submitted dossier: code, procedure, papers, submission time', () => {
    const dossier = {
      code: '000.00.00.H01-261123-0001',
      procedure: { name: 'Thủ tục đăng ký khai sinh' },
      papers: [{}, {}],
      submittedAt: 1_700_000_000_500,
    } as unknown as DossierView;
    const job = ticketPrintJob(config, issued, { dossier });
    assert.deepEqual(job.dossier, { code: '000.00.00.H01-261123-0001', procedure: 'Thủ tục đăng ký khai sinh', papers: 2, submittedAt: 1_700_000_000_500 });
  });

  it('leaves the block out for a dossier without a code (never printed as a draft)', () => {
    const draft = { code: null, procedure: { name: 'x' }, papers: [], submittedAt: null } as unknown as DossierView;
    assert.equal('dossier' in ticketPrintJob(config, issued, { dossier: draft }), false);
  });
});
