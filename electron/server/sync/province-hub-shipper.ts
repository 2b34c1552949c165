/**
 * The event log's delivery to the province hub (event-log-shipper.ts), built from the hall
 * configuration's `provinceHub` section, or from a connection given directly (tests and
 * `npm start -- --province`), which overrides it. The credential comes from the environment
 * variable the configuration names, never from the JSON file, and is never logged (only the
 * variable's name is).
 */
import type { HallConfig } from '../../common/hall-config.ts';
import type { HallDatabase } from '../../store/open-database.ts';
import type { Logger } from '../logger.ts';
import { EventLogShipper } from './event-log-shipper.ts';
import { httpHubTransport } from './hub-transport.ts';

/** A province hub given directly: its URL and credential, and the shipper's timers (tests shorten them). */
export interface ProvinceHubConnection {
  readonly baseUrl: string;
  readonly token: string;
  readonly batchSize?: number;
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
}

export interface ProvinceHubShipperInput {
  readonly config: HallConfig;
  /** Overrides the configuration's hub (URL, credential, batch size). */
  readonly connection?: ProvinceHubConnection | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly db: HallDatabase;
  readonly log: Logger;
}

/**
 * The shipper, not yet started; null when no hub is configured, or when one is but its credential
 * is missing from the environment (logged as a warning: the event log is then not delivered).
 */
export function provinceHubShipper({ config, connection, env, db, log }: ProvinceHubShipperInput): EventLogShipper | null {
  const configured = config.provinceHub;
  const token = connection?.token ?? (configured ? env[configured.tokenEnv] : undefined);
  const baseUrl = connection?.baseUrl ?? configured?.baseUrl;
  if (!baseUrl) return null;
  if (!token) {
    log.warn({ tokenEnv: configured?.tokenEnv }, 'province hub configured without its credential in the environment; the event log is not delivered');
    return null;
  }
  return new EventLogShipper({
    db,
    transport: httpHubTransport({ baseUrl, token, timeoutMs: configured?.timeoutMs ?? 10_000 }),
    hall: {
      id: config.hall.id,
      name: config.hall.name.vi,
      district: configured?.district ?? null,
      level: config.targets.level,
      timeZone: config.schedule.timeZone,
      targets: { waitMinutes: config.targets.waitMinutes, serviceMinutes: config.targets.serviceMinutes, satisfactionPct: config.targets.satisfactionPct },
    },
    batchSize: connection?.batchSize ?? configured?.batchSize ?? 500,
    log,
    ...(connection?.pollMs === undefined ? {} : { pollMs: connection.pollMs }),
    ...(connection?.heartbeatMs === undefined ? {} : { heartbeatMs: connection.heartbeatMs }),
  });
}
