/**
 * How the hall server process is started: the node flags of `npm run hall` (package.json), for
 * code that spawns the server itself (`npm start`, the tests and the benchmark); a unit test keeps
 * package.json's script equal to these.
 *
 * - `--max-semi-space-size=32`: a larger young generation makes scavenges inside requests rarer.
 * - `--expose-gc`: the idle-moment collector (electron/server/idle-collector.ts) needs V8's gc().
 * - `--interrupt-budget=8192`: V8 optimises a function once it has executed its budget of
 *   bytecode at least three times (66 KB by default); a hall issues hundreds of tickets a day, and
 *   with the default the code of an issue was still being optimised after 2,500 of them. An eighth
 *   of it tiers the request path up within the first few hundred requests (docs/performance.md,
 *   "Tiering up sooner"; docs/decisions.md).
 */
export const HALL_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--expose-gc', '--interrupt-budget=8192'];

export const HALL_SERVER_ARGS: readonly string[] = [...HALL_NODE_FLAGS, '--import', 'tsx', 'scripts/hall.ts'];
