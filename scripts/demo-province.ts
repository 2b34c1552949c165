/**
 * The province part of `npm start -- --province` (scripts/demo-hall.ts calls it before the demo
 * hall starts):
 *   1. a throwaway PostgreSQL cluster (scripts/pg-cluster.ts) with a `province` database;
 *   2. a province hub (electron/province) on PROVINCE_PORT (default 8090) serving the province
 *      dashboard from dist/renderer, and a supervisor account with a fresh PIN;
 *   3. a month of history from simulated halls (the hall's own engine, delivered through the
 *      ingest API: `npm run province -- simulate`), so the 766 ranking and QĐ 468 have figures;
 *   4. two more demo halls in this process (the demo site under other ids, SQLite files under
 *      var/demo/province/) delivering their event logs to the hub, with paced traffic
 *      (demo-province-traffic.ts); the demo hall of `npm start` is enrolled too and delivers as well.
 * `stop()` stops all of it and removes the cluster; it also runs when the process exits.
 */
import { randomInt } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { HallConfig } from '../electron/common/hall-config.ts';
import { addSupervisor, enrollHall } from '../electron/province/credentials.ts';
import { startHub, type Hub } from '../electron/province/hub.ts';
import { runSimulation } from '../electron/province/simulate.ts';
import { createHallServer, type HallServer } from '../electron/server/hall-server.ts';
import { createRootLogger } from '../electron/server/logger.ts';
import { loadSite, withOpenAllHours } from '../kiosk-config/load-site.ts';
import { DemoHallTraffic } from './demo-province-traffic.ts';
import { startCluster, type PgCluster } from './pg-cluster.ts';

const DEMO_SITE = 'kiosk-config/sites/demo-hall';
const HALLS_DIR = join('var', 'demo', 'province');
export const SUPERVISOR_USERNAME = 'giam-sat-tinh';

/** The extra live halls: the demo site under another id, name, district and level. */
const EXTRA_HALLS = [
  { id: 'phuong-hai-chau', vi: 'Bộ phận Một cửa phường Hải Châu', en: 'Hai Chau Ward one-stop', district: 'kv-02', level: 'central_city' },
  { id: 'xa-hoa-vang', vi: 'Bộ phận Một cửa xã Hòa Vang', en: 'Hoa Vang Commune one-stop', district: 'kv-03', level: 'rural' },
] as const;

export interface ProvinceDemo {
  readonly hubUrl: string;
  readonly supervisor: { readonly username: string; readonly pin: string };
  /** The credential the demo hall of `npm start` delivers with (PROVINCE_HUB_TOKEN). */
  readonly demoHallToken: string;
  readonly liveHalls: readonly string[];
  stop(): Promise<void>;
}

export interface ProvinceDemoOptions {
  readonly port: number;
  readonly host: string;
  readonly staticDir: string;
  /** Simulated halls whose last 30 days are delivered first. */
  readonly historyHalls: number;
  readonly progress: (line: string) => void;
  /** Where the extra halls' SQLite files go (emptied first); default var/demo/province. */
  readonly hallsDir?: string;
}

/** The demo site as another hall delivering to the hub; without the provincial one-stop link (the demo hall of npm start has it). */
function extraConfig(base: HallConfig, hall: (typeof EXTRA_HALLS)[number], hubUrl: string): HallConfig {
  const { provincial: _onlyTheDemoHall, ...rest } = base;
  return {
    ...rest,
    hall: { ...base.hall, id: hall.id, name: { vi: hall.vi, en: hall.en } },
    targets: { ...base.targets, level: hall.level },
    provinceHub: { baseUrl: hubUrl, tokenEnv: 'PROVINCE_HUB_TOKEN', district: hall.district, batchSize: 500, timeoutMs: 10_000 },
  };
}

export async function startProvinceDemo(o: ProvinceDemoOptions): Promise<ProvinceDemo> {
  o.progress('Province: starting a throwaway PostgreSQL cluster…');
  const cluster: PgCluster = await startCluster();
  let stopped = false;
  const removeCluster = (): void => {
    if (!stopped) {
      stopped = true;
      cluster.stop();
    }
  };
  // A crash or an exit without stop() still removes the cluster (stop is synchronous).
  process.once('exit', removeCluster);
  let hub: Hub | null = null;
  const halls: HallServer[] = [];
  const traffic: DemoHallTraffic[] = [];
  const stop = async (): Promise<void> => {
    for (const t of traffic) t.stop();
    for (const h of halls) await h.close().catch(() => undefined);
    await hub?.close().catch(() => undefined);
    removeCluster();
  };
  try {
    const admin = new pg.Client(cluster.url);
    await admin.connect();
    await admin.query('CREATE DATABASE province');
    await admin.end();
    const databaseUrl = cluster.urlOf('province');
    hub = await startHub({ databaseUrl, port: o.port, host: o.host, staticDir: o.staticDir, logLevel: 'warn' });
    const pin = String(randomInt(10_000_000, 100_000_000));
    await addSupervisor(hub.pool, {
      username: SUPERVISOR_USERNAME,
      displayName: 'Giám sát Trung tâm Phục vụ hành chính công tỉnh',
      pin,
      scope: 'province',
      district: null,
    });

    if (o.historyHalls > 0) {
      o.progress(`Province: delivering 30 days of ${o.historyHalls} simulated halls through the ingest API…`);
      await runSimulation({
        databaseUrl,
        halls: o.historyHalls,
        days: 30,
        hubUrl: hub.url,
        seed: 1,
        concurrency: 2,
        progress: (line) => o.progress(`  ${line}`),
      });
    }

    const site = loadSite(DEMO_SITE);
    const demoHallToken = await enrollHall(hub.pool, { id: site.hall.id, name: site.hall.name.vi, district: 'kv-01' });
    const hallsDir = o.hallsDir ?? HALLS_DIR;
    rmSync(hallsDir, { recursive: true, force: true });
    mkdirSync(hallsDir, { recursive: true });
    const base = withOpenAllHours(site);
    for (const extra of EXTRA_HALLS) {
      const token = await enrollHall(hub.pool, { id: extra.id, name: extra.vi, district: extra.district });
      const server = createHallServer({
        dbPath: join(hallsDir, `${extra.id}.db`),
        config: extraConfig(base, extra, hub.url),
        log: createRootLogger('warn'),
        provincial: { env: {} },
        provinceHub: { baseUrl: hub.url, token },
      });
      halls.push(server);
      const url = await server.listen(0, '127.0.0.1');
      traffic.push(
        await DemoHallTraffic.start(server, url, [
          { id: 'quay-1', serviceId: 'ho-tich' },
          { id: 'quay-2', serviceId: 'chung-thuc' },
        ]),
      );
    }
    return {
      hubUrl: hub.url,
      supervisor: { username: SUPERVISOR_USERNAME, pin },
      demoHallToken,
      liveHalls: [site.hall.id, ...EXTRA_HALLS.map((h) => h.id)],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
