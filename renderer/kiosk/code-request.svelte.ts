import { errorCodeOf } from '../shared/hall-api.ts';
import { errorMessage, type Language } from '../shared/i18n.ts';

/**
 * One request at a time for a code typed or scanned at the kiosk (status lookup, appointment
 * check-in): `busy` while it runs (reported to the kiosk so the idle timer waits), and the failure
 * as a Vietnamese or English message. A call while busy is ignored.
 */
export class CodeRequest {
  busy = $state(false);
  error = $state<string | null>(null);
  readonly #onbusy: (busy: boolean) => void;
  readonly #lang: () => Language;

  constructor(onbusy: (busy: boolean) => void, lang: () => Language) {
    this.#onbusy = onbusy;
    this.#lang = lang;
  }

  /** Runs `task` unless one is running; resolves true when it succeeded. */
  async run(task: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.#onbusy(true);
    this.error = null;
    try {
      await task();
      return true;
    } catch (e) {
      this.error = errorMessage(errorCodeOf(e), this.#lang());
      return false;
    } finally {
      this.busy = false;
      this.#onbusy(false);
    }
  }
}
