/**
 * Test helpers around the provincial system: a seeded random source (deterministic jitter and
 * fault draws), a supervisor logged in on a dashboard device, and the demo hall pointed at a
 * simulator with short deadlines.
 */
import { randomUUID } from 'node:crypto';
import type { HallConfig } from '../../electron/common/hall-config.ts';
import { hashPin } from '../../electron/server/secrets.ts';
import { AccessStore } from '../../electron/store/access-store.ts';
import { api, openDemoHall, type TestHall } from './hall-server.ts';

export { seededRandom } from '../../scripts/generate-history.ts';

/** A dashboard device with a supervisor session: the credentials of the supervisor routes. */
export async function supervisorOnDashboard(hall: TestHall): Promise<{ token: string; session: string }> {
  const token = hall.device('dashboard');
  const username = `sup-${randomUUID().slice(0, 8)}`;
  new AccessStore(hall.server.db).addStaff({
    id: randomUUID(),
    username,
    displayName: 'Giám sát kiểm thử',
    role: 'supervisor',
    pinHash: hashPin('246810'),
    counterIds: [],
    now: Date.now(),
  });
  const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username, pin: '246810' } });
  if (login.status !== 201) throw new Error(`supervisor login failed: ${JSON.stringify(login.json)}`);
  return { token, session: login.json.sessionToken as string };
}

/** The demo hall (open all hours) with provincial deadlines short enough for tests. */
export function demoHallWithProvincial(overrides: Partial<NonNullable<HallConfig['provincial']>> = {}): HallConfig {
  const config = openDemoHall();
  if (!config.provincial) throw new Error('the demo hall has no provincial section');
  return { ...config, provincial: { ...config.provincial, timeoutMs: 300, statusTimeoutMs: 300, ...overrides } };
}
