/**
 * Live supervision: today's KPIs, active alerts and staffing advice (server/live-kpis.ts). The
 * stream pushes the same KPIs (`kpis.updated`) and alerts (`alert`); these routes give a screen
 * its starting point.
 */
import { route, type Route } from '../http/route.ts';
import type { LiveKpis } from '../live-kpis.ts';

const SUPERVISION = { devices: ['dashboard'] } as const;

export function liveRoutes(live: LiveKpis): Route[] {
  return [
    route({
      method: 'GET', path: '/api/v1/kpis/today', operationId: 'getTodayKpis', tag: 'reports',
      summary: "Today's KPIs, hall-wide and by service: the body of the stream's kpis.updated message.",
      access: { devices: ['dashboard', 'display'] },
      handler: () => ({ status: 200, body: live.today() }),
    }),
    route({
      method: 'GET', path: '/api/v1/alerts', operationId: 'getAlerts', tag: 'reports',
      summary: 'Active alerts, newest first: projected_wait (a new ticket projected over the wait target), ' +
        'satisfaction_low (the last 20 ratings under the satisfaction target), counter_idle (an open counter not calling while its queue waits).',
      access: SUPERVISION,
      handler: () => {
        live.checkIdleCounters();
        return { status: 200, body: { alerts: live.alerts() } };
      },
    }),
    route({
      method: 'GET', path: '/api/v1/staffing', operationId: 'getStaffingAdvice', tag: 'reports',
      summary: 'Counters each service needs this hour for its mean wait to stay within target (Erlang C, M/M/c), ' +
        'from arrivals forecast by weekday × hour over the last 8 weeks and recent service times; e.g. "Mở thêm 1 quầy cho Đất đai".',
      access: SUPERVISION,
      handler: () => ({ status: 200, body: live.staffing() }),
    }),
  ];
}
