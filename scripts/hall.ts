/** Entry of `npm run hall`: see electron/server/cli.ts. */
import { main } from '../electron/server/cli.ts';

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
