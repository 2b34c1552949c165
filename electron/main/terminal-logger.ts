/**
 * The terminal's structured log (pino) into a rotated file, one namespaced child per module.
 * Never personal data: the device bridge logs method names and fault codes, never arguments or
 * results; as a second line of defence the fields that could carry card, scan or token data are
 * redacted wherever they appear (R2.4: never write CCCD data to application logs).
 */
import { pino } from 'pino';
import type { RotatingFile } from './rotating-file.ts';

export type TerminalLogger = pino.Logger;

/** Field names that may hold personal data or secrets, at any of the first three levels. */
export const REDACTED_FIELDS = [
  'idNumber',
  'oldIdNumber',
  'fullName',
  'dateOfBirth',
  'dateOfExpiry',
  'dateOfIssue',
  'placeOfOrigin',
  'placeOfResidence',
  'photoJpeg',
  'can',
  'documentNumber',
  'text',
  'token',
  'deviceToken',
  'args',
  'value',
] as const;

function redactPaths(): string[] {
  return REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
}

export function createTerminalLogger(file: Pick<RotatingFile, 'write'>, level = 'info', base: Record<string, unknown> = {}): TerminalLogger {
  return pino(
    { level, base: { app: 'hall-terminal', ...base }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: redactPaths(), censor: '[redacted]' } },
    { write: (line: string) => file.write(line) },
  );
}
