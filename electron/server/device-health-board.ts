/**
 * The device health board (device-health-wire.ts): the latest report of each terminal, kept in
 * memory. Terminals report on every change and every HEALTH_REPORT_EVERY_MS, so after a restart
 * the board is whole again within that time; until then a terminal shows as silent, which is
 * what the server knows. Reports carry no personal data (device ids, states, fault codes, English
 * details).
 */
import type { DeviceHealth } from '../common/device-contract.ts';
import { HEALTH_SILENT_AFTER_MS, type DevicesHealthResponse, type TerminalHealth } from '../common/device-health-wire.ts';
import type { TerminalRole } from '../common/device-contract.ts';
import type { DeviceRecord } from '../store/access-store.ts';
import { TERMINAL_ROLES } from '../../kiosk-config/terminal-config.ts';

const isTerminal = (d: DeviceRecord): d is DeviceRecord & { role: TerminalRole } => (TERMINAL_ROLES as readonly string[]).includes(d.role);

export class DeviceHealthBoard {
  readonly #clock: () => number;
  readonly #reports = new Map<string, { readonly at: number; readonly devices: readonly DeviceHealth[] }>();

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  /** Replaces the terminal's report (a device it no longer lists is gone from its config). */
  report(deviceId: string, devices: readonly DeviceHealth[]): void {
    this.#reports.set(deviceId, { at: this.#clock(), devices });
  }

  /**
   * Every enrolled, unrevoked terminal, kiosks first, then counters by counter, then displays, each
   * by name; a terminal that never reported is listed with reportedAt null.
   */
  view(enrolled: readonly DeviceRecord[]): DevicesHealthResponse {
    const now = this.#clock();
    const terminals: TerminalHealth[] = enrolled
      .filter(isTerminal)
      .filter((d) => d.revokedAt === null && d.enrolledAt !== null)
      .sort(
        (a, b) =>
          TERMINAL_ROLES.indexOf(a.role) - TERMINAL_ROLES.indexOf(b.role) ||
          (a.counterId ?? '').localeCompare(b.counterId ?? '') ||
          a.name.localeCompare(b.name, 'vi'),
      )
      .map((d) => {
        const r = this.#reports.get(d.id);
        return {
          deviceId: d.id,
          role: d.role,
          name: d.name,
          counterId: d.counterId,
          reportedAt: r?.at ?? null,
          silent: r === undefined || now - r.at > HEALTH_SILENT_AFTER_MS,
          devices: r?.devices ?? [],
        };
      });
    return { now, terminals };
  }
}
