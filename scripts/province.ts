/** Entry of `npm run province`: see electron/province/cli.ts. */
import { main } from '../electron/province/cli.ts';

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
