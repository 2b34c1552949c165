/**
 * Live supervision: today's KPIs, active alerts, staffing advice and kiosk help requests
 * (server/live-kpis.ts). The
 * stream pushes the same KPIs (`kpis.updated`) and alerts (`alert`); these routes give a screen
 * its starting point.
 */
import { DomainError } from '../../common/errors.ts';
import {
  acknowledgeAlertResponse,
  alertsResponse,
  helpRequestedResponse,
  helpRequestsResponse,
  helpResolvedResponse,
  staffingResponse,
  todayKpisResponse,
  todayTimelineResponse,
} from '../../common/hall-responses.ts';
import { emptyRequest } from '../../common/wire.ts';
import { route, type Route } from '../http/route.ts';
import type { LiveKpis } from '../live-kpis.ts';

const SUPERVISION = { devices: ['dashboard'] } as const;
/** Who answers a kiosk's call for help: the dashboards, and the counters (officers on the floor). */
const HELP_DESK = { devices: ['dashboard', 'counter'] } as const;

export function liveRoutes(live: LiveKpis): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/kpis/today',
      operationId: 'getTodayKpis',
      tag: 'reports',
      logs: [],
      summary: "Today's KPIs, hall-wide and by service: the body of the stream's kpis.updated message.",
      access: { devices: ['dashboard', 'display'] },
      success: { body: todayKpisResponse },
      handler: () => ({ status: 200, body: live.today() }),
    }),
    route({
      method: 'GET',
      path: '/api/v1/kpis/today/timeline',
      operationId: 'getTodayTimeline',
      tag: 'reports',
      logs: [],
      summary:
        'Today on the floor, for the live charts: per service the people waiting at each quarter hour (and now) ' +
        'and the mean wait of the tickets first called in each quarter hour, with the wait target.',
      access: { devices: ['dashboard', 'display'] },
      success: { body: todayTimelineResponse },
      handler: () => ({ status: 200, body: live.timeline() }),
    }),
    route({
      method: 'GET',
      path: '/api/v1/alerts',
      operationId: 'getAlerts',
      tag: 'reports',
      logs: ['alert.raised'],
      summary:
        'Active alerts, newest first: projected_wait (a new ticket projected over the wait target), ' +
        'satisfaction_low (the last 20 ratings under the satisfaction target), counter_idle (an open counter not calling while its queue waits), ' +
        'wait_over_target (a ticket of the service waiting past the wait target), service_over_target (a service running past the service target), ' +
        'pause_too_long (a counter paused longer than its reason allows), device_fault (a terminal device in fault for minutes), help_requested.',
      access: SUPERVISION,
      success: { body: alertsResponse },
      handler: () => {
        live.checkIdleCounters();
        live.checkFloor();
        return { status: 200, body: { alerts: live.alerts() } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/alerts/:alertId/acknowledge',
      operationId: 'acknowledgeAlert',
      tag: 'reports',
      logs: ['alert.acknowledged'],
      summary:
        'A supervisor acknowledges an active alert: kept in the event log (alert.acknowledged), sent to the dashboards as an `alert` message ' +
        'with state acknowledged; the alert stays while its cause lasts. 404 when the alert is not active.',
      access: { devices: ['dashboard'], staff: ['supervisor', 'admin'] },
      success: { body: acknowledgeAlertResponse },
      body: emptyRequest,
      handler: ({ params, caller }) => {
        if (caller.staff === null) throw new Error('the access rule requires a supervisor');
        return { status: 200, body: { alert: live.acknowledge(params.alertId ?? '', caller.staff.id) } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/staffing',
      operationId: 'getStaffingAdvice',
      tag: 'reports',
      logs: [],
      summary:
        'Counters each service needs this hour for its mean wait to stay within target (Erlang C, M/M/c), ' +
        'from arrivals forecast by weekday × hour over the last 8 weeks and recent service times; e.g. "Mở thêm 1 quầy cho Đất đai".',
      access: SUPERVISION,
      success: { body: staffingResponse },
      handler: () => ({ status: 200, body: live.staffing() }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/help-requests',
      operationId: 'requestHelp',
      tag: 'reports',
      logs: [],
      summary:
        'A citizen at a kiosk asks for an officer: raises the help_requested alert on the dashboards and counters until someone marks it handled (or 15 minutes pass). Calling again renews it.',
      access: { devices: ['kiosk'] },
      success: { status: 201, body: helpRequestedResponse },
      body: emptyRequest,
      handler: ({ caller }) => {
        if (caller.device === null) throw new Error('the access rule admits devices only');
        const alert = live.requestHelp({ id: caller.device.id, name: caller.device.name });
        return { status: 201, body: { alertId: alert.id, at: alert.at } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/help-requests',
      operationId: 'getHelpRequests',
      tag: 'reports',
      logs: [],
      summary: 'Open help requests of kiosks (help_requested alerts), the longest waiting first: what counters and dashboards show.',
      access: HELP_DESK,
      success: { body: helpRequestsResponse },
      handler: () => ({ status: 200, body: { helpRequests: live.helpRequests() } }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/help-requests/:kioskId/resolve',
      operationId: 'resolveHelpRequest',
      tag: 'reports',
      logs: [],
      summary:
        'A supervisor, or an officer going to the kiosk, marks its help request handled: the alert is cleared on every dashboard and counter. 404 when none is open.',
      access: HELP_DESK,
      success: { body: helpResolvedResponse },
      body: emptyRequest,
      handler: ({ params }) => {
        if (!live.resolveHelp(params.kioskId ?? '')) throw new DomainError('NOT_FOUND', { helpRequest: params.kioskId });
        return { status: 200, body: { resolved: true } };
      },
    }),
  ];
}
