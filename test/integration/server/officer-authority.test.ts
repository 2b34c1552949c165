/**
 * Finding 6 of the hardening review, performed against the real server: an officer reaching for
 * tickets of another counter (calling, returning and cancelling a ticket held at quay-1 from
 * quay-5, cancelling a waiting ticket), a counter issuing with nobody logged in. Each is refused
 * (FORBIDDEN naming the rule, UNAUTHENTICATED), while the ticket's own counter and a supervisor may.
 * Every event a request caused names the device and staff member; the officer's reads of a
 * dossier and of its paper are events with the officer and the dossier id.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { PAPER_HEADERS } from '../../../electron/common/dossier-wire.ts';
import { api, startTestHall, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { birthDossierRequest } from '../../support/dossier-fixture.ts';
import { objectStreamPdf, sha256 } from '../../support/pdf-fixture.ts';

interface Who {
  token: string;
  session: string;
}

describe('officer authority and the actor of every event', () => {
  let hall: TestHall;
  let kiosk: string;
  let q1: Who;
  let q5: Who;
  let supervisor: Who;
  const as = (who: Who, method: string, path: string, body: unknown = method === 'GET' ? undefined : {}): Promise<ApiResponse> =>
    api(hall.url, method, path, { token: who.token, session: who.session, body });
  const refused = (res: ApiResponse, status: number, code: string): void => {
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json.error.code, code);
  };
  const events = (type: string): { counter_id: string | null; data: any }[] =>
    (hall.server.db.prepare('SELECT counter_id, data FROM events WHERE type = ? ORDER BY seq').all(type) as { counter_id: string | null; data: string }[]).map(
      (r) => ({ counter_id: r.counter_id, data: JSON.parse(r.data) }),
    );
  const issue = async (serviceId = 'ho-tich'): Promise<string> => {
    const res = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json.ticket.id;
  };

  before(async () => {
    hall = await startTestHall();
    kiosk = hall.device('kiosk');
    q1 = await hall.officerAt('quay-1');
    q5 = await hall.officerAt('quay-5');
    const dashboard = hall.device('dashboard');
    new AccessStore(hall.server.db).addStaff({
      id: randomUUID(),
      username: 'giam.sat',
      displayName: 'Giám sát',
      role: 'supervisor',
      pinHash: hashPin('418263'),
      counterIds: [],
      now: Date.now(),
    });
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: dashboard, body: { username: 'giam.sat', pin: '418263' } });
    supervisor = { token: dashboard, session: login.json.sessionToken };
    for (const [who, counter] of [
      [q1, 'quay-1'],
      [q5, 'quay-5'],
    ] as const)
      assert.equal((await as(who, 'POST', `/api/v1/counters/${counter}/open`)).status, 200);
  });
  after(() => hall.close());

  test('a ticket held at quay-1: quay-5 can neither call, return nor cancel it; quay-1 returns it, logged at quay-1 with the officer', async () => {
    const id = await issue();
    assert.equal((await as(q1, 'POST', '/api/v1/counters/quay-1/call', { ticketId: id })).status, 200);
    assert.equal((await as(q1, 'POST', '/api/v1/counters/quay-1/hold')).status, 200);
    refused(await as(q5, 'POST', '/api/v1/counters/quay-5/call', { ticketId: id }), 403, 'FORBIDDEN');
    refused(await as(q5, 'POST', `/api/v1/tickets/${id}/return`, { position: 'first' }), 403, 'FORBIDDEN');
    refused(await as(q5, 'POST', `/api/v1/tickets/${id}/cancel`, { reason: 'thử' }), 403, 'FORBIDDEN');
    assert.equal(hall.server.hall.ticket(id)?.status, 'held', 'nothing changed');

    assert.equal((await as(q1, 'POST', `/api/v1/tickets/${id}/return`, { position: 'first' })).status, 200);
    const returned = events('ticket.returned').at(-1);
    assert.equal(returned?.counter_id, 'quay-1');
    assert.equal(returned?.data.heldAtCounterId, 'quay-1');
    assert.ok(returned?.data.actor.staffId && returned.data.actor.deviceId === hall.server.access.deviceForToken(q1.token).id);
  });

  test('an officer cannot cancel a waiting ticket of the hall; a supervisor on the dashboard can, and is named', async () => {
    const id = await issue();
    refused(await as(q1, 'POST', `/api/v1/tickets/${id}/cancel`, { reason: 'thử' }), 403, 'FORBIDDEN');
    const ok = await as(supervisor, 'POST', `/api/v1/tickets/${id}/cancel`, { reason: 'công dân về' });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    const cancelled = events('ticket.cancelled').at(-1);
    assert.equal(cancelled?.counter_id, null);
    assert.equal(cancelled?.data.staffId, hall.server.access.staffForSession(hall.server.access.deviceForToken(supervisor.token), supervisor.session).id);
    assert.equal(cancelled?.data.actor.staffId, cancelled?.data.staffId);
  });

  test('a supervisor at a counter may call a ticket held at another counter', async () => {
    const id = await issue();
    assert.equal((await as(q1, 'POST', '/api/v1/counters/quay-1/call', { ticketId: id })).status, 200);
    assert.equal((await as(q1, 'POST', '/api/v1/counters/quay-1/hold')).status, 200);
    const sup5 = await hall.officerAt('quay-5', 'supervisor');
    assert.equal((await as(q5, 'DELETE', '/api/v1/sessions/current')).status, 204);
    const called = await as(sup5, 'POST', '/api/v1/counters/quay-5/call', { ticketId: id });
    assert.equal(called.status, 200, JSON.stringify(called.json));
    assert.equal(called.json.ticket.id, id);
  });

  test('a counter issues a walk-in ticket only with an officer logged in, and the event names them', async () => {
    const bare = hall.device('counter', 'quay-1');
    refused(await api(hall.url, 'POST', '/api/v1/tickets', { token: bare, body: { serviceId: 'ho-tich' } }), 401, 'UNAUTHENTICATED');
    const ok = await as(q1, 'POST', '/api/v1/tickets', { serviceId: 'ho-tich' });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    const issued = events('ticket.issued').at(-1);
    assert.ok(issued?.data.actor.staffId, 'the officer is named');
  });

  test('reading a dossier and downloading its paper are events with the officer and the dossier id', async () => {
    const created = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest({}, '001090054321') });
    const dossierId = created.json.dossier.id as string;
    const pdf = objectStreamPdf();
    const put = await fetch(`${hall.url}/api/v1/dossiers/${dossierId}/papers/GCS`, {
      method: 'PUT',
      body: pdf,
      headers: {
        authorization: `Bearer ${kiosk}`,
        'content-type': 'application/pdf',
        [PAPER_HEADERS.sha256]: sha256(pdf),
        [PAPER_HEADERS.pages]: '1',
        [PAPER_HEADERS.dpi]: '300',
      },
    });
    assert.equal(put.status, 201);
    const submitted = await api(hall.url, 'POST', `/api/v1/dossiers/${dossierId}/submit`, { token: kiosk, body: {} });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.json));
    const found = await as(q1, 'GET', `/api/v1/dossiers?ticketId=${submitted.json.ticket.id}`);
    assert.equal(found.status, 200, JSON.stringify(found.json));
    const paperId = found.json.dossier.papers[0].id as string;
    const download = await fetch(`${hall.url}/api/v1/dossiers/${dossierId}/papers/${paperId}/pdf`, {
      headers: { authorization: `Bearer ${q1.token}`, 'x-staff-session': q1.session },
    });
    assert.equal(download.status, 200);
    const officerId = hall.server.access.staffForSession(hall.server.access.deviceForToken(q1.token), q1.session).id;
    const viewed = events('dossier.viewed').at(-1);
    assert.deepEqual([viewed?.data.dossierId, viewed?.data.staffId], [dossierId, officerId]);
    const downloaded = events('dossier.paper_downloaded').at(-1);
    assert.deepEqual([downloaded?.data.dossierId, downloaded?.data.paperId, downloaded?.data.staffId], [dossierId, paperId, officerId]);
    const raw = JSON.stringify([viewed, downloaded]);
    assert.ok(!raw.includes('001090054321') && !raw.includes('Nguyễn'), 'no personal data in the events');
  });

  test('every event a request caused names its device', () => {
    const rows = hall.server.db.prepare("SELECT type, data FROM events WHERE type NOT IN ('day.closed', 'ticket.end_of_day')").all() as {
      type: string;
      data: string;
    }[];
    assert.ok(rows.length > 10);
    for (const r of rows) assert.ok(JSON.parse(r.data).actor?.deviceId, `${r.type} has no actor`);
  });
});
