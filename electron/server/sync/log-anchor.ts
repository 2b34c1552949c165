/**
 * Anchors the event log at every day close (store/log-checkpoints.ts): inside the commit of the
 * day.closed event, a keyed checkpoint of the log's head is written and its copy queued in the
 * outbox to the provincial system (topic log.checkpoint, one aggregate per hall, so the copies go
 * out in order). Idempotency key `<hall id>:log.checkpoint:<seq>`: the provincial system keeps
 * each one once. The payload carries no event data: a sequence number, a hash, times and the MAC.
 */
import type { StoredEvent } from '../../common/events.ts';
import { CheckpointSigner, writeCheckpoint, type LogCheckpoint } from '../../store/log-checkpoints.ts';
import type { HallDatabase } from '../../store/open-database.ts';
import { enqueueOutbox } from '../../store/outbox-store.ts';

export const LOG_CHECKPOINT_TOPIC = 'log.checkpoint';

export function logCheckpointPayload(hallId: string, c: LogCheckpoint): unknown {
  return { schema: 'one-stop-hall/log-checkpoint/1', hallId, seq: c.seq, headHash: c.headHash, at: c.at, businessDate: c.businessDate, mac: c.mac };
}

/** The commit hook: a checkpoint when the committed events close a day (the head is the commit's last event). */
export function logAnchor(db: HallDatabase, hallId: string, key: Uint8Array): (stored: readonly StoredEvent[]) => void {
  const signer = new CheckpointSigner(key);
  return (stored) => {
    const closed = stored.findLast((e) => e.type === 'day.closed');
    const head = stored.at(-1);
    if (!closed || closed.type !== 'day.closed' || !head) return;
    const checkpoint = signer.sign({ seq: head.seq, headHash: head.hash, at: closed.at, businessDate: closed.data.businessDate });
    if (!writeCheckpoint(db, checkpoint)) return;
    enqueueOutbox(db, {
      topic: LOG_CHECKPOINT_TOPIC,
      aggregateId: `${hallId}:event-log`,
      idempotencyKey: `${hallId}:${LOG_CHECKPOINT_TOPIC}:${checkpoint.seq}`,
      payload: logCheckpointPayload(hallId, checkpoint),
      now: closed.at,
    });
  };
}
