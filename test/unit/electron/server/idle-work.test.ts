import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startIdleWork } from '../../../../electron/server/idle-work.ts';

describe('work in the server’s idle moments', () => {
  it('runs every job once the server has been idle for idleMs, not while requests keep ending', async () => {
    const ran: string[] = [];
    const work = startIdleWork(
      [
        { name: 'a', run: () => ran.push('a') },
        { name: 'b', run: () => ran.push('b') },
      ],
      () => assert.fail('no job throws'),
      40,
    );
    try {
      for (let i = 0; i < 6; i++) {
        await delay(15);
        work.touch(); // a request ended: the idle moment starts again
      }
      assert.deepEqual(ran, [], 'nothing runs while busy');
      await delay(120);
      assert.deepEqual(ran, ['a', 'b'], 'each job once, in order');
      assert.equal(work.runs, 1);
      work.touch();
      await delay(120);
      assert.deepEqual(ran, ['a', 'b', 'a', 'b'], 'the next idle moment after a request runs them again');
    } finally {
      work.stop();
    }
  });

  it('reports a job that throws and still runs the others', async () => {
    const errors: [string, string][] = [];
    const ran: string[] = [];
    const work = startIdleWork(
      [
        {
          name: 'broken',
          run: () => {
            throw new Error('disk I/O error');
          },
        },
        { name: 'fine', run: () => ran.push('fine') },
      ],
      (error, job) => errors.push([job, error instanceof Error ? error.message : String(error)]),
      10,
    );
    try {
      await delay(80);
      assert.deepEqual(errors, [['broken', 'disk I/O error']]);
      assert.deepEqual(ran, ['fine']);
    } finally {
      work.stop();
    }
  });

  it('runs nothing after stop', async () => {
    const ran: string[] = [];
    const work = startIdleWork([{ name: 'a', run: () => ran.push('a') }], () => undefined, 10);
    work.stop();
    await delay(60);
    assert.deepEqual(ran, []);
  });
});
