/**
 * The API documentation says, per operation, who may call it and what it logs: every operation of
 * the OpenAPI document carries both in its description, generated from the route's access rule and
 * its declared events (register-routes.ts), and docs/api.md names every operation and explains
 * where the two statements come from.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { whoMayCall } from '../../../electron/server/http/register-routes.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

type Operation = { operationId: string; description: string };

describe('API documentation per operation', () => {
  let hall: TestHall;
  let operations: Operation[];
  before(async () => {
    hall = await startTestHall();
    const doc = (await api(hall.url, 'GET', '/api/v1/openapi.json')).json as { paths: Record<string, Record<string, Operation>> };
    operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
  });
  after(() => hall.close());

  test('every operation says who may call it and what it logs, as its route declares', () => {
    assert.equal(operations.length, hall.server.routes.length);
    for (const r of hall.server.routes) {
      const op = operations.find((o) => o.operationId === r.operationId);
      assert.ok(op, r.operationId);
      assert.ok(op.description.includes(whoMayCall(r.access)), `${r.operationId}: ${op.description}`);
      const logs = /\n\nLogs: event log: (.+?)(?: \(with the caller as actor\))?(?:; server log: .+)?\.$/.exec(op.description);
      assert.ok(logs, `${r.operationId} states what it logs: ${op.description}`);
      assert.equal(logs[1], r.logs.length > 0 ? r.logs.join(', ') : 'nothing', r.operationId);
    }
    const revoke = operations.find((o) => o.operationId === 'revokeDevice');
    assert.match(revoke?.description ?? '', /Who may call: a dashboard device with a staff session of a supervisor, admin\./);
    assert.match(revoke?.description ?? '', /Logs: event log: device\.revoked \(with the caller as actor\)\./);
    assert.match(operations.find((o) => o.operationId === 'pairDevice')?.description ?? '', /Who may call: anyone .*server log: "device pairing failed"/s);
  });

  test('docs/api.md names every operation and explains the two statements', () => {
    const doc = readFileSync('docs/api.md', 'utf8');
    for (const r of hall.server.routes) assert.ok(doc.includes(r.operationId), `docs/api.md names ${r.operationId}`);
    assert.match(doc, /Who may call:/);
    assert.match(doc, /`logs`/);
  });
});
