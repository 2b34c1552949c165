/**
 * The live hall (rune class, compiled by svelte under node:test) against a real hall server (temp
 * SQLite, port 0) over real WebSockets: an app that follows the snapshot sees each ticket in it;
 * one that follows the connection only (the kiosk) keeps no snapshot and never reads one, and
 * still says when the hall is lost and back.
 */
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { HallSnapshotView } from '../../../../renderer/shared/api/types.ts';
import { HallApi } from '../../../../renderer/shared/hall-api.ts';
import type { SocketLike } from '../../../../renderer/shared/hall-stream.ts';
import { startTestHall, type TestHall } from '../../../support/hall-server.ts';

register('../../../support/svelte-module-hooks.mjs', import.meta.url);
const { HallLive } = await import('../../../../renderer/shared/hall-live.svelte.ts');

/** A HallApi that counts its snapshot reads. */
class CountingApi extends HallApi {
  reads = 0;
  override snapshot(): Promise<HallSnapshotView> {
    this.reads += 1;
    return super.snapshot();
  }
}

function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (predicate()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error('condition not met in time'));
      }
    }, 5);
  });
}

describe('HallLive against a real hall server', () => {
  let hall: TestHall;
  let kiosk: HallApi;
  const sockets: WebSocket[] = [];
  const createSocket = (url: string): SocketLike => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    return ws as unknown as SocketLike;
  };

  before(async () => {
    hall = await startTestHall();
    kiosk = new HallApi({ baseUrl: hall.url, token: hall.device('kiosk') });
  });
  after(() => hall.close());

  it('following the snapshot: each ticket issued shows in it', async () => {
    const token = hall.device('display');
    const api = new CountingApi({ baseUrl: hall.url, token });
    const live = new HallLive(api, token, { createSocket });
    live.start();
    await until(() => live.status === 'live' && live.snapshot !== null);
    const { ticket } = await kiosk.issueTicket({ serviceId: 'ho-tich' });
    await until(() => live.snapshot?.queue.some((t) => t.id === ticket.id) === true);
    assert.ok(api.reads >= 1);
    live.stop();
  });

  it('following the connection only: no snapshot kept or read, events still heard, a lost hall said', async () => {
    const token = hall.device('kiosk');
    const api = new CountingApi({ baseUrl: hall.url, token });
    const live = new HallLive(api, token, { snapshot: false, createSocket });
    const heard: string[] = [];
    live.onEvent((event) => heard.push(event.type));
    live.start();
    await until(() => live.status === 'live');
    await kiosk.issueTicket({ serviceId: 'ho-tich' });
    await until(() => heard.includes('ticket.issued'));
    await live.refresh();
    assert.equal(live.snapshot, null);
    assert.equal(api.reads, 0);
    sockets.at(-1)?.terminate();
    await until(() => live.lost);
    await until(() => live.status === 'live' && !live.lost);
    assert.equal(api.reads, 0);
    live.stop();
  });
});
