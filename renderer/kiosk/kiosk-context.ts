/** The kiosk's device context (typed key): the kiosk's RoleDevices member, or null in a plain browser. */
import type { KioskDevices } from '../../electron/common/device-contract.ts';
import { devicesContext } from '../shared/app-context.ts';

export const [getKioskDevices, setKioskDevices] = devicesContext<KioskDevices>();
