/**
 * Delivery to the province hub under failure and scale-out:
 * - a hall process killed (SIGKILL) after the hub stored a batch but before the hall heard the
 *   answer, then restarted: the hub ends with every event once (the batch sent again is skipped);
 * - two hub processes on one PostgreSQL: a call at a hall delivering to the first reaches
 *   dashboards connected to either (LISTEN/NOTIFY).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { enrollHall } from '../../../electron/province/credentials.ts';
import type { Hub } from '../../../electron/province/hub.ts';
import { api, openDemoHall, startHallProcess, startTestHall, tempDir } from '../../support/hall-server.ts';
import { eventually, hubGet, startTestHub, streamClient, supervisorToken, testDatabase, type TestDatabase } from '../../support/province.ts';

/** The delivery whose answer the gate held back: how many events it carried, and the hub's status for it. */
interface HeldDelivery {
  readonly events: number;
  readonly status: number;
}

describe('province hub delivery', () => {
  let db: TestDatabase;
  let hub: Hub;
  const tmp = tempDir('province-delivery-');
  const children: ChildProcess[] = [];

  before(async () => {
    db = await testDatabase();
    hub = await startTestHub(db.url);
  });

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await hub?.close();
    await db?.drop();
    tmp.cleanup();
  });

  test('a hall killed mid-delivery and restarted loses and duplicates nothing', async () => {
    const config = openDemoHall();
    const hallId = config.hall.id;
    const token = await enrollHall(hub.pool, { id: hallId, name: config.hall.name.vi, district: null });
    const dbPath = join(tmp.dir, 'hall.db');
    // A kiosk enrolled in the hall database before the process starts.
    const setup = await startTestHall({ dbPath });
    const kiosk = setup.device('kiosk', null, 30);
    await setup.server.close();

    // A gate in front of the hub. Once `holdNext` is set, the first delivery that carries events
    // reaches the hub, which stores it, and its answer is held back; the hall is killed while it
    // waits for it. (Which delivery that is cannot be counted in advance: a loaded machine
    // coalesces the hall's events into fewer batches, and empty heartbeats pass the gate too.)
    let holdNext = false;
    let heldStored!: (held: HeldDelivery) => void;
    const stored = new Promise<HeldDelivery>((resolve) => {
      heldStored = resolve;
    });
    const gate: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const events = (JSON.parse(body.toString()) as { events: unknown[] }).events.length;
        const hold = holdNext && events > 0;
        if (hold) holdNext = false;
        const answer = await fetch(`${hub.url}${req.url}`, {
          method: req.method,
          headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
          body,
        });
        const text = await answer.text();
        if (hold) {
          heldStored({ events, status: answer.status });
          return; // never answered
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      });
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
    const hubHead = async (): Promise<number> => (await hub.pool.query('SELECT head_seq FROM halls WHERE id = $1', [hallId])).rows[0].head_seq;
    try {
      const first = await startHallProcess(dbPath, undefined, { args: ['--province-hub', gateUrl], env: { PROVINCE_HUB_TOKEN: token } });
      children.push(first.child);
      const issue = async (serviceId: string): Promise<void> => {
        const r = await api(first.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } });
        assert.equal(r.status, 201, JSON.stringify(r.json));
      };
      for (let i = 0; i < 6; i++) await issue(i % 2 ? 'chung-thuc' : 'ho-tich');
      const delivered = (await api(first.url, 'GET', '/healthz')).json.seq as number;
      await eventually(async () => ((await hubHead()) === delivered ? true : undefined), 'the first tickets to reach the hub');
      holdNext = true;
      for (let i = 0; i < 6; i++) await issue(i % 2 ? 'chung-thuc' : 'ho-tich');
      const held = await stored;
      assert.equal(held.status, 200, 'the held delivery was stored at the hub');
      assert.ok((await hubHead()) > delivered, 'the hub is ahead of what the hall heard');
      first.child.kill('SIGKILL');
      await first.exited;

      const second = await startHallProcess(dbPath, undefined, { args: ['--province-hub', hub.url], env: { PROVINCE_HUB_TOKEN: token } });
      children.push(second.child);
      for (let i = 0; i < 5; i++)
        assert.equal((await api(second.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).status, 201);
      const lastSeq = (await api(second.url, 'GET', '/healthz')).json.seq as number;
      await eventually(async () => ((await hubHead()) === lastSeq ? true : undefined), 'the hub to catch up');
      const counts = (
        await hub.pool.query(
          'SELECT count(*)::int AS n, count(DISTINCT seq)::int AS d, min(seq)::int AS lo, max(seq)::int AS hi FROM events WHERE hall_id = $1',
          [hallId],
        )
      ).rows[0];
      assert.deepEqual(counts, { n: lastSeq, d: lastSeq, lo: 1, hi: lastSeq }, 'every event once');
      const tickets = (await hub.pool.query('SELECT count(*)::int AS n FROM tickets WHERE hall_id = $1', [hallId])).rows[0].n;
      assert.equal(tickets, 17);
      const metrics = await (await fetch(`${hub.url}/metrics`)).text();
      const duplicates = Number(/province_events_duplicate_total (\d+)/.exec(metrics)?.[1] ?? 0);
      // The restarted hall resends from what it last heard: exactly the held batch is known at the hub.
      assert.equal(duplicates, held.events, 'the batch sent again after the kill was recognised and skipped');
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      gate.closeAllConnections();
      await new Promise((resolve) => gate.close(resolve));
    }
  });

  test("two hub processes both push a hall's call to dashboards connected to either", async () => {
    const other = spawn(process.execPath, ['--import', 'tsx', 'scripts/province.ts', 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PROVINCE_DATABASE_URL: db.url, PROVINCE_LOG_LEVEL: 'warn' },
    });
    children.push(other);
    const otherUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('the second hub did not start')), 60_000);
      other.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /province hub listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      other.once('exit', (code) => reject(new Error(`the second hub exited (${code})`)));
    });
    const supervisor = await supervisorToken(hub, 'giam-sat-2');
    const here = await streamClient(hub.url, supervisor);
    const there = await streamClient(otherUrl, supervisor);
    assert.equal((await hubGet({ url: otherUrl }, '/api/v1/halls', supervisor)).status, 200, 'a session made at one process works at the other');

    const base = openDemoHall();
    const config = { ...base, hall: { ...base.hall, id: 'phuong-hai-chau', name: { vi: 'Phường Hải Châu', en: 'Hai Chau Ward' } } };
    const token = await enrollHall(hub.pool, { id: config.hall.id, name: config.hall.name.vi, district: null });
    const hall = await startTestHall({ config, dbPath: join(tmp.dir, 'hai-chau.db'), server: { provinceHub: { baseUrl: hub.url, token, pollMs: 100 } } });
    try {
      const kiosk = hall.device('kiosk');
      const officer = await hall.officerAt('quay-1');
      const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
      assert.equal(issued.status, 201);
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { ...officer })).status, 200);
      const called = await api(hall.url, 'POST', '/api/v1/counters/quay-1/call-next', { ...officer });
      assert.equal(called.status, 200);
      const number = called.json.ticket.number as string;
      const isTheCall = (m: any): boolean =>
        m.type === 'hall' &&
        m.hall.id === config.hall.id &&
        m.calls.some((c: { number: string; counterId: string }) => c.number === number && c.counterId === 'quay-1');
      const [a, b] = await Promise.all([here.waitFor(isTheCall), there.waitFor(isTheCall)]);
      assert.equal(a.hall.id, config.hall.id);
      assert.equal(b.hall.id, config.hall.id);
    } finally {
      here.close();
      there.close();
      await hall.close();
      other.kill('SIGTERM');
    }
  });
});
