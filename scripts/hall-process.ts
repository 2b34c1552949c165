/**
 * How the hall server process is started: the node flags of `npm run hall` (package.json), for
 * code that spawns the server itself (`npm start`, the tests and the benchmark). A larger young
 * generation makes scavenges inside requests rarer (docs/performance.md).
 */
export const HALL_SERVER_ARGS: readonly string[] = ['--max-semi-space-size=32', '--expose-gc', '--import', 'tsx', 'scripts/hall.ts'];
