/**
 * Test support for the province hub: a fresh PostgreSQL database per test file, in the cluster the
 * test run started (scripts/test.sh exports PROVINCE_TEST_PG_URL) or, when a file runs alone, in a
 * cluster of its own; a hub on 127.0.0.1 port 0; supervisors; a stream client.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { startCluster, type PgCluster } from '../../scripts/pg-cluster.ts';
import { addSupervisor } from '../../electron/province/credentials.ts';
import { startHub, type Hub } from '../../electron/province/hub.ts';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function testDatabase(): Promise<TestDatabase> {
  let cluster: PgCluster | null = null;
  let base = process.env.PROVINCE_TEST_PG_URL;
  if (!base) {
    cluster = await startCluster({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
    base = cluster.url;
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(base);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      if (cluster) {
        cluster.stop();
        return;
      }
      const c = new pg.Client(base);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function startTestHub(url: string): Promise<Hub> {
  return startHub({ databaseUrl: url, port: 0, host: '127.0.0.1', staticDir: null, logLevel: 'silent', poolSize: 5 });
}

export const SUPERVISOR_PIN = '12345678';

/** A province supervisor logged in on `hub`: its bearer token. */
export async function supervisorToken(hub: Hub, username = 'giam-sat', scope: { district: string | null } = { district: null }): Promise<string> {
  await addSupervisor(hub.pool, {
    username,
    displayName: 'Giám sát tỉnh',
    pin: SUPERVISOR_PIN,
    scope: scope.district === null ? 'province' : 'district',
    district: scope.district,
  });
  const res = await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, pin: SUPERVISOR_PIN }),
  });
  if (res.status !== 200) throw new Error(`supervisor login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function hubGet<T = any>(hub: { url: string }, path: string, token: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

/** A dashboard's stream connection: collects messages; `waitFor` resolves with the first one matching. */
export async function streamClient(hubUrl: string, token: string) {
  const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/api/v1/stream`);
  const messages: any[] = [];
  const waiters: { match: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString());
    messages.push(m);
    for (const w of [...waiters])
      if (w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', token }));
  const waitFor = (match: (m: any) => boolean, timeoutMs = 15_000): Promise<any> => {
    const found = messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching stream message within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-5))}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  };
  await waitFor((m) => m.type === 'ready');
  return { messages, waitFor, close: () => ws.close() };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
