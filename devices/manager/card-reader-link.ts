/**
 * A kiosk's CCCD reader as the device manager holds it: the configured reader (`pcsc:<reader
 * name>` or `sim:card`) behind one card reader service (devices/card-reader), and the reader's
 * DeviceHealth next to the other devices'.
 *
 *   sim:card           the CardReaderSimulator's slot through the memory card channel; its
 *                      issuing authority's CSCA is added to the trust store.
 *   pcsc:<name>        devices/transports/pcsc.ts. @pokusew/pcsclite is an optional dependency and
 *                      is loaded when the manager starts, not on import: where it is missing the
 *                      reader is `absent` + `unavailable` and readCard answers `unavailable` with
 *                      the reason (install libpcsclite-dev and pcscd), while every other device runs.
 *
 * Health: ready while the reader is there (with or without a card; a card is not a fault),
 * absent + unavailable when PC/SC or the reader is missing, absent + disconnected when a read
 * found the reader gone. Card faults of one read (card_removed, wrong_can, …) are that read's
 * result, not the reader's health. Nothing here logs or keeps card data.
 */
import type { X509Certificate } from 'node:crypto';
import type {
  CardIdentity,
  CardPresence,
  CardReadRequest,
  DeviceFault,
  DeviceHealth,
  DeviceResult,
  DeviceState,
} from '../../electron/common/device-contract.ts';
import { type CardReaderService, createCardReaderService } from '../card-reader/card-reader-service.ts';
import { CardChannelError, type CardChannelFactory } from '../common/card-channel.ts';
import { parseDeviceUri } from '../common/device-uri.ts';
import { Listeners, type Unlisten } from '../common/transport.ts';
import type { CardReaderSimulator } from '../simulators/card-reader.simulator.ts';
import { PcscReader } from '../transports/pcsc.ts';
import type { DeviceConfig } from './device-config.ts';

/** The part of PcscReader the manager uses; tests may inject another opener. */
export interface PcscReaderHandle {
  readonly readerName: string | null;
  readonly factory: CardChannelFactory;
  onPresence(listener: (presence: CardPresence) => void): () => void;
  onReaderAttached(listener: (attached: boolean) => void): () => void;
  close(): Promise<void>;
}

export type OpenPcscReader = (readerName: string) => Promise<PcscReaderHandle>;

export const openPcscReader: OpenPcscReader = (readerName) => PcscReader.open({ readerName });

export interface CardReaderLinkOptions {
  readonly now: () => number;
  /** CSCA certificates for passive authentication of real cards. */
  readonly trustStore?: readonly X509Certificate[];
  /** Set for `sim:card`. */
  readonly simulator?: CardReaderSimulator;
  readonly openPcsc?: OpenPcscReader;
}

export class CardReaderLink {
  readonly id: string;
  readonly kind = 'cardReader' as const;
  /** The service the kiosk's readCard, onCardPresence and endSession go to. */
  readonly service: CardReaderService;
  readonly #changes = new Listeners<DeviceHealth>();
  readonly #presence = new Listeners<CardPresence>();
  readonly #now: () => number;
  readonly #start: () => Promise<void>;
  #health: DeviceHealth;
  #pcsc: PcscReaderHandle | null = null;
  #unavailable: string | null = null;
  #stopped = false;
  #offs: (() => void)[] = [];

  constructor(device: DeviceConfig, options: CardReaderLinkOptions) {
    this.id = device.id;
    this.#now = options.now;
    this.#health = { kind: 'cardReader', id: device.id, state: 'absent', fault: 'disconnected', detail: 'not started', since: options.now() };
    const uri = parseDeviceUri(device.uri);
    const presence = { onPresence: (listener: (p: CardPresence) => void) => this.#presence.add(listener) };
    let factory: CardChannelFactory;
    let trustStore = options.trustStore ?? [];
    if (uri.scheme === 'sim') {
      const simulator = options.simulator;
      if (simulator === undefined || uri.name !== 'card')
        throw new Error(`device '${device.id}': '${device.uri}' does not simulate a cardReader (use sim:card)`);
      factory = simulator.factory;
      trustStore = [simulator.issuer.csca, ...trustStore];
      this.#start = async () => {
        this.#offs.push(simulator.onPresence((p) => this.#presence.emit(p)));
        this.#report('ready', null, null);
      };
    } else if (uri.scheme === 'pcsc') {
      const open = options.openPcsc ?? openPcscReader;
      factory = async () => {
        if (this.#pcsc === null) throw new CardChannelError(this.#unavailable ?? 'PC/SC reader not open', { readerUnavailable: true });
        return this.#pcsc.factory();
      };
      this.#start = async () => {
        try {
          const reader = await open(uri.readerName);
          if (this.#stopped) return void (await reader.close());
          this.#pcsc = reader;
        } catch (error) {
          this.#unavailable = error instanceof Error ? error.message : String(error);
          this.#report('absent', 'unavailable', this.#unavailable);
          return;
        }
        const reader = this.#pcsc;
        const attached = (yes: boolean): void =>
          yes ? this.#report('ready', null, null) : this.#report('absent', 'unavailable', `waiting for PC/SC reader "${uri.readerName}"`);
        this.#offs.push(
          reader.onPresence((p) => this.#presence.emit(p)),
          reader.onReaderAttached(attached),
        );
        attached(reader.readerName !== null);
      };
    } else {
      throw new Error(`device '${device.id}': a card reader is wired as pcsc:<reader name> or sim:card, not '${device.uri}'`);
    }
    const inner = createCardReaderService(factory, { trustStore, presence });
    this.service = {
      ...inner,
      readCard: async (request: CardReadRequest): Promise<DeviceResult<CardIdentity>> => {
        if (this.#unavailable !== null) return { ok: false, fault: 'unavailable', detail: this.#unavailable };
        const result = await inner.readCard(request);
        if (!result.ok && result.fault === 'disconnected') this.#report('absent', 'disconnected', result.detail);
        else this.#report('ready', null, null);
        return result;
      },
    };
  }

  get health(): DeviceHealth {
    return this.#health;
  }

  onHealth(listener: (health: DeviceHealth) => void): Unlisten {
    return this.#changes.add(listener);
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.#start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const off of this.#offs.splice(0)) off();
    await this.service.endSession();
    await this.#pcsc?.close();
    this.#pcsc = null;
  }

  #report(state: DeviceState, fault: DeviceFault | null, detail: string | null): void {
    const h = this.#health;
    if (h.state === state && h.fault === fault && h.detail === detail) return;
    this.#health = { kind: 'cardReader', id: this.id, state, fault, detail, since: this.#now() };
    this.#changes.emit(this.#health);
  }
}
