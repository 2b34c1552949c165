/**
 * The polled read of the dashboard cards and the counter's help list (rune class, compiled by
 * svelte under node:test): the last value kept through a lost connection, replaced by
 * "unavailable" (an older hall server), overlapping refreshes collapsed into one follow-up.
 */
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { test } from 'node:test';
import { HallApiError } from '../../../../renderer/shared/hall-api.ts';

register('../../../support/svelte-module-hooks.mjs', import.meta.url);
const { Polled } = await import('../../../../renderer/shared/polled.svelte.ts');

test('a value, then a lost connection keeps it, then a 404 replaces it', async () => {
  const answers: Array<number | Error> = [1, new HallApiError('NETWORK', 0, 'down'), new HallApiError('NOT_FOUND', 404, 'gone')];
  const polled = new Polled<number>(
    async () => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next ?? 0;
    },
    () => 'vi',
  );
  assert.equal(polled.current.kind, 'loading');
  await polled.refresh();
  assert.deepEqual(polled.current, { kind: 'ok', value: 1 });
  await polled.refresh();
  assert.deepEqual(polled.current, { kind: 'ok', value: 1 });
  await polled.refresh();
  assert.deepEqual(polled.current, { kind: 'unavailable' });
  assert.equal(polled.value, null);
});

test('a failure before any value says so in the screen language', async () => {
  const polled = new Polled<number>(
    async () => {
      throw new HallApiError('NETWORK', 0, 'down');
    },
    () => 'vi',
  );
  await polled.refresh();
  assert.deepEqual(polled.current, { kind: 'failed', message: 'Không kết nối được máy chủ, vui lòng thử lại.' });
});

test('refreshes during a read collapse into one follow-up read', async () => {
  let reads = 0;
  let release: () => void = () => undefined;
  const polled = new Polled<number>(
    () => {
      reads += 1;
      return new Promise((resolve) => {
        release = () => resolve(reads);
      });
    },
    () => 'en',
  );
  const first = polled.refresh();
  void polled.refresh();
  void polled.refresh();
  release();
  await new Promise((r) => setImmediate(r));
  release();
  await first;
  assert.equal(reads, 2);
  assert.deepEqual(polled.current, { kind: 'ok', value: 2 });
});

test('forget drops the value, and a read still on its way when it was forgotten does not bring it back', async () => {
  let release: (value: number) => void = () => undefined;
  let calls = 0;
  const polled = new Polled<number>(
    () => {
      calls += 1;
      return calls === 1 ? Promise.resolve(7) : new Promise<number>((resolve) => (release = resolve));
    },
    () => 'vi',
  );
  await polled.refresh();
  assert.equal(polled.value, 7);
  const late = polled.refresh(); // the second read is on its way…
  polled.forget(); // …when the screen is left
  assert.equal(polled.current.kind, 'loading');
  release(8);
  await late;
  assert.equal(polled.current.kind, 'loading', 'the late answer is not shown on the next visit');
});
