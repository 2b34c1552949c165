/**
 * The role's device API as main serves it: identity and token (enrolment) from the token store,
 * everything else from the device manager. Enrolment: until a token is saved, terminalInfo
 * answers `deviceToken: null` and the renderer shows the pairing-code screen; it exchanges the
 * code with the hall server (pairDevice) and hands the token to saveDeviceToken, which checks
 * its shape, persists it and tells the app (which then starts reporting device health).
 */
import type { CardReadRequest, DocumentScanRequest, TerminalInfo, TerminalRole, TicketPrintJob } from '../common/device-contract.ts';
import type { DeviceManagerPort } from './device-port.ts';
import type { RoleHandlers } from './device-bridge.ts';

export interface RoleHandlerDeps {
  readonly role: TerminalRole;
  readonly counterId: string | null;
  readonly tokens: { read(): string | null; save(token: string): void };
  readonly devices: DeviceManagerPort;
  readonly onEnrolled: (token: string) => void;
}

/** Longest rating window a counter may open, in seconds. */
export const MAX_RATING_WINDOW_SECONDS = 600;

function requireObject(value: unknown, what: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${what} must be an object`);
}

export function roleHandlers(deps: RoleHandlerDeps): RoleHandlers {
  const { devices } = deps;
  const common: RoleHandlers = {
    terminalInfo: async (): Promise<TerminalInfo> => ({ role: deps.role, counterId: deps.counterId, deviceToken: deps.tokens.read() }),
    saveDeviceToken: async (token: unknown) => {
      if (typeof token !== 'string') throw new TypeError('the device token must be a string');
      deps.tokens.save(token);
      deps.onEnrolled(token);
    },
    health: async () => devices.health(),
  };
  switch (deps.role) {
    case 'display':
      return common;
    case 'kiosk':
      return {
        ...common,
        printTicket: async (job: unknown) => {
          requireObject(job, 'the print job');
          return devices.printTicket(job as TicketPrintJob);
        },
        printerStatus: async () => devices.printerStatus(),
        readCard: async (request: unknown) => {
          requireObject(request, 'the card read request');
          return devices.readCard(request as CardReadRequest);
        },
        scanCardBack: async () => devices.scanCardBack(),
        scanDocument: async (request: unknown) => {
          requireObject(request, 'the document scan request');
          return devices.scanDocument(request as DocumentScanRequest);
        },
        endSession: async () => devices.endSession(),
      };
    case 'counter':
      return {
        ...common,
        openRatingWindow: async (seconds: unknown) => {
          if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_RATING_WINDOW_SECONDS) {
            throw new RangeError(`the rating window must be a whole number of seconds from 1 to ${MAX_RATING_WINDOW_SECONDS}`);
          }
          return devices.openRatingWindow(seconds);
        },
        closeRatingWindow: async () => devices.closeRatingWindow(),
        scanDocument: async (request: unknown) => {
          requireObject(request, 'the document scan request');
          return devices.scanDocument(request as DocumentScanRequest);
        },
      };
  }
}
