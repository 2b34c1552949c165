/**
 * What a dashboard card shows of a server read: loading, unavailable (the server has no such route:
 * 404, an older hall server), failed (the Vietnamese or English message of the error code) or the
 * value. Cards re-read on a timer with `every`.
 */
import { errorCodeOf, isNotFound } from './hall-api.ts';
import { errorMessage, type Language } from './i18n.ts';

export type RemoteLoad<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ok'; readonly value: T };

export async function remoteLoad<T>(task: () => Promise<T>, lang: Language): Promise<RemoteLoad<T>> {
  try {
    return { kind: 'ok', value: await task() };
  } catch (e) {
    return isNotFound(e) ? { kind: 'unavailable' } : { kind: 'failed', message: errorMessage(errorCodeOf(e), lang) };
  }
}

/** Runs `task` now and every `ms`; returns the stop function (an onMount can return it as is). */
export function every(ms: number, task: () => void): () => void {
  task();
  const timer = setInterval(task, ms);
  return () => clearInterval(timer);
}
