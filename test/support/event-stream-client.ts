/**
 * A server-sent events reader for integration tests (fetch + the body stream): collects each
 * message as `{event, data}` (data parsed as JSON), offers `next()` with a deadline, and tells
 * when the server ended the stream.
 */
export interface SseMessage {
  readonly event: string;
  readonly data: any;
}

export class EventStreamClient {
  readonly status: number;
  readonly headers: Headers;
  readonly messages: SseMessage[] = [];
  /** Resolves when the server ends the stream (or it is closed here). */
  readonly ended: Promise<void>;
  readonly #abort: AbortController;
  #waiters: (() => void)[] = [];
  #taken = 0;
  #done = false;

  private constructor(response: Response, abort: AbortController) {
    this.status = response.status;
    this.headers = response.headers;
    this.#abort = abort;
    this.ended = this.#read(response).finally(() => {
      this.#done = true;
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    return new EventStreamClient(response, abort);
  }

  async #read(response: Response): Promise<void> {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data === '') continue; // retry and comment lines
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
          this.messages.push({ event, data: JSON.parse(data) });
          for (const w of this.#waiters.splice(0)) w();
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  /** The next message not taken yet, waiting at most `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length <= this.#taken) {
      if (this.#done) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages[this.#taken++] as SseMessage;
  }

  close(): void {
    this.#abort.abort();
  }
}
