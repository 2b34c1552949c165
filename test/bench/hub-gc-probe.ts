/**
 * Preloaded into the province benchmark's hub process (`node --expose-gc --import tsx --import
 * ./test/bench/hub-gc-probe.ts …`), never into a real hub: on SIGUSR2 it runs a full garbage
 * collection and prints the process's memory figures as one line on stdout,
 *   gc-probe {"rssMb":…,"heapUsedMb":…,"heapTotalMb":…,"externalMb":…}
 * so the benchmark can tell memory the hub holds from garbage not yet collected.
 */
const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.stdout.write(
    `gc-probe ${JSON.stringify({ rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) })}\n`,
  );
});
