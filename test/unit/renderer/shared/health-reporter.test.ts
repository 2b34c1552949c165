/**
 * health-reporter.ts with manual timers: the list at start, a burst of changes as one report,
 * the heartbeat, a failed report retried by the next one, and nothing after stop.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceHealth } from '../../../../electron/common/device-contract.ts';
import { startHealthReporting, type HealthReporterTimers } from '../../../../renderer/shared/health-reporter.ts';

class ManualTimers implements HealthReporterTimers {
  now = 0;
  #next = 1;
  readonly #jobs = new Map<number, { at: number; run: () => void; every: number | null }>();
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#jobs.set(id, { at: this.now + ms, run, every: null });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#jobs.delete(handle as number);
  }
  setInterval(run: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#jobs.set(id, { at: this.now + ms, run, every: ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.#jobs.delete(handle as number);
  }
  /** Moves the clock, running what falls due in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.#jobs.entries()].filter(([, j]) => j.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, job] = due;
      this.now = job.at;
      if (job.every === null) this.#jobs.delete(id);
      else job.at += job.every;
      job.run();
    }
    this.now = end;
  }
  get pending(): number {
    return this.#jobs.size;
  }
}

const health = (id: string, state: DeviceHealth['state'], fault: DeviceHealth['fault'] = null): DeviceHealth => ({
  kind: id === 'printer' ? 'printer' : 'scanner',
  id,
  state,
  fault,
  detail: null,
  since: 0,
});
const flush = () => new Promise((r) => setImmediate(r));

function rig(options: { failFirst?: number } = {}) {
  const timers = new ManualTimers();
  const sent: string[][] = [];
  const errors: unknown[] = [];
  let failures = options.failFirst ?? 0;
  let emit: (h: DeviceHealth) => void = () => undefined;
  let subscribed = 0;
  const stop = startHealthReporting({
    devices: {
      health: async () => [health('printer', 'ready'), health('scanner', 'ready')],
      onHealth: (listener) => {
        emit = listener;
        subscribed += 1;
        return () => {
          subscribed -= 1;
        };
      },
    },
    send: async (list) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('hall server unreachable');
      }
      sent.push(list.map((h) => `${h.id}:${h.state}${h.fault ? `:${h.fault}` : ''}`));
    },
    onError: (e) => errors.push(e),
    timers,
    everyMs: 30_000,
    settleMs: 500,
  });
  return { timers, sent, errors, emit: (h: DeviceHealth) => emit(h), stop, subscribed: () => subscribed };
}

describe('health reporter', () => {
  it('sends the whole list at start', async () => {
    const r = rig();
    await flush();
    assert.deepEqual(r.sent, [['printer:ready', 'scanner:ready']]);
    r.stop();
  });

  it('gathers a burst of changes into one report after the settle time', async () => {
    const r = rig();
    await flush();
    r.emit(health('printer', 'fault', 'paper_out'));
    r.timers.advance(200);
    r.emit(health('scanner', 'absent', 'disconnected'));
    r.timers.advance(299);
    await flush();
    assert.equal(r.sent.length, 1, 'not yet');
    r.timers.advance(1);
    await flush();
    assert.deepEqual(r.sent.at(-1), ['printer:fault:paper_out', 'scanner:absent:disconnected']);
    assert.equal(r.sent.length, 2);
    r.stop();
  });

  it('repeats the latest list every 30 s, and a failed report is made good by the next one', async () => {
    const r = rig({ failFirst: 1 });
    await flush();
    assert.deepEqual(r.sent, [], 'the first report failed');
    assert.equal(r.errors.length, 1);
    r.timers.advance(30_000);
    await flush();
    assert.deepEqual(r.sent, [['printer:ready', 'scanner:ready']]);
    r.timers.advance(30_000);
    await flush();
    assert.equal(r.sent.length, 2);
    r.stop();
  });

  it('after stop nothing is sent and nothing is left scheduled', async () => {
    const r = rig();
    await flush();
    r.emit(health('printer', 'degraded', 'paper_near_end'));
    r.stop();
    assert.equal(r.subscribed(), 0);
    assert.equal(r.timers.pending, 0);
    r.timers.advance(120_000);
    await flush();
    assert.equal(r.sent.length, 1);
  });
});
