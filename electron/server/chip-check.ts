/**
 * Passive authentication of a CCCD chip by the hall server itself (PRODUCT.md: "age from a chip the
 * hall server verified itself"). The kiosk forwards the raw EF.SOD and DG1 it read (base64); the
 * server re-runs passive authentication against its own CSCA trust store and only then believes the
 * ID number and birth date of DG1's MRZ (the century of birth from the ID number, spec §4.1). The
 * kiosk's own "verified" is never taken on its word. DG1 is enough for the age and carries no more
 * than the MRZ printed on the card's back; DG13 (ethnicity, religion, parents, addresses) is not sent.
 *
 * Contract: `check` never throws on what a client sent. Anything short of a verified chain
 * (malformed bytes, a hash mismatch, a signer no trusted CSCA issued, an empty trust store) is an
 * `unverified` result with an English reason for the log; personal data never appears in it.
 * The bytes are parsed in memory and dropped: nothing of DG1 is stored.
 */
import type { X509Certificate } from 'node:crypto';
import { birthCentury } from '../../devices/card-reader/identity.ts';
import { parseDg1 } from '../../devices/card-reader/lds/dg1.ts';
import { passiveAuthentication } from '../../devices/card-reader/passive-authentication.ts';
import type { ChipEvidence } from '../common/wire.ts';

export type ChipCheck =
  | { readonly status: 'verified'; readonly idNumber: string; readonly dateOfBirth: string }
  | { readonly status: 'unverified'; readonly reason: string };

/** The MRZ's YYMMDD birth date in the given century → YYYY-MM-DD, or null. */
function isoDate(yymmdd: string, century: number): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  return m ? `${century + Number(m[1])}-${m[2]}-${m[3]}` : null;
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
    const dg1 = Buffer.from(evidence.dg1, 'base64');
    const pa = passiveAuthentication(sod, new Map([[1, dg1]]), this.#trustStore);
    if (pa.status !== 'verified') return { status: 'unverified', reason: `passive authentication ${pa.status}: ${pa.reason ?? 'unknown'}` };
    let parsed;
    try {
      parsed = parseDg1(dg1);
    } catch (e) {
      return { status: 'unverified', reason: `DG1 signed but unreadable: ${(e as Error).message}` };
    }
    const century = parsed.idNumber === null ? null : birthCentury(parsed.idNumber);
    const dateOfBirth = century === null ? null : isoDate(parsed.dateOfBirth, century);
    if (parsed.idNumber === null || dateOfBirth === null) {
      return { status: 'unverified', reason: "DG1's MRZ lacks a 12-digit ID number or a birth date" };
    }
    return { status: 'verified', idNumber: parsed.idNumber, dateOfBirth };
  }
}
