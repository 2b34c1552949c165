/**
 * Passive authentication of a CCCD chip by the hall server itself (PRODUCT.md: "age from a chip the
 * hall server verified itself"). The kiosk forwards the raw EF.SOD and DG13 it read (base64); the
 * server re-runs passive authentication against its own CSCA trust store and only then believes the
 * birth date and ID number in DG13. The kiosk's own "verified" is never taken on its word.
 *
 * Contract: `check` never throws on what a client sent. Anything short of a verified chain
 * (malformed bytes, a hash mismatch, a signer no trusted CSCA issued, an empty trust store) is an
 * `unverified` result with an English reason for the log; personal data never appears in it.
 * The bytes are parsed in memory and dropped: nothing of DG13 is stored.
 */
import type { X509Certificate } from 'node:crypto';
import { parseDg13 } from '../../devices/card-reader/lds/dg13.ts';
import { passiveAuthentication } from '../../devices/card-reader/passive-authentication.ts';
import type { ChipEvidence } from '../common/wire.ts';

export type ChipCheck =
  | { readonly status: 'verified'; readonly idNumber: string; readonly dateOfBirth: string }
  | { readonly status: 'unverified'; readonly reason: string };

/** dd/mm/yyyy (as DG13 writes it) → YYYY-MM-DD, or null. */
function isoDate(ddmmyyyy: string | null): string | null {
  const m = ddmmyyyy === null ? null : /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(ddmmyyyy);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

export class ChipVerifier {
  readonly #trustStore: readonly X509Certificate[];
  readonly #onUnverified: (reason: string) => void;

  /** `onUnverified` hears the reason of every chip that did not verify (for the log; no personal data). */
  constructor(trustStore: readonly X509Certificate[], onUnverified: (reason: string) => void = () => {}) {
    this.#trustStore = trustStore;
    this.#onUnverified = onUnverified;
  }

  /** Whether any CSCA is configured: without one no chip can be verified. */
  get configured(): boolean {
    return this.#trustStore.length > 0;
  }

  check(evidence: ChipEvidence): ChipCheck {
    const result = this.#check(evidence);
    if (result.status === 'unverified') this.#onUnverified(result.reason);
    return result;
  }

  #check(evidence: ChipEvidence): ChipCheck {
    if (!this.configured) return { status: 'unverified', reason: 'the hall server has no CSCA trust store (--csca)' };
    const sod = Buffer.from(evidence.sod, 'base64');
    const dg13 = Buffer.from(evidence.dg13, 'base64');
    const pa = passiveAuthentication(sod, new Map([[13, dg13]]), this.#trustStore);
    if (pa.status !== 'verified') return { status: 'unverified', reason: `passive authentication ${pa.status}: ${pa.reason ?? 'unknown'}` };
    let parsed;
    try {
      parsed = parseDg13(dg13);
    } catch (e) {
      return { status: 'unverified', reason: `DG13 signed but unreadable: ${(e as Error).message}` };
    }
    const dateOfBirth = isoDate(parsed.dateOfBirth);
    if (parsed.idNumber === null || !/^\d{12}$/.test(parsed.idNumber) || dateOfBirth === null) {
      return { status: 'unverified', reason: 'DG13 lacks a 12-digit ID number or a dd/mm/yyyy birth date' };
    }
    return { status: 'verified', idNumber: parsed.idNumber, dateOfBirth };
  }
}
