/**
 * The province benchmark's delivering side, kept cheap so that it measures the hub and not itself:
 * request bodies are serialised as the hall's shipper writes them (ASCII JSON) and encoded before the clock starts (a hall builds its
 * batches on its own machine, not on the hub's), and they are posted with node:http over
 * keep-alive connections (no fetch/web-streams layer per request).
 *
 * The deliveries are the hall's: consecutive batches (default 500 events, as the hall's shipper
 * sends them), one hall's batches in order, a hall's next batch only after the hub answered.
 */
import { Agent, request } from 'node:http';
import { asciiJson } from '../../electron/common/ascii-json.ts';
import type { IngestBatch, PublicEventWire } from '../../electron/common/province-wire.ts';

export interface PreparedHall {
  readonly hallId: string;
  readonly token: string;
  readonly bodies: readonly Buffer[];
  readonly events: number;
}

/** A hall's deliveries as encoded request bodies. */
export function prepareHall(hall: IngestBatch['hall'], token: string, events: readonly PublicEventWire[], batchSize: number): PreparedHall {
  const bodies: Buffer[] = [];
  for (let i = 0; i < events.length; i += batchSize) bodies.push(Buffer.from(asciiJson({ hall, events: events.slice(i, i + batchSize) })));
  return { hallId: hall.id, token, bodies, events: events.length };
}

export class IngestClient {
  readonly #url: URL;
  readonly #agent: Agent;

  constructor(hubUrl: string, connections: number) {
    this.#url = new URL('/api/v1/ingest/events', hubUrl);
    this.#agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** Posts one body; resolves with the status and the answer's text. */
  post(token: string, body: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        this.#url,
        {
          method: 'POST',
          agent: this.#agent,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Delivers a hall's bodies in order; anything but 200 throws (a benchmark's deliveries must all be accepted). */
  async deliver(hall: PreparedHall): Promise<void> {
    for (const body of hall.bodies) {
      const answer = await this.post(hall.token, body);
      if (answer.status !== 200) throw new Error(`hub answered ${answer.status} to a delivery of ${hall.hallId}: ${answer.text.slice(0, 300)}`);
    }
  }

  close(): void {
    this.#agent.destroy();
  }
}
