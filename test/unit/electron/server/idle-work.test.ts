import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startIdleWork, type IdleClock, type IdleWork } from '../../../../electron/server/idle-work.ts';
import { FakeClock } from '../../../support/fake-clock.ts';

/** Idle work on a fake clock: time moves only when the test advances it. */
function fakeIdleClock(): { clock: FakeClock; idle: IdleClock } {
  const clock = new FakeClock(0);
  return { clock, idle: { timers: clock.schedule, now: clock.now } };
}

/** One job that notes each run, on a fake clock. */
function oneJob(idleMs: number): { clock: FakeClock; ran: string[]; work: IdleWork } {
  const { clock, idle } = fakeIdleClock();
  const ran: string[] = [];
  return { clock, ran, work: startIdleWork([{ name: 'a', run: () => ran.push('a') }], () => undefined, idleMs, idle) };
}

describe('work in the server’s idle moments', () => {
  it('runs every job once the server has been idle for idleMs, not while requests keep ending', async () => {
    const { clock, idle } = fakeIdleClock();
    const ran: string[] = [];
    const work = startIdleWork(
      [
        { name: 'a', run: () => ran.push('a') },
        { name: 'b', run: () => ran.push('b') },
      ],
      () => assert.fail('no job throws'),
      40,
      idle,
    );
    try {
      for (let i = 0; i < 6; i++) {
        await clock.advance(15);
        work.touch(); // a request ended: the idle moment starts again
      }
      assert.deepEqual(ran, [], 'nothing runs while busy (90 ms of requests 15 ms apart)');
      await clock.advance(39);
      assert.deepEqual(ran, [], 'not before idleMs of quiet');
      await clock.advance(1);
      assert.deepEqual(ran, ['a', 'b'], 'each job once, in order');
      assert.equal(work.runs, 1);
      await clock.advance(500);
      assert.equal(work.runs, 1, 'once per idle moment, however long it lasts');
      work.touch();
      await clock.advance(40);
      assert.deepEqual(ran, ['a', 'b', 'a', 'b'], 'the next idle moment after a request runs them again');
      assert.equal(clock.pending, 0, 'no timer is left waiting in a long idle moment');
    } finally {
      work.stop();
    }
  });

  it('with no request at all, the jobs run once idleMs after the start', async () => {
    const { clock, ran, work } = oneJob(20);
    await clock.advance(19);
    assert.deepEqual(ran, []);
    await clock.advance(1);
    assert.deepEqual(ran, ['a']);
    work.stop();
  });

  it('reports a job that throws and still runs the others', async () => {
    const { clock, idle } = fakeIdleClock();
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
      idle,
    );
    try {
      await clock.advance(10);
      assert.deepEqual(errors, [['broken', 'disk I/O error']]);
      assert.deepEqual(ran, ['fine']);
    } finally {
      work.stop();
    }
  });

  it('runs nothing after stop, even when a request ends after it', async () => {
    const { clock, ran, work } = oneJob(10);
    work.stop();
    work.touch();
    await clock.advance(100);
    assert.deepEqual(ran, []);
    assert.equal(clock.pending, 0);
  });

  it('on real timers, runs the jobs after a quiet moment', async () => {
    const ran: string[] = [];
    const work = startIdleWork([{ name: 'a', run: () => ran.push('a') }], () => undefined, 5);
    try {
      const deadline = Date.now() + 5_000;
      while (ran.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(ran, ['a']);
    } finally {
      work.stop();
    }
  });
});
