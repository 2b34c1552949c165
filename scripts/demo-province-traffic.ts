/**
 * A day's traffic at a demo hall for `npm start -- --province`: through the hall server's own HTTP
 * API (as its kiosk, counters and rating keypads would), citizens take tickets now and then, two
 * officers call, serve and finish them (most as received dossiers), and most citizens rate. Paced
 * in seconds, so the province dashboard shows a hall that is working. Everything is made up: no
 * personal data, officers are demo staff.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { HallServer } from '../electron/server/hall-server.ts';
import { hashPin } from '../electron/server/secrets.ts';
import { AccessStore } from '../electron/store/access-store.ts';

const OFFICER_PIN = '274915';

interface DemoCounter {
  readonly id: string;
  readonly serviceId: string;
  readonly token: string;
  readonly ratingToken: string;
  session: string;
  phase: 'idle' | 'called' | 'serving';
  /** When the current phase may move on (epoch ms). */
  until: number;
}

async function post(url: string, token: string, body: unknown, session?: string): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(session ? { 'x-staff-session': session } : {}) },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

export class DemoHallTraffic {
  readonly #url: string;
  readonly #kiosk: string;
  readonly #counters: DemoCounter[];
  #timer: NodeJS.Timeout | null = null;
  #busy = false;

  private constructor(url: string, kiosk: string, counters: DemoCounter[]) {
    this.#url = url;
    this.#kiosk = kiosk;
    this.#counters = counters;
  }

  /** Enrols a kiosk, two counters with their rating keypads and two officers, logs them in and opens the counters. */
  static async start(server: HallServer, url: string, counters: readonly { id: string; serviceId: string }[], tickMs = 3_000): Promise<DemoHallTraffic> {
    const store = new AccessStore(server.db);
    const device = (role: 'kiosk' | 'counter' | 'rating', counterId: string | null) =>
      server.access.createEnrolledDevice({ id: randomUUID(), role, name: `Demo ${role} ${counterId ?? ''}`.trim(), counterId, validDays: 2 });
    const kiosk = device('kiosk', null);
    const list: DemoCounter[] = [];
    for (const [i, c] of counters.entries()) {
      const token = device('counter', c.id);
      const username = `demo-officer-${i + 1}-${randomUUID().slice(0, 6)}`;
      store.addStaff({
        id: randomUUID(),
        username,
        displayName: `Cán bộ trình diễn ${i + 1}`,
        role: 'officer',
        pinHash: hashPin(OFFICER_PIN),
        counterIds: [c.id],
        now: Date.now(),
      });
      const login = await post(`${url}/api/v1/sessions`, token, { username, pin: OFFICER_PIN });
      if (login.status !== 201) throw new Error(`demo officer login at ${c.id} failed: ${login.status} ${JSON.stringify(login.json)}`);
      const counter: DemoCounter = { ...c, token, ratingToken: device('rating', c.id), session: String(login.json?.sessionToken), phase: 'idle', until: 0 };
      await post(`${url}/api/v1/counters/${c.id}/open`, token, {}, counter.session);
      list.push(counter);
    }
    const traffic = new DemoHallTraffic(url, kiosk, list);
    traffic.#timer = setInterval(() => void traffic.#tick(), tickMs);
    return traffic;
  }

  async #tick(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      // About one citizen every two ticks, to one of the open counters' services.
      if (randomInt(100) < 45) {
        const c = this.#counters[randomInt(this.#counters.length)];
        if (c) await post(`${this.#url}/api/v1/tickets`, this.#kiosk, { serviceId: c.serviceId });
      }
      const now = Date.now();
      for (const c of this.#counters) {
        if (now < c.until) continue;
        const at = `${this.#url}/api/v1/counters/${c.id}`;
        if (c.phase === 'idle') {
          const called = await post(`${at}/call-next`, c.token, {}, c.session);
          if (called.status === 200) [c.phase, c.until] = ['called', now + randomInt(3_000, 8_000)];
        } else if (c.phase === 'called') {
          if ((await post(`${at}/start`, c.token, {}, c.session)).status === 200) [c.phase, c.until] = ['serving', now + randomInt(10_000, 45_000)];
          else c.phase = 'idle';
        } else {
          const outcome = randomInt(100) < 70 ? 'received_dossier' : 'guidance_only';
          await post(`${at}/finish`, c.token, { outcome }, c.session);
          [c.phase, c.until] = ['idle', now + randomInt(2_000, 6_000)];
          const roll = randomInt(100);
          if (roll < 85) {
            const level = roll < 55 ? 'very_satisfied' : roll < 80 ? 'satisfied' : 'dissatisfied';
            await post(`${at}/ratings`, c.ratingToken, level === 'dissatisfied' ? { level, reason: 'Chờ lâu' } : { level });
          }
        }
      }
    } catch {
      // The hall is stopping or briefly busy: the next tick tries again.
    } finally {
      this.#busy = false;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
