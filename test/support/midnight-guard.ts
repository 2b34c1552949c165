/**
 * The browser journeys run the demo hall on the real clock, open 00:00–23:59 in the hall's time
 * zone, and a business day ends at midnight (numbers restart, open tickets close). A journey that
 * crossed midnight would fail for that reason alone, so a journey that would start within
 * `guardMs` of midnight waits until just after it, and says so.
 */
import { localParts } from '../../electron/core/business-time.ts';

const DAY_MS = 86_400_000;
/** The journeys take under a minute each; the hall closes at 23:59. */
export const MIDNIGHT_GUARD_MS = 4 * 60_000;
const PAST_MIDNIGHT_MS = 5_000;

/** How long to wait at `now` so that the next `guardMs` do not cross midnight in `timeZone` (0 = go). */
export function msToClearMidnight(now: number, timeZone: string, guardMs = MIDNIGHT_GUARD_MS): number {
  const p = localParts(now, timeZone);
  const sinceMidnight = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (now % 1000);
  const toMidnight = DAY_MS - sinceMidnight;
  return toMidnight <= guardMs ? toMidnight + PAST_MIDNIGHT_MS : 0;
}

export async function waitClearOfMidnight(
  timeZone: string,
  now: () => number = Date.now,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<void> {
  const wait = msToClearMidnight(now(), timeZone);
  if (wait === 0) return;
  log(`midnight in the hall's time zone is ${Math.round(wait / 1000)} s away: waiting for the new business day before starting the journey`);
  await new Promise((resolve) => setTimeout(resolve, wait));
}
