/**
 * The scheduled jobs on a fake clock: each runs at start or first after its period as declared,
 * again a period after its run finished (an async run is awaited, so runs never overlap), a
 * failure is logged and retried at the next turn, the end-of-day closing at start stops the start
 * when it fails, and stop() cancels every timer and waits for the run in progress. The hall's job
 * list is checked against stand-ins that count their calls.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hallJobs, ScheduledJobs, type HallJobDeps, type ScheduledJob } from '../../../../electron/server/scheduled-jobs.ts';
import { openDemoHall } from '../../../support/hall-server.ts';
import { capturedLog } from '../../../support/captured-log.ts';
import { FakeClock, settle } from '../../../support/fake-clock.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function counting(name: string, everyMs: number, atStart: ScheduledJob['atStart'], run: () => void | Promise<void> = () => undefined) {
  const runs: { at: number; when: string }[] = [];
  const clockRef: { now: () => number } = { now: () => 0 };
  const job: ScheduledJob = {
    name,
    everyMs,
    atStart,
    run: (when) => {
      runs.push({ at: clockRef.now(), when });
      return run();
    },
  };
  return { job, runs, clockRef };
}

describe('ScheduledJobs', () => {
  test('"now" runs at start and every period after; "soon" right after start; "no" first after one period', async () => {
    const clock = new FakeClock(0);
    const a = counting('a', 10 * SECOND, 'now');
    const b = counting('b', 30 * SECOND, 'soon');
    const c = counting('c', 30 * SECOND, 'no');
    for (const j of [a, b, c]) j.clockRef.now = clock.now;
    const jobs = new ScheduledJobs([a.job, b.job, c.job], clock.schedule, capturedLog().log);
    jobs.start();
    assert.deepEqual(a.runs, [{ at: 0, when: 'at start' }], '"now" ran before start() returned');
    assert.equal(b.runs.length, 0);
    await clock.advance(0);
    assert.deepEqual(b.runs, [{ at: 0, when: 'timer' }]);
    await clock.advance(30 * SECOND);
    assert.deepEqual(
      a.runs.map((r) => r.at),
      [0, 10, 20, 30].map((s) => s * SECOND),
    );
    assert.deepEqual(
      b.runs.map((r) => r.at),
      [0, 30 * SECOND],
    );
    assert.deepEqual(c.runs, [{ at: 30 * SECOND, when: 'timer' }]);
    await clock.advance(29 * SECOND);
    assert.equal(c.runs.length, 1, 'not before its period has passed again');
    await clock.advance(SECOND);
    assert.equal(c.runs.length, 2);
    await jobs.stop();
    assert.equal(clock.pending, 0, 'stop cancels every timer');
    await clock.advance(10 * MINUTE);
    assert.deepEqual([a.runs.length, b.runs.length, c.runs.length], [7, 3, 2], 'nothing runs after stop');
  });

  test('a failing run is logged with its job and retried at its next turn; the others go on', async () => {
    const clock = new FakeClock(0);
    const captured = capturedLog();
    let failures = 2;
    const flaky = counting('retention purge', MINUTE, 'now', () => {
      if (failures-- > 0) throw new Error('database is locked');
    });
    const steady = counting('steady', MINUTE, 'now');
    flaky.clockRef.now = clock.now;
    const jobs = new ScheduledJobs([flaky.job, steady.job], clock.schedule, captured.log);
    jobs.start();
    await clock.advance(3 * MINUTE);
    assert.equal(flaky.runs.length, 4);
    assert.equal(steady.runs.length, 4);
    const errors = captured.lines().filter((l) => l.level === 50);
    assert.deepEqual(
      errors.map((l) => [l.msg, l.job, l.err]),
      [
        ['retention purge failed; will retry', 'retention purge', 'database is locked'],
        ['retention purge failed; will retry', 'retention purge', 'database is locked'],
      ],
    );
    await jobs.stop();
  });

  test('a job that must succeed at start stops the start; later failures of it are only logged', async () => {
    const clock = new FakeClock(0);
    const captured = capturedLog();
    const failing: ScheduledJob = {
      name: 'end-of-day closing',
      everyMs: MINUTE,
      atStart: 'now',
      mustSucceedAtStart: true,
      run: () => {
        throw new Error('disk full');
      },
    };
    assert.throws(() => new ScheduledJobs([failing], clock.schedule, captured.log).start(), /disk full/);
    let calls = 0;
    const later: ScheduledJob = {
      ...failing,
      run: () => {
        calls += 1;
        if (calls > 1) throw new Error('disk full');
      },
    };
    const jobs = new ScheduledJobs([later], clock.schedule, captured.log);
    jobs.start();
    await clock.advance(2 * MINUTE);
    assert.equal(calls, 3);
    assert.equal(captured.lines().filter((l) => l.msg === 'end-of-day closing failed; will retry').length, 2);
    await jobs.stop();
  });

  test('an async run is awaited: the next one is a period after it finished, never alongside; stop waits for it', async () => {
    const clock = new FakeClock(0);
    const finishers: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    const sync = counting(
      'appointment sync',
      MINUTE,
      'soon',
      () =>
        new Promise<void>((resolve) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          finishers.push(() => {
            inFlight -= 1;
            resolve();
          });
        }),
    );
    sync.clockRef.now = clock.now;
    const jobs = new ScheduledJobs([sync.job], clock.schedule, capturedLog().log);
    jobs.start();
    await clock.advance(5 * MINUTE); // the first run hangs for five minutes
    assert.equal(sync.runs.length, 1);
    finishers.shift()?.();
    await settle();
    await clock.advance(MINUTE - 1);
    assert.equal(sync.runs.length, 1);
    await clock.advance(1);
    assert.deepEqual(
      sync.runs.map((r) => r.at),
      [0, 6 * MINUTE],
    );
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await settle();
    assert.equal(stopped, false, 'stop waits for the run in progress');
    finishers.shift()?.();
    await stopping;
    assert.equal(most, 1);
    assert.equal(clock.pending, 0, 'and schedules nothing after it');
  });
});

describe('hallJobs', () => {
  /** Stand-ins for the services, counting what each job asks of them. */
  function standIns(provincial: boolean) {
    const calls: string[] = [];
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 2, 0));
    const call =
      <T>(name: string, answer: T) =>
      (arg?: string): T => {
        calls.push(arg === undefined ? name : `${name} ${arg}`);
        return answer;
      };
    const deps = {
      config: openDemoHall(),
      clock: clock.now,
      log: capturedLog().log,
      hall: { closeDayIfDue: call('closeDayIfDue', 0), flushProjections: call('flushProjections', undefined) },
      dossiers: { purgeDue: call('purgeDue', 0) },
      personHashes: { dropExpired: call('dropExpired', { tickets: 0, appointments: 0 }) },
      ticketLinks: { forgetBefore: call('forgetBefore', 0) },
      idempotency: { purge: call('idempotency.purge', 0) },
      live: { checkAlerts: call('checkAlerts', undefined) },
      provincial: {
        schedule: provincial ? { statsMs: 2 * SECOND, appointmentSyncMs: 10 * MINUTE } : null,
        stats: { enqueueDue: call('enqueueDue', []) },
        worker: null,
        syncUpcoming: call('syncUpcoming', Promise.resolve()),
      },
    } as unknown as HallJobDeps;
    return { calls, clock, deps };
  }
  const count = (calls: string[], name: string) => calls.filter((c) => c === name).length;

  test('each job runs when due on one clock: day close every 30 s, purges every 10 min, alerts every 30 s', async () => {
    const { calls, clock, deps } = standIns(false);
    const jobs = new ScheduledJobs(hallJobs(deps), clock.schedule, deps.log);
    assert.deepEqual(jobs.names, ['end-of-day closing', 'dossier retention purge', 'idempotency key purge', 'floor alert check']);
    jobs.start();
    assert.deepEqual(calls, ['closeDayIfDue', 'purgeDue', 'flushProjections', 'dropExpired 2026-11-23', 'forgetBefore 2026-11-16', 'idempotency.purge']);
    calls.length = 0;
    await clock.advance(10 * MINUTE);
    assert.equal(count(calls, 'closeDayIfDue'), 20);
    assert.equal(count(calls, 'checkAlerts'), 20);
    assert.equal(count(calls, 'purgeDue'), 1);
    assert.equal(count(calls, 'idempotency.purge'), 1);
    // 17:00 UTC is local midnight: the purge's business day is the hall's.
    await clock.advance(Date.UTC(2026, 10, 23, 17, 0) - clock.now());
    calls.length = 0;
    await clock.advance(10 * MINUTE);
    assert.ok(calls.includes('dropExpired 2026-11-24') && calls.includes('forgetBefore 2026-11-17'), calls.join());
    await jobs.stop();
    assert.equal(clock.pending, 0);
  });

  test("with the provincial timers on: queue statistics at the sender's poll from start, appointment sync right after start and every period", async () => {
    const { calls, clock, deps } = standIns(true);
    const jobs = new ScheduledJobs(hallJobs(deps, { dayCloseMs: MINUTE, purgeMs: MINUTE, alertCheckMs: MINUTE }), clock.schedule, deps.log);
    assert.deepEqual(jobs.names.slice(4), ['queue statistics', 'appointment sync']);
    jobs.start();
    assert.equal(count(calls, 'enqueueDue'), 1);
    assert.equal(count(calls, 'syncUpcoming'), 0);
    await clock.advance(0);
    assert.equal(count(calls, 'syncUpcoming'), 1);
    await clock.advance(20 * MINUTE);
    assert.equal(count(calls, 'enqueueDue'), 1 + 600);
    assert.equal(count(calls, 'syncUpcoming'), 3);
    assert.equal(count(calls, 'closeDayIfDue'), 21, 'periods are the configured ones');
    await jobs.stop();
    assert.equal(clock.pending, 0);
  });
});
