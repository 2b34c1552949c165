/**
 * Is the hall server answering? GET <hall>/healthz with a short timeout; any 2xx is yes.
 * `fetch` is injected so tests point it at a server they start on 127.0.0.1:0.
 */
export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<{ ok: boolean }>;

export async function hallReachable(hallOrigin: string, fetchImpl: FetchLike, timeoutMs = 3_000): Promise<boolean> {
  try {
    const response = await fetchImpl(new URL('/healthz', hallOrigin).toString(), { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Chromium's network error codes (net_error_list.h) that mean "server not reachable", not "page broken". */
export function isNetworkFailure(errorCode: number): boolean {
  // -2 FAILED, -7 TIMED_OUT, -21 NETWORK_CHANGED; -100…-199 are connection errors (refused -102,
  // name not resolved -105, internet disconnected -106, address unreachable -109, …).
  return errorCode === -2 || errorCode === -7 || errorCode === -21 || (errorCode <= -100 && errorCode > -200);
}
