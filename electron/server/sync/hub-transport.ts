/**
 * HTTP(S) transport of the event log to the province hub (deliverEvents): one POST per batch with
 * the hall's bearer credential and one deadline for the whole exchange. The credential never
 * appears in an error text or a log line.
 */
import { asciiJson } from '../../common/ascii-json.ts';
import { CHAIN_REFUSALS, ingestResultSchema, type IngestBatch } from '../../common/province-wire.ts';
import type { HubAnswer, HubTransport } from './event-log-shipper.ts';

export interface HubTransportOptions {
  /** e.g. https://tinh.example.gov.vn/hub; `/api/v1/ingest/events` is appended. */
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : null;
}

export function httpHubTransport(options: HubTransportOptions): HubTransport {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/ingest/events`;
  return {
    async deliver(batch: IngestBatch): Promise<HubAnswer> {
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          // ASCII only: the hub decodes and parses it about twice as fast (common/ascii-json.ts).
          body: asciiJson(batch),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const name = (error as { name?: string }).name;
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return {
          kind: 'retry',
          error: name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : `network error${cause ? ` (${cause})` : ''}`,
          retryAfterMs: null,
        };
      }
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      if (response.ok) {
        const parsed = ingestResultSchema.safeParse(json);
        return parsed.success ? { kind: 'ok', result: parsed.data } : { kind: 'retry', error: 'the hub answered with an unexpected body', retryAfterMs: null };
      }
      const err = (json as { error?: { code?: string; message?: string; details?: { headSeq?: number } } } | null)?.error;
      if (response.status === 409 && err?.code === 'CHAIN_GAP' && typeof err.details?.headSeq === 'number')
        return { kind: 'gap', headSeq: err.details.headSeq };
      if (err?.code && (CHAIN_REFUSALS as readonly string[]).includes(err.code)) return { kind: 'refused', code: err.code, message: err.message ?? '' };
      if (response.status === 400 || response.status === 413 || response.status === 422)
        return { kind: 'refused', code: err?.code ?? `HTTP_${response.status}`, message: err?.message ?? '' };
      return {
        kind: 'retry',
        error: `HTTP ${response.status}${err?.code ? ` ${err.code}` : ''}`,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      };
    },
  };
}
