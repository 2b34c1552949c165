/** Hall-wide reads, device pairing and staff sessions. */
import { z } from 'zod';
import { DomainError } from '../../common/errors.ts';
import { pairDeviceRequest, staffLoginRequest, emptyRequest } from '../../common/wire.ts';
import { hallConfigResponse, hallSnapshotSchema, pairDeviceResponse, serviceWaitsResponse, staffLoginResponse } from '../../common/hall-responses.ts';
import { COOKIE_ROLES } from '../http/device-cookie.ts';
import { route, type Route } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

/** Where the hall serves its logo. */
const LOGO_PATH = '/api/v1/hall/logo.png';

const ANY_DEVICE = { devices: ['kiosk', 'display', 'counter', 'dashboard', 'rating'] } as const;

export function hallRoutes(deps: RouteDeps): Route[] {
  const { hall, access } = deps;
  return [
    route({
      method: 'GET',
      path: '/api/v1/hall/snapshot',
      operationId: 'getHallSnapshot',
      tag: 'hall',
      logs: [],
      summary: 'Everything a screen needs at once: queues, counters, waiting tickets, recent calls, the stream sequence.',
      access: ANY_DEVICE,
      success: { body: hallSnapshotSchema },
      handler: () => ({ status: 200, body: hall.snapshot() }),
    }),
    route({
      method: 'GET',
      path: '/api/v1/hall/waits',
      operationId: 'getServiceWaits',
      tag: 'hall',
      logs: [],
      summary:
        'The estimated wait of a new ticket in each service now (people ahead, minutes): the kiosk shows it on its queue buttons before a ticket is taken. Small, unlike the snapshot: no ticket is listed.',
      // The kiosk shows it; the dashboard may. Displays and counters have the snapshot, a rating device needs neither.
      access: { devices: ['kiosk', 'dashboard'] },
      success: { body: serviceWaitsResponse },
      handler: () => ({ status: 200, body: hall.serviceWaits() }),
    }),
    route({
      method: 'GET',
      path: '/api/v1/hall/config',
      operationId: 'getHallConfig',
      tag: 'hall',
      logs: [],
      summary: 'The hall, its services, counters, fields, procedures and their e-forms (no secrets).',
      access: ANY_DEVICE,
      success: { body: hallConfigResponse },
      handler: () => {
        const { hall: info, services, counters, fields, procedures, forms, schedule, targets, policy } = hall.config;
        // The rules the terminals apply on their side; retention periods stay on the server.
        const { ratingWindowSeconds, ratingLevels, elderlyAge, priorityRatio, maxDossiersPerTicket } = policy;
        return {
          status: 200,
          body: {
            hall: info,
            services,
            counters,
            fields,
            procedures,
            forms,
            schedule,
            targets,
            policy: { ratingWindowSeconds, ratingLevels, elderlyAge, priorityRatio, maxDossiersPerTicket },
            // What the installer checks on a terminal at pairing (the dashboard shows it).
            caFingerprint: deps.caFingerprint,
            logoUrl: deps.logo ? `${LOGO_PATH}?v=${deps.logo.version}` : null,
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: LOGO_PATH,
      operationId: 'getHallLogo',
      tag: 'hall',
      logs: [],
      summary:
        "The hall's logo (PNG) that the terminals show and the kiosk prints; public, like the hall's name on its door. " +
        'Its URL (getHallConfig logoUrl) carries the version, so it may be kept for a year. NOT_FOUND when the hall has none.',
      access: {},
      query: z.strictObject({
        v: z
          .string()
          .regex(/^[0-9a-f]{8}$/, 'the version in getHallConfig logoUrl')
          .optional(),
      }),
      success: { contentType: 'image/png' },
      handler: () => {
        if (!deps.logo) throw new DomainError('NOT_FOUND', { reason: 'this hall has no logo configured' });
        return {
          status: 200,
          body: null,
          file: { contentType: 'image/png', fileName: 'logo.png', bytes: deps.logo.png, inline: true, cacheControl: 'public, max-age=31536000, immutable' },
        };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/devices/pair',
      operationId: 'pairDevice',
      tag: 'access',
      logs: [],
      logLines: ['device pairing failed', 'device pairing refused before the code was checked'],
      summary:
        "Exchange a one-time pairing code for a device token. A dashboard's token is set as the HttpOnly, SameSite=Strict cookie " +
        '`hall_device` (Secure over HTTPS) and `token` is null: its pages send the cookie, never the token. Wrong codes are limited per client address: after 3, each try waits ' +
        '1, 2, 4 … s (at most 60 s), and the 10th locks the address for an hour (429 TOO_MANY_ATTEMPTS with details.retryAfterMs).',
      access: {},
      success: { body: pairDeviceResponse },
      body: pairDeviceRequest,
      handler: ({ body, clientAddress }) => {
        const { token, device } = access.pair(body.code, deps.deviceTokenDays, clientAddress);
        const view = { id: device.id, role: device.role, name: device.name, counterId: device.counterId };
        // A plain-browser app's token goes in the HttpOnly device cookie only: page script never sees it.
        if (COOKIE_ROLES.has(device.role)) {
          return {
            status: 200,
            body: { token: null, device: view, caFingerprint: deps.caFingerprint },
            deviceCookie: { token, maxAgeSeconds: deps.deviceTokenDays * 86_400 },
          };
        }
        return { status: 200, body: { token, device: view, caFingerprint: deps.caFingerprint } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/sessions',
      operationId: 'staffLogin',
      tag: 'access',
      logs: [],
      logLines: ['staff login failed', 'staff login refused before the PIN was checked', 'staff logins locked after repeated wrong PINs'],
      summary: 'Officer or supervisor login with PIN on a counter or dashboard device.',
      access: { devices: ['counter', 'dashboard'] },
      success: { status: 201, body: staffLoginResponse },
      body: staffLoginRequest,
      handler: async ({ body, caller }) => {
        if (!caller.device) throw new Error('unreachable: device required by the access rule');
        const s = await access.login(caller.device, body.username, body.pin, deps.staffSessionHours);
        return {
          status: 201,
          body: {
            sessionToken: s.token,
            expiresAt: s.expiresAt,
            staff: { id: s.staff.id, displayName: s.staff.displayName, role: s.staff.role },
            counterId: caller.device.counterId,
          },
        };
      },
    }),
    route({
      method: 'DELETE',
      path: '/api/v1/sessions/current',
      operationId: 'staffLogout',
      tag: 'access',
      logs: [],
      summary: 'End the current staff session.',
      access: { devices: ['counter', 'dashboard'], staff: ['officer', 'supervisor', 'admin'] },
      success: { status: 204 },
      body: emptyRequest,
      handler: ({ sessionToken }) => {
        if (sessionToken) access.logout(sessionToken);
        return { status: 204, body: null };
      },
    }),
  ];
}
