/**
 * HTTP client of the province hub (electron/province/app.ts; shapes from
 * electron/common/province-wire.ts). A supervisor's session token goes as a bearer token. Every
 * failure is a HallApiError with the hub's stable error code (NETWORK when the hub cannot be
 * reached), so the shared RemoteLoad/Polled helpers treat it as they treat the hall's; a 401 on a
 * read also calls `onSessionEnded` (the session expired or was revoked: back to the login).
 */
import type { AlertList, HallDetail, HallOverview, LoginResult, Productivity468, Ranking766 } from '../../electron/common/province-wire.ts';
import { HallApiError } from '../shared/hall-api.ts';

export type ExportFormat = 'pdf' | 'xlsx' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['pdf', 'xlsx', 'json'];

export interface DownloadedFile {
  readonly blob: Blob;
  readonly fileName: string;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new HallApiError('NETWORK', 0, `province hub unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;

async function failure(res: Response): Promise<HallApiError> {
  let body: ErrorBody = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON: the status says enough
  }
  return new HallApiError(
    body?.error?.code ?? `HTTP_${res.status}`,
    res.status,
    body?.error?.message ?? `the hub answered ${res.status}`,
    body?.error?.details ?? {},
  );
}

/** The file name of a Content-Disposition header (`attachment; filename="x.pdf"`), or `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m?.[1] ?? fallback;
}

export async function loginSupervisor(baseUrl: string, username: string, pin: string): Promise<LoginResult> {
  const res = await send(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, pin }),
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as LoginResult;
}

export class ProvinceApi {
  readonly baseUrl: string;
  readonly token: string;
  readonly #onSessionEnded: () => void;

  constructor(baseUrl: string, token: string, onSessionEnded: () => void) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.token = token;
    this.#onSessionEnded = onSessionEnded;
  }

  /** ws(s) URL of the live stream. */
  get streamUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/api/v1/stream`;
  }

  async #fetch(method: 'GET' | 'POST' | 'DELETE', path: string): Promise<Response> {
    const res = await send(`${this.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${this.token}` } });
    if (res.status === 401) this.#onSessionEnded();
    if (!res.ok) throw await failure(res);
    return res;
  }

  async #get<T>(path: string): Promise<T> {
    return (await (await this.#fetch('GET', path)).json()) as T;
  }

  async halls(): Promise<readonly HallOverview[]> {
    return (await this.#get<{ halls: HallOverview[] }>('/api/v1/halls')).halls;
  }

  hall(hallId: string): Promise<HallDetail> {
    return this.#get(`/api/v1/halls/${encodeURIComponent(hallId)}`);
  }

  ranking766(month: string): Promise<Ranking766> {
    return this.#get(`/api/v1/reports/766?month=${encodeURIComponent(month)}`);
  }

  productivity468(month: string): Promise<Productivity468> {
    return this.#get(`/api/v1/reports/468?month=${encodeURIComponent(month)}`);
  }

  async alerts(): Promise<AlertList['alerts']> {
    return (await this.#get<AlertList>('/api/v1/alerts')).alerts;
  }

  async clearAlert(alertId: number): Promise<void> {
    await this.#fetch('POST', `/api/v1/alerts/${alertId}/clear`);
  }

  /** The month's 766 ranking as a file (the hub writes it: PDF, XLSX or JSON). */
  async export766(month: string, format: ExportFormat): Promise<DownloadedFile> {
    const res = await this.#fetch('GET', `/api/v1/reports/766/export?month=${encodeURIComponent(month)}&format=${format}`);
    return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition'), `xep-hang-766-${month}.${format}`) };
  }

  /** Ends the session at the hub (best effort: the token is forgotten here either way). */
  async logout(): Promise<void> {
    await send(`${this.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${this.token}` } }).catch(() => undefined);
  }
}
