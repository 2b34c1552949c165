/**
 * Submitted dossiers to the provincial one-stop system, through the outbox.
 *
 * Contract:
 * - At submit, inside the submit transaction, `enqueueSubmittedDossier` adds one `dossier.submitted`
 *   item whose payload is a reference, `{ ref: 'dossier', dossierId, dossierCode }`: the outbox table
 *   is not sealed, so the personal data stays in the dossier tables (sealed with the hall key) until
 *   the moment of sending.
 * - At send time `payloadOf` turns a reference into the message: the dossier with its personal data
 *   and papers (the PDFs, base64); a dossier that can no longer be read (purged) makes the item a
 *   dead letter with the reason. Any other payload is sent as enqueued.
 * - After delivery `delivered` marks the item delivered and a referenced dossier synced (with its
 *   `dossier.synced` event) in ONE transaction: a crash leaves both done or neither (the item is
 *   then sent again and the receiver deduplicates it). `repair` runs at start and marks synced any
 *   dossier whose item was delivered but which is not synced (a log written before this rule).
 */
import type { DossierView } from '../../common/dossier-wire.ts';
import type { HallDatabase } from '../../store/open-database.ts';
import { enqueueOutbox, type ClaimedItem } from '../../store/outbox-store.ts';

export const DOSSIER_SUBMITTED = 'dossier.submitted';

/** What the delivery reads of the dossier service. */
export interface DossierSource {
  forDelivery(dossierId: string): DossierView;
  paperForDelivery(dossierId: string, paperId: string): { fileName: string; bytes: Buffer };
  /** Marks the dossier synced; `alsoInTransaction` runs in the same transaction (the outbox's delivered mark). */
  markSynced(dossierId: string, alsoInTransaction?: () => void): void;
  /** Dossiers whose submitted item was delivered but which are not marked synced. */
  deliveredButNotSynced(): string[];
}

/** How the outbox worker turns an item into the message's data, and what it does once delivered. */
export interface OutboxDelivery {
  /** The JSON text of the message's `data`; throws when the item can never be sent. */
  payloadOf(item: ClaimedItem): string;
  /** Records the delivery: calls `markDelivered` inside the transaction of its own effect. */
  delivered(item: ClaimedItem, markDelivered: () => void): void;
  /** At start: completes the effects of items delivered before a crash; returns how many. */
  repair?(): number;
}

export function enqueueSubmittedDossier(tx: HallDatabase, hallId: string, dossier: DossierView, now: number): void {
  enqueueOutbox(tx, {
    topic: DOSSIER_SUBMITTED,
    aggregateId: dossier.id,
    idempotencyKey: `${hallId}:dossier:${dossier.id}:submitted`,
    payload: { ref: 'dossier', dossierId: dossier.id, dossierCode: dossier.code } satisfies DossierRef,
    now,
  });
}

interface DossierRef {
  readonly ref: 'dossier';
  readonly dossierId: string;
  readonly dossierCode: string | null;
}

function dossierRefOf(item: ClaimedItem): DossierRef | null {
  const payload = JSON.parse(item.payload) as Partial<DossierRef> | null;
  return payload?.ref === 'dossier' && typeof payload.dossierId === 'string' ? (payload as DossierRef) : null;
}

export function dossierDelivery(dossiers: DossierSource): OutboxDelivery {
  return {
    payloadOf(item) {
      const ref = dossierRefOf(item);
      if (ref === null) return item.payload;
      const d = dossiers.forDelivery(ref.dossierId);
      return JSON.stringify({
        dossierCode: d.code,
        submittedAt: d.submittedAt === null ? null : new Date(d.submittedAt).toISOString(),
        procedure: { code: d.procedure.code, name: d.procedure.name },
        channel: d.channel,
        ticketNumber: d.ticketNumber,
        applicant: d.applicant,
        formId: d.formId,
        form: d.form,
        papers: d.papers.map((p) => ({
          code: p.code,
          docTypeCode: p.docTypeCode,
          name: p.name,
          sha256: p.sha256,
          pages: p.pages,
          dpi: p.dpi,
          ocrConfidence: p.ocrConfidence,
          pdfBase64: dossiers.paperForDelivery(d.id, p.id).bytes.toString('base64'),
        })),
        missingPapers: d.missingPapers,
      });
    },
    delivered(item, markDelivered) {
      const ref = dossierRefOf(item);
      if (ref === null) markDelivered();
      else dossiers.markSynced(ref.dossierId, markDelivered);
    },
    repair() {
      const ids = dossiers.deliveredButNotSynced();
      for (const id of ids) dossiers.markSynced(id);
      return ids.length;
    },
  };
}
