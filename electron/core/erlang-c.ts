/**
 * Erlang C (M/M/c queue): Poisson arrivals at rate λ, exponential service at rate μ per server,
 * c identical servers, one FIFO queue. Pure math, no units assumed beyond "the same time unit
 * for λ and μ" (the staffing advice uses minutes).
 *
 *   a = λ / μ                     offered load (Erlangs)
 *   ρ = a / c                     utilisation; the queue is stable only when ρ < 1
 *   B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1))          Erlang B by recursion (no factorials)
 *   C(c, a) = c·B(c) / (c − a·(1 − B(c)))              probability that an arrival waits
 *   Wq = C(c, a) / (c·μ − λ)                            mean wait in the queue
 */

/** Probability that an arrival has to wait; 1 when the queue is unstable (a ≥ c). */
export function erlangC(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`servers must be a whole number ≥ 1, got ${servers}`);
  if (!(offeredLoad >= 0) || !Number.isFinite(offeredLoad)) throw new RangeError(`offered load must be a finite number ≥ 0, got ${offeredLoad}`);
  if (offeredLoad === 0) return 0;
  if (offeredLoad >= servers) return 1;
  let b = 1;
  for (let k = 1; k <= servers; k += 1) b = (offeredLoad * b) / (k + offeredLoad * b);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/**
 * Mean wait in the queue (same unit as 1/λ), or Infinity when the queue is unstable.
 * `arrivalRate` λ and `meanServiceTime` 1/μ in the same time unit.
 */
export function meanWait(servers: number, arrivalRate: number, meanServiceTime: number): number {
  if (!(meanServiceTime > 0)) throw new RangeError(`mean service time must be > 0, got ${meanServiceTime}`);
  if (arrivalRate === 0) return 0;
  const mu = 1 / meanServiceTime;
  const a = arrivalRate * meanServiceTime;
  if (a >= servers) return Infinity;
  return erlangC(servers, a) / (servers * mu - arrivalRate);
}

/** Fewest servers whose mean wait stays within `targetWait` (0 when nobody arrives). */
export function serversNeeded(arrivalRate: number, meanServiceTime: number, targetWait: number, maxServers = 200): number {
  if (arrivalRate === 0) return 0;
  const start = Math.max(1, Math.floor(arrivalRate * meanServiceTime) + 1);
  for (let c = start; c <= maxServers; c += 1) {
    if (meanWait(c, arrivalRate, meanServiceTime) <= targetWait) return c;
  }
  return maxServers;
}
