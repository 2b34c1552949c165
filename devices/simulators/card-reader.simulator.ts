/**
 * The `sim:card` reader, device side: a contactless slot that holds at most one virtual CCCD.
 * A test or the demo puts a card with a chosen identity and CAN on it, lifts it, or lifts it in the
 * middle of a read; the card reader service reads it through the memory card channel exactly as
 * it reads a PC/SC reader (PACE or BAC, secure messaging, EF.SOD, passive authentication).
 *
 * Cards are personalised by the simulator's own issuing authority (simulated-issuer.ts): its CSCA
 * is the trust anchor of the service wired to this reader, so a simulated card reads `verified`.
 * Unlike MemoryCardReader alone (which puts a lifted card back on the next connect, for recovery
 * tests), a lifted card stays off until insert() is called again.
 */
import type { CardPresence } from '../../electron/common/device-contract.ts';
import { CardChannelError, type CardChannelFactory } from '../common/card-channel.ts';
import { Listeners, type Unlisten } from '../common/transport.ts';
import { type Citizen, DEMO_CITIZEN } from './virtual-cccd/citizen.ts';
import { MemoryCardReader } from './virtual-cccd/memory-channel.ts';
import { mrzDate, personalise } from './virtual-cccd/personalisation.ts';
import { PLACEHOLDER_FACE, type SimulatedIssuer, createSimulatedIssuer } from './virtual-cccd/simulated-issuer.ts';
import { VirtualCccd } from './virtual-cccd/virtual-cccd.ts';

export const SIMULATED_READER_NAME = 'sim:card';

export interface SimulatedCard {
  /** The person on the card; fields left out are the made-up demo citizen's (citizen.ts). */
  readonly citizen?: Partial<Citizen>;
  /** The CAN printed on the card front; default: the last 6 digits of the ID number. */
  readonly can?: string;
  /** The face in DG2; default: a grey placeholder. */
  readonly photo?: { readonly jpeg: Uint8Array; readonly width: number; readonly height: number };
}

export class CardReaderSimulator {
  readonly issuer: SimulatedIssuer;
  readonly #presence = new Listeners<CardPresence>();
  #slot: MemoryCardReader | null = null;
  #unlistenSlot: Unlisten | null = null;
  #apdusBefore = 0;

  constructor(issuer: SimulatedIssuer = createSimulatedIssuer()) {
    this.issuer = issuer;
  }

  get present(): boolean {
    return this.#slot !== null;
  }

  /** Command APDUs the cards on this reader have answered (or been lifted on). */
  get apduCount(): number {
    return this.#apdusBefore + (this.#slot?.apduCount ?? 0);
  }

  /** Puts a card on the reader (a card already there is lifted first). */
  insert(card: SimulatedCard = {}): void {
    if (this.#slot !== null) this.remove();
    const citizen: Citizen = { ...DEMO_CITIZEN, ...card.citizen };
    const files = personalise(citizen, { signer: this.issuer.signer, photo: card.photo ?? PLACEHOLDER_FACE });
    const chip = new VirtualCccd({
      files,
      can: card.can ?? citizen.idNumber.slice(-6),
      mrzKey: { documentNumber: citizen.idNumber.slice(3), dateOfBirth: mrzDate(citizen.dateOfBirth), dateOfExpiry: mrzDate(citizen.dateOfExpiry) },
    });
    const slot = new MemoryCardReader(chip);
    this.#slot = slot;
    // The memory slot reports a lift it made mid-read; from then on the card is off this reader.
    this.#unlistenSlot = slot.onPresence((p) => {
      if (!p.present && this.#slot === slot) this.#leave();
    });
    this.#presence.emit({ present: true, reader: SIMULATED_READER_NAME });
  }

  /** Lifts the card off the reader. */
  remove(): void {
    if (this.#slot !== null) this.#leave();
  }

  /** Lifts the card when the n-th command APDU from now arrives (n ≥ 1), in the middle of a read. */
  removeAfterApdus(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`removeAfterApdus: ${n} is not a whole number ≥ 1`);
    if (this.#slot === null) throw new Error('removeAfterApdus: no card on the reader');
    this.#slot.liftOnApdu(this.#slot.apduCount + n);
  }

  /** Presence changes (reader name and a flag, never personal data); fits the card reader service's `presence`. */
  onPresence(listener: (presence: CardPresence) => void): Unlisten {
    return this.#presence.add(listener);
  }

  /** Opens a channel to the card on the reader; rejects with cardAbsent when there is none. */
  readonly factory: CardChannelFactory = async () => {
    const slot = this.#slot;
    if (slot === null) throw new CardChannelError('no card on the reader', { cardAbsent: true });
    return slot.factory();
  };

  #leave(): void {
    this.#apdusBefore += this.#slot?.apduCount ?? 0;
    this.#unlistenSlot?.();
    this.#unlistenSlot = null;
    this.#slot = null;
    this.#presence.emit({ present: false, reader: SIMULATED_READER_NAME });
  }
}
