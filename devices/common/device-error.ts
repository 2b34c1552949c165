/**
 * DeviceError: the one error type the transports and drivers throw. Callers branch on `code`
 * and the flags, never on message text (as node-serialport's errors carry `disconnected`).
 * The codes are spelled as the device contract's fault codes (electron/common/device-contract.ts),
 * so a driver hands them on unchanged.
 */
export const DEVICE_ERROR_CODES = ['disconnected', 'timeout', 'busy', 'protocol_error', 'unavailable'] as const;
export type DeviceErrorCode = (typeof DEVICE_ERROR_CODES)[number];

export class DeviceError extends Error {
  override readonly name = 'DeviceError';
  readonly code: DeviceErrorCode;
  /** True when the link to the device is gone (unplugged, socket closed): reconnecting may help. */
  readonly disconnected: boolean;

  constructor(code: DeviceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.disconnected = code === 'disconnected';
  }
}

export function isDeviceError(error: unknown): error is DeviceError {
  return error instanceof DeviceError;
}

/** Any thrown value as a DeviceError; foreign errors become `fallback` with their message kept. */
export function asDeviceError(error: unknown, fallback: DeviceErrorCode = 'unavailable'): DeviceError {
  if (error instanceof DeviceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeviceError(fallback, message, { cause: error });
}
