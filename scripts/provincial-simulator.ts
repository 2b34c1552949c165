/**
 * The provincial one-stop system simulator on its own (scripts/provincial/simulator.ts):
 *   node --import tsx scripts/provincial-simulator.ts [--port 8090] [--host 127.0.0.1]
 *        [--token-env PROVINCIAL_TOKEN] [--site kiosk-config/sites/demo-hall] [--seed-demo]
 *        [--fault reset|error|timeout|slow|duplicate|drop]… [--fault-rate 0.3] [--slow-ms 500]
 * The accepted bearer token is read from the environment variable --token-env names (the one the
 * hall's provincial.auth.tokenEnv names). Loopback only. Faults can also be changed while it runs:
 * POST /_sim/faults {"faults": ["error"], "rate": 0.5}; GET /_sim/received lists what arrived.
 */
import { parseArgs } from 'node:util';
import { loadSite } from '../kiosk-config/load-site.ts';
import { seedDemo } from './provincial/demo-data.ts';
import { ProvincialSimulator, SIMULATOR_FAULTS, type SimulatorFault } from './provincial/simulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    'token-env': { type: 'string', default: 'PROVINCIAL_TOKEN' },
    site: { type: 'string', default: 'kiosk-config/sites/demo-hall' },
    'seed-demo': { type: 'boolean', default: false },
    fault: { type: 'string', multiple: true, default: [] },
    'fault-rate': { type: 'string', default: '1' },
    'slow-ms': { type: 'string', default: '500' },
  },
});

function fail(message: string): never {
  process.stderr.write(`provincial-simulator: ${message}\n`);
  process.exit(2);
}

const token = process.env[values['token-env']];
if (!token) fail(`set the environment variable ${values['token-env']} to the token the hall sends`);
const faults = values.fault as string[];
for (const f of faults) if (!SIMULATOR_FAULTS.includes(f as SimulatorFault)) fail(`--fault ${f}: use one of ${SIMULATOR_FAULTS.join(', ')}`);
const rate = Number(values['fault-rate']);
if (!(rate >= 0 && rate <= 1)) fail('--fault-rate must be between 0 and 1');

const sim = await ProvincialSimulator.start({ token, port: Number(values.port), host: values.host, slowMs: Number(values['slow-ms']) });
sim.setFaults(faults as SimulatorFault[], rate);
process.stdout.write(`provincial simulator listening on ${sim.url}\n`);
if (values['seed-demo']) {
  const seeded = seedDemo(sim, loadSite(values.site));
  process.stdout.write(`  dossiers: ${seeded.dossiers.map((d) => `${d.code} (${d.state})`).join(', ')}\n`);
  process.stdout.write(`  appointments today (QR "HEN:<code>"): ${seeded.appointments.map((a) => `${a.code} at ${a.slot}`).join(', ')}\n`);
}
const stop = (): void => void sim.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
