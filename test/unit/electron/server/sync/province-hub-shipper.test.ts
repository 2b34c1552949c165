/**
 * Which province hub delivery a hall gets: none without a hub, none (with a warning naming the
 * variable, never its value) when the configured hub's credential is missing from the environment,
 * a shipper when the credential is there or the hub is given directly.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { HallConfig } from '../../../../../electron/common/hall-config.ts';
import { provinceHubSchema } from '../../../../../electron/common/hall-config.ts';
import { EventLogShipper } from '../../../../../electron/server/sync/event-log-shipper.ts';
import { provinceHubShipper } from '../../../../../electron/server/sync/province-hub-shipper.ts';
import { openHallDatabase, type HallDatabase } from '../../../../../electron/store/open-database.ts';
import { capturedLog } from '../../../../support/captured-log.ts';
import { openDemoHall, tempDir } from '../../../../support/hall-server.ts';

const TOKEN = 'hub-secret-4f1c9a';

describe('provinceHubShipper', () => {
  const tmp = tempDir();
  let db: HallDatabase;
  const plain = openDemoHall();
  const withHub: HallConfig = { ...plain, provinceHub: provinceHubSchema.parse({ baseUrl: 'https://tinh.example.gov.vn/hub', tokenEnv: 'HUB_TOKEN' }) };

  before(() => {
    db = openHallDatabase(join(tmp.dir, 'hall.db'));
  });
  after(() => {
    db.close();
    tmp.cleanup();
  });

  test('no hub configured or given: none, and nothing logged', () => {
    const logged = capturedLog();
    assert.equal(provinceHubShipper({ config: { ...plain, provinceHub: undefined }, env: { HUB_TOKEN: TOKEN }, db, log: logged.log }), null);
    assert.equal(logged.lines().length, 0);
  });

  test('a configured hub whose credential is not in the environment: none, with a warning naming the variable', () => {
    for (const env of [{}, { HUB_TOKEN: '' }]) {
      const logged = capturedLog();
      assert.equal(provinceHubShipper({ config: withHub, env, db, log: logged.log }), null);
      const [line] = logged.lines();
      assert.equal(line?.level, 40);
      assert.equal(line?.tokenEnv, 'HUB_TOKEN');
    }
  });

  test('a configured hub with its credential: a shipper, and the credential is not logged', () => {
    const logged = capturedLog();
    const shipper = provinceHubShipper({ config: withHub, env: { HUB_TOKEN: TOKEN }, db, log: logged.log });
    assert.ok(shipper instanceof EventLogShipper);
    assert.equal(shipper.status().hubHead, 0, 'not started: nothing delivered yet');
    assert.ok(!logged.text().includes(TOKEN));
  });

  test('a hub given directly needs neither the configuration nor the environment', () => {
    const shipper = provinceHubShipper({
      config: plain,
      connection: { baseUrl: 'http://127.0.0.1:9/hub', token: TOKEN, pollMs: 50 },
      env: {},
      db,
      log: capturedLog().log,
    });
    assert.ok(shipper instanceof EventLogShipper);
  });
});
