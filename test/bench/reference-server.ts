/**
 * The hall benchmark's reference: the thinnest server that does what an issue must do at the least,
 * a durable write per request. Plain node:http, no framework, no authentication, no logic: each
 * POST reads its JSON body, makes one single-row INSERT in its own transaction in a SQLite database
 * with the hall's durability (WAL, synchronous=FULL), and answers 201 with a small JSON body.
 *
 * `node --import tsx test/bench/reference-server.ts <db path>` listens on 127.0.0.1 (port 0) and
 * prints "reference server listening on http://…". `startReferenceServer` runs it as a child
 * process, as the benchmark runs the hall server, so both are measured the same way from outside.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** Body size above which a request is refused, as any server must bound what it reads. */
const MAX_BODY_BYTES = 16 * 1024;

export interface ReferenceServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the reference server as a child process on `dbPath` and waits for its address. */
export function startReferenceServer(dbPath: string): Promise<ReferenceServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`reference server did not start within 20 s: ${err}`));
    }, 20_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /reference server listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited early (${code}): ${err}`));
    });
  });
}

function serve(dbPath: string): void {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO rows (id, at, payload) VALUES (?, ?, ?)');
  const answer = (res: http.ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST only' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return answer(res, 400, { error: 'not JSON' });
      }
      const id = randomUUID();
      const at = Date.now();
      insert.run(id, at, JSON.stringify(body));
      answer(res, 201, { id, at });
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.stdout.write(`reference server listening on http://127.0.0.1:${address.port}\n`);
  });
  const close = (): void => {
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dbPath = process.argv[2];
  if (!dbPath) {
    process.stderr.write('usage: node --import tsx test/bench/reference-server.ts <db path>\n');
    process.exit(2);
  }
  serve(dbPath);
}
