/**
 * The supervisor's session in this browser tab: login with username and PIN at the hub, the token
 * kept in sessionStorage (gone when the tab closes; a reload stays logged in), the API client and
 * the live hall list while logged in. A 401 or a stream closed as unauthorized ends the session
 * and says so on the login screen.
 */
import type { LoginResult } from '../../electron/common/province-wire.ts';
import { errorCodeOf } from '../shared/hall-api.ts';
import { loginSupervisor, ProvinceApi } from './province-api.ts';
import { ProvinceLive } from './province-live.svelte.ts';

export type Supervisor = LoginResult['supervisor'];

const STORAGE_KEY = 'province.session';

export class ProvinceSession {
  supervisor = $state.raw<Supervisor | null>(null);
  api = $state.raw<ProvinceApi | null>(null);
  live = $state.raw<ProvinceLive | null>(null);
  /** The error code the login screen explains (a failed login, or UNAUTHENTICATED for an ended session), or null. */
  problem = $state<string | null>(null);
  busy = $state(false);
  readonly #baseUrl: string;
  readonly #storage: Storage;

  constructor(baseUrl: string, storage: Storage) {
    this.#baseUrl = baseUrl;
    this.#storage = storage;
  }

  /** Reopens the session of this tab, if one is stored. */
  restore(): void {
    const raw = this.#storage.getItem(STORAGE_KEY);
    if (!raw) return;
    try {
      const saved = JSON.parse(raw) as LoginResult;
      if (typeof saved.token === 'string' && saved.supervisor) this.#open(saved);
    } catch {
      this.#storage.removeItem(STORAGE_KEY);
    }
  }

  async login(username: string, pin: string): Promise<void> {
    this.busy = true;
    this.problem = null;
    try {
      const result = await loginSupervisor(this.#baseUrl, username.trim(), pin);
      this.#storage.setItem(STORAGE_KEY, JSON.stringify(result));
      this.#open(result);
    } catch (error) {
      this.problem = errorCodeOf(error);
    } finally {
      this.busy = false;
    }
  }

  async logout(): Promise<void> {
    const api = this.api;
    this.#close(null);
    await api?.logout();
  }

  #open(result: LoginResult): void {
    const api = new ProvinceApi(this.#baseUrl, result.token, () => this.#close('UNAUTHENTICATED'));
    this.api = api;
    this.supervisor = result.supervisor;
    const live = new ProvinceLive(api, () => this.#close('UNAUTHENTICATED'));
    this.live = live;
    live.start();
  }

  #close(problem: string | null): void {
    this.live?.stop();
    this.#storage.removeItem(STORAGE_KEY);
    this.live = null;
    this.api = null;
    this.supervisor = null;
    this.problem = problem;
  }
}
