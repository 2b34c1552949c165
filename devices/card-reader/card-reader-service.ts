/**
 * The CCCD reader service the device manager wires to `pcsc:<reader>` or `sim:card`:
 * readCard(request) → DeviceResult<CardIdentity>, onCardPresence(listener), endSession().
 *
 * A read: access control (PACE-CAN or BAC) → DG1 / DG13 (only the groups asked for) → EF.SOD →
 * DG2 last (the slow one) → passive authentication. When the card is lifted or the SM session
 * breaks, the service reconnects, authenticates again and resumes the file where it stopped
 * (up to `maxAttempts` sessions). Faults are results, never throws (device contract).
 * Privacy: files are wiped at endSession; the report carries counts and times, no personal data.
 */
import type { X509Certificate } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CardChannelFactory } from '../common/card-channel.ts';
import { CardChannelError } from '../common/card-channel.ts';
import type {
  CardDataGroup,
  CardIdentity,
  CardPresence,
  CardReadRequest,
  DeviceFault,
  DeviceResult,
  Unsubscribe,
} from '../../electron/common/device-contract.ts';
import { wipe } from './bytes.ts';
import { CardParseError, CardProtocolError } from './errors.ts';
import { identityForPurpose } from '../../electron/common/card-identity.ts';
import { identityFromChip } from './identity.ts';
import { parseDg1 } from './lds/dg1.ts';
import { parseDg13 } from './lds/dg13.ts';
import { parseDg2 } from './lds/dg2.ts';
import { type PassiveAuthenticationResult, passiveAuthentication } from './passive-authentication.ts';
import { type AccessKey, type AccessResult, establishAccess } from './protocol/access-control.ts';
import { CardSession } from './protocol/card-session.ts';
import { FileNotOnCardError, FileProgress, FileReader } from './protocol/file-reader.ts';
import { LDS_FILES, type LdsFile } from './lds/files.ts';

/** The files a read may ask for, by data-group number, plus the SOD. */
const READ_FILES = { 1: LDS_FILES.dg1, 2: LDS_FILES.dg2, 13: LDS_FILES.dg13, sod: LDS_FILES.sod } as const;

export interface CardPresenceSource {
  onPresence(listener: (presence: CardPresence) => void): Unsubscribe;
}

export interface CardReaderServiceOptions {
  /** CSCA certificates for passive authentication; empty → at best chain_untrusted. */
  readonly trustStore?: readonly X509Certificate[];
  /** Keep DG13 ethnicity and religion (off by default; the kiosk does not need them). */
  readonly includeSensitive?: boolean;
  /** Sessions per read before giving up (default 3). */
  readonly maxAttempts?: number;
  /** Plaintext bytes per READ BINARY with extended length. */
  readonly extendedChunk?: number;
  readonly presence?: CardPresenceSource;
}

/** What the last read cost; no personal data. */
export interface CardReadReport {
  readonly protocol: AccessResult['protocol'] | null;
  readonly cipher: '3des' | 'aes' | null;
  readonly extendedLength: boolean;
  readonly apduCount: number;
  readonly sessions: number;
  readonly fileBytes: Readonly<Record<string, number>>;
  /** APDUs per phase: "access" and one entry per file, summed over sessions. */
  readonly apdusByPhase: Readonly<Record<string, number>>;
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly passiveAuthentication: PassiveAuthenticationResult | null;
}

export interface CardReaderService {
  readCard(request: CardReadRequest): Promise<DeviceResult<CardIdentity>>;
  onCardPresence(listener: (presence: CardPresence) => void): Unsubscribe;
  endSession(): Promise<void>;
  /** Report of the last readCard, for the CLI, the benchmark and logs. */
  lastReport(): CardReadReport | null;
}

function accessKeyOf(request: CardReadRequest): AccessKey | string {
  const k = request.key;
  if (k.kind === 'can') return /^\d{6}$/.test(k.can) ? { kind: 'can', can: k.can } : 'the CAN must be 6 digits';
  // The kiosk's device side puts the key it scanned in its place (devices/terminal/card-back-mrz.ts).
  if (k.kind === 'scanned-mrz') return 'no MRZ key was scanned from the card back';
  const ok = /^[0-9A-Z<]{1,20}$/.test(k.documentNumber) && /^\d{6}$/.test(k.dateOfBirth) && /^\d{6}$/.test(k.dateOfExpiry);
  return ok ? { kind: 'mrz', key: k } : 'the MRZ key needs a document number and two YYMMDD dates';
}

const fault = (code: DeviceFault, detail: string): DeviceResult<CardIdentity> => ({ ok: false, fault: code, detail });

