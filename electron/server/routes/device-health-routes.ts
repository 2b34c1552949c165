/**
 * Device health (device-health-wire.ts): terminals report their devices, the dashboard reads the
 * board. A terminal reports only for itself: the device is the caller's token, never a parameter.
 */
import { reportDeviceHealthRequest } from '../../common/device-health-wire.ts';
import { devicesHealthResponse } from '../../common/hall-responses.ts';
import type { Access } from '../access.ts';
import type { DeviceHealthBoard } from '../device-health-board.ts';
import { route, type Route } from '../http/route.ts';

export function deviceHealthRoutes(board: DeviceHealthBoard, access: Access): Route[] {
  return [
    route({
      method: 'PUT',
      path: '/api/v1/devices/self/health',
      operationId: 'reportDeviceHealth',
      tag: 'devices',
      logs: [],
      summary:
        'A kiosk, counter or display terminal reports the health of all its devices (on every change and every 30 s). Body { devices: DeviceHealth[] }, at most 16.',
      access: { devices: ['kiosk', 'counter', 'display'] },
      success: { status: 204 },
      body: reportDeviceHealthRequest,
      handler: ({ body, caller }) => {
        if (caller.device === null) throw new Error('the access rule admits devices only');
        board.report(caller.device.id, body.devices);
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/devices/health',
      operationId: 'getDevicesHealth',
      tag: 'devices',
      logs: [],
      summary: "Every enrolled terminal with its devices' last reported health; silent terminals (no report for 90 s) are marked.",
      access: { devices: ['dashboard'] },
      success: { body: devicesHealthResponse },
      handler: () => ({ status: 200, body: board.view(access.devices()) }),
    }),
  ];
}