export function createCardReaderService(channelFactory: CardChannelFactory, options: CardReaderServiceOptions = {}): CardReaderService {
  const held: Uint8Array[] = [];
  let report: CardReadReport | null = null;

  async function readCard(request: CardReadRequest): Promise<DeviceResult<CardIdentity>> {
    const key = accessKeyOf(request);
    if (typeof key === 'string') return fault(request.key.kind === 'can' ? 'wrong_can' : 'access_denied', key);
    const groups = [...new Set(request.dataGroups)].sort((a, b) => (a === 2 ? 1 : b === 2 ? -1 : a - b)) as CardDataGroup[];
    const wanted: LdsFile[] = [...groups.filter((g) => g !== 2).map((g) => READ_FILES[g]), READ_FILES.sod, ...(groups.includes(2) ? [READ_FILES[2]] : [])];
    const progress = new Map(wanted.map((f) => [f.name, new FileProgress(f)]));
    const timings: Record<string, number> = {};
    const apdus: Record<string, number> = {};
    const countApdus = (phase: string, n: number): void => {
      apdus[phase] = (apdus[phase] ?? 0) + n;
    };
    const started = performance.now();
    let apduCount = 0;
    let sessions = 0;
    let access: AccessResult | null = null;
    let cipher: '3des' | 'aes' | null = null;
    let extended = false;
    let reader: FileReader | null = null;
    const maxAttempts = options.maxAttempts ?? 3;
    const missing = new Set<string>();

    for (;;) {
      let session: CardSession | null = null;
      try {
        sessions++;
        session = new CardSession(await channelFactory());
        extended = session.channel.extendedLength;
        reader ??= new FileReader(extended, options.extendedChunk);
        reader.newSession();
        const t0 = performance.now();
        access = await establishAccess(session, key);
        countApdus('access', session.apduCount);
        cipher = session.cipher;
        timings[`access${sessions > 1 ? `#${sessions}` : ''}`] = performance.now() - t0;
        for (const file of wanted) {
          const p = progress.get(file.name)!;
          if (p.complete || missing.has(file.name)) continue;
          const t1 = performance.now();
          const before = session.apduCount;
          try {
            await reader.read(session, p);
          } catch (e) {
            if (!(e instanceof FileNotOnCardError)) throw e;
            missing.add(file.name);
          } finally {
            countApdus(file.name, session.apduCount - before);
          }
          timings[file.name] = (timings[file.name] ?? 0) + performance.now() - t1;
        }
        apduCount += session.apduCount;
        await session.close();
        break;
      } catch (e) {
        apduCount += session?.apduCount ?? 0;
        await session?.close();
        const retry =
          (e instanceof CardChannelError && (e.cardRemoved || e.cardAbsent)) || (e instanceof CardProtocolError && e.code === 'sm_error' && access !== null);
        if (retry && sessions < maxAttempts) continue;
        report = {
          protocol: access?.protocol ?? null,
          cipher,
          extendedLength: extended,
          apduCount,
          sessions,
          fileBytes: {},
          apdusByPhase: apdus,
          timingsMs: timings,
          passiveAuthentication: null,
        };
        return faultOf(e, key);
      }
    }

    const bytes = new Map<string, Uint8Array>();
    for (const [name, p] of progress)
      if (p.complete && p.buffer !== null) {
        bytes.set(name, p.buffer);
        held.push(p.buffer);
      }
    const tPa = performance.now();
    const dgBytes = new Map<number, Uint8Array>();
    for (const g of groups) {
      const b = bytes.get(READ_FILES[g].name);
      if (b !== undefined) dgBytes.set(g, b);
    }
    const sod = bytes.get('EF.SOD');
    const pa = sod === undefined ? null : passiveAuthentication(sod, dgBytes, options.trustStore ?? []);
    timings['passiveAuthentication'] = performance.now() - tPa;
    timings['total'] = performance.now() - started;
    report = {
      protocol: access?.protocol ?? null,
      cipher,
      extendedLength: extended,
      apduCount,
      sessions,
      fileBytes: Object.fromEntries([...bytes].map(([n, b]) => [n, b.length])),
      apdusByPhase: apdus,
      timingsMs: timings,
      passiveAuthentication: pa,
    };
    try {
      const dg13Bytes = bytes.get('DG13');
      const dg1Bytes = bytes.get('DG1');
      const dg2Bytes = bytes.get('DG2');
      const photo = dg2Bytes === undefined ? null : parseDg2(dg2Bytes).jpeg;
      if (photo !== null) held.push(photo);
      const identity = identityFromChip(
        dg13Bytes === undefined ? null : parseDg13(dg13Bytes, { includeSensitive: options.includeSensitive ?? false }),
        dg1Bytes === undefined ? null : parseDg1(dg1Bytes),
        photo,
        pa === null ? 'failed' : pa.status,
        sod !== undefined && dg1Bytes !== undefined ? { sod: base64(sod), dg1: base64(dg1Bytes) } : null,
      );
      if (identity === null) return fault('card_unsupported', 'neither DG1 nor DG13 was read; ask for data group 1 or 13');
      return { ok: true, value: identityForPurpose(identity, request.purpose ?? 'identify') };
    } catch (e) {
      if (e instanceof CardParseError) return fault('protocol_error', `card data is malformed: ${e.message}`);
      throw e;
    }
  }

  function base64(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }

  function faultOf(e: unknown, key: AccessKey): DeviceResult<CardIdentity> {
    if (e instanceof CardChannelError) {
      if (e.cardRemoved || e.cardAbsent) return fault('card_removed', e.message);
      if (e.busy) return fault('busy', e.message);
      return fault('disconnected', e.message);
    }
    if (e instanceof CardProtocolError) {
      if (e.code === 'access_denied') return fault(key.kind === 'can' ? 'wrong_can' : 'access_denied', e.message);
      if (e.code === 'unsupported') return fault('card_unsupported', e.message);
      return fault('protocol_error', e.message);
    }
    if (e instanceof CardParseError) return fault('protocol_error', e.message);
    return fault('protocol_error', e instanceof Error ? e.message : String(e));
  }

  return {
    readCard,
    onCardPresence(listener) {
      return options.presence?.onPresence(listener) ?? (() => undefined);
    },
    async endSession() {
      for (const b of held.splice(0)) wipe(b);
      report = null;
    },
    lastReport: () => report,
  };
}
