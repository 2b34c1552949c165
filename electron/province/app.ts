/**
 * The province hub's HTTP and WebSocket surface (Fastify 5; zod schemas from
 * electron/common/province-wire.ts validate requests, and @fastify/swagger publishes them at
 * /api/v1/openapi.json). Stateless: everything lives in PostgreSQL, live updates come through
 * LISTEN/NOTIFY (live.ts), so any number of processes can serve the same province.
 *
 * Auth: a hall delivers with its enrolled bearer credential; a supervisor logs in (PIN) and sends
 * its session token as a bearer token (and in the stream's hello). A district supervisor sees only
 * the halls of its district; asking for another hall answers 404, as for an unknown one.
 */
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  alertListSchema,
  exportQuerySchema,
  hallDetailSchema,
  hallKpiQuerySchema,
  hallListSchema,
  hubErrorSchema,
  ingestBatchSchema,
  ingestResultSchema,
  kpiRowsSchema,
  loginBodySchema,
  loginResultSchema,
  monthQuerySchema,
  productivity468Schema,
  ranking766Schema,
} from '../common/province-wire.ts';
import { businessDateOf } from '../core/business-time.ts';
import { kpiRow } from '../core/kpi.ts';
import { hallOfToken, login, LoginLimiter, logout, supervisorOfToken, type Supervisor } from './credentials.ts';
import type { Pool } from './database.ts';
import { exportRanking } from './exports.ts';
import { hallFloor } from './hall-floor.ts';
import { IngestBadRequest, ingestBatch, IngestRefused } from './ingest.ts';
import type { LiveHub } from './live.ts';
import { HubMetrics } from './metrics.ts';
import type { Partitions } from './partitions.ts';
import { hallKpis, hallOverview, hallTargets, openAlerts, productivity468, ranking766 } from './queries.ts';

export interface HubAppOptions {
  readonly pool: Pool;
  readonly partitions: Partitions;
  readonly live: LiveHub;
  /** Folder of the built renderer apps (dist/renderer); the province dashboard is at /province/. */
  readonly staticDir?: string | null;
  /** Largest request body (a batch of events), bytes. */
  readonly bodyLimit?: number;
  readonly logLevel?: string;
  readonly clock?: () => number;
}

class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const errorBody = (code: string, message: string, details?: Record<string, unknown>) => ({ error: { code, message, ...(details ? { details } : {}) } });

function bearer(req: FastifyRequest): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ?? null;
}

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

/** The province's calendar (the month under way for QĐ 468); every hall of a Vietnamese province shares it. */
const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export async function createHubApp(o: HubAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logLevel === undefined || o.logLevel === 'silent' ? false : { level: o.logLevel },
    bodyLimit: o.bodyLimit ?? DEFAULT_BODY_LIMIT,
  });
  const clock = o.clock ?? Date.now;
  const metrics = new HubMetrics();
  const limiter = new LoginLimiter(clock);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Province hub (Trung tâm Phục vụ hành chính công tỉnh)', version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });

  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof HubError) return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send(errorBody('VALIDATION_FAILED', 'The request does not match the expected shape.', { issues: error.validation.slice(0, 20) }));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is larger than allowed.'));
    if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send(errorBody('BAD_REQUEST', (error as Error).message));
    app.log.error({ err: (error as Error).message }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', 'The hub could not answer.'));
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.observe(
      (req.routeOptions.config as { operationId?: string } | undefined)?.operationId ?? req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  async function supervisor(req: FastifyRequest): Promise<Supervisor> {
    const token = bearer(req);
    const s = token?.startsWith('sup_') ? await supervisorOfToken(o.pool, token) : null;
    if (!s) throw new HubError(401, 'UNAUTHENTICATED', 'Log in as a supervisor.');
    return s;
  }
  const scopeOf = (s: Supervisor): string | null => (s.scope === 'district' ? s.district : null);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: hubErrorSchema, 401: hubErrorSchema, 404: hubErrorSchema, 409: hubErrorSchema };

  r.post(
    '/api/v1/ingest/events',
    {
      config: { operationId: 'deliverEvents' },
      schema: {
        operationId: 'deliverEvents',
        summary: "A hall's next events (its outbox, in order)",
        security: [{ bearer: [] }],
        body: ingestBatchSchema,
        response: { 200: ingestResultSchema, ...errors, 403: hubErrorSchema },
      },
    },
    async (req) => {
      const token = bearer(req);
      const hallId = token?.startsWith('hall_') ? await hallOfToken(o.pool, token) : null;
      if (!hallId) throw new HubError(401, 'UNAUTHENTICATED', 'Send the hall credential from enroll-hall as a bearer token.');
      try {
        const result = await ingestBatch(o, hallId, req.body);
        metrics.ingested(result.accepted, result.duplicates);
        return result;
      } catch (error) {
        if (error instanceof IngestRefused) {
          metrics.refused(error.problem.code);
          throw new HubError(409, error.problem.code, error.problem.message, { headSeq: error.headSeq, seq: error.problem.seq });
        }
        if (error instanceof IngestBadRequest) throw new HubError(403, 'FORBIDDEN', error.message);
        throw error;
      }
    },
  );

  r.post(
    '/api/v1/session',
    {
      config: { operationId: 'loginSupervisor' },
      schema: { operationId: 'loginSupervisor', body: loginBodySchema, response: { 200: loginResultSchema, 401: hubErrorSchema, 429: hubErrorSchema } },
    },
    async (req) => {
      const { username, pin } = req.body;
      if (limiter.blocked(username)) throw new HubError(429, 'TOO_MANY_ATTEMPTS', 'Too many failed logins; try again in 15 minutes.');
      const result = await login(o.pool, username, pin);
      if (!result) {
        limiter.failed(username);
        throw new HubError(401, 'INVALID_CREDENTIALS', 'Unknown user or wrong PIN.');
      }
      limiter.succeeded(username);
      return result;
    },
  );

  r.delete(
    '/api/v1/session',
    { config: { operationId: 'logoutSupervisor' }, schema: { operationId: 'logoutSupervisor', security: [{ bearer: [] }] } },
    async (req, reply) => {
      const token = bearer(req);
      if (token) await logout(o.pool, token);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/v1/halls',
    {
      config: { operationId: 'listHalls' },
      schema: {
        operationId: 'listHalls',
        summary: 'Every hall in scope, today',
        security: [{ bearer: [] }],
        response: { 200: hallListSchema, 401: hubErrorSchema },
      },
    },
    async (req) => ({ halls: await hallOverview(o.pool, scopeOf(await supervisor(req))) }),
  );

  async function hallInScope(req: FastifyRequest, hallId: string) {
    const s = await supervisor(req);
    const targets = await hallTargets(o.pool, hallId);
    if (!targets || (s.scope === 'district' && targets.district !== s.district)) throw new HubError(404, 'UNKNOWN_HALL', 'No such hall in your scope.');
    return targets;
  }

  r.get(
    '/api/v1/halls/:hallId',
    {
      config: { operationId: 'getHall' },
      schema: {
        operationId: 'getHall',
        summary:
          "One hall's live figures today, as its own dashboard shows them: KPIs per service, counter and officer, and the floor (waiting per service, each counter's ticket, latest calls)",
        security: [{ bearer: [] }],
        params: z.object({ hallId: z.string().max(64) }),
        response: { 200: hallDetailSchema, ...errors },
      },
    },
    async (req) => {
      const targets = await hallInScope(req, req.params.hallId);
      const [hall] = await hallOverview(o.pool, null, req.params.hallId);
      if (!hall) throw new HubError(404, 'UNKNOWN_HALL', 'No such hall in your scope.');
      const today = businessDateOf(clock(), targets.timeZone);
      const date = hall.businessDate ?? today;
      const [all, byService, byCounter, byOfficer] = await Promise.all(
        (['none', 'service', 'counter', 'officer'] as const).map((g) => hallKpis(o.pool, req.params.hallId, targets, date, date, g)),
      );
      const floor = await hallFloor(o.pool, req.params.hallId, date);
      return {
        hall,
        kpis: { all: (all ?? [])[0] ?? kpiRow('all', [], targets), byService: byService ?? [], byCounter: byCounter ?? [], byOfficer: byOfficer ?? [] },
        floor,
      };
    },
  );

  r.get(
    '/api/v1/halls/:hallId/kpis',
    {
      config: { operationId: 'getHallKpis' },
      schema: {
        operationId: 'getHallKpis',
        security: [{ bearer: [] }],
        params: z.object({ hallId: z.string().max(64) }),
        querystring: hallKpiQuerySchema,
        response: { 200: kpiRowsSchema, ...errors },
      },
    },
    async (req) => {
      const targets = await hallInScope(req, req.params.hallId);
      if (req.query.from > req.query.to) throw new HubError(400, 'VALIDATION_FAILED', '"from" must not be after "to".');
      return { rows: await hallKpis(o.pool, req.params.hallId, targets, req.query.from, req.query.to, req.query.groupBy) };
    },
  );

  r.get(
    '/api/v1/reports/766',
    {
      config: { operationId: 'getRanking766' },
      schema: {
        operationId: 'getRanking766',
        summary: 'Monthly QĐ 766 satisfaction ratio per hall and the ranking',
        security: [{ bearer: [] }],
        querystring: monthQuerySchema,
        response: { 200: ranking766Schema, ...errors },
      },
    },
    async (req) => ({ month: req.query.month, rows: await ranking766(o.pool, req.query.month, scopeOf(await supervisor(req))) }),
  );

  r.get(
    '/api/v1/reports/766/export',
    {
      config: { operationId: 'exportRanking766' },
      schema: { operationId: 'exportRanking766', security: [{ bearer: [] }], querystring: exportQuerySchema },
    },
    async (req, reply) => {
      const s = await supervisor(req);
      const rows = await ranking766(o.pool, req.query.month, scopeOf(s));
      const file = await exportRanking({ month: req.query.month, rows }, req.query.format, s);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes);
    },
  );

  r.get(
    '/api/v1/reports/468',
    {
      config: { operationId: 'getProductivity468' },
      schema: {
        operationId: 'getProductivity468',
        summary: 'QĐ 468 dossiers per officer against the hall level (a month under way: its days so far)',
        security: [{ bearer: [] }],
        querystring: monthQuerySchema,
        response: { 200: productivity468Schema, ...errors },
      },
    },
    async (req) => ({
      month: req.query.month,
      rows: await productivity468(o.pool, req.query.month, scopeOf(await supervisor(req)), businessDateOf(clock(), PROVINCE_TIME_ZONE)),
    }),
  );

  r.get(
    '/api/v1/alerts',
    {
      config: { operationId: 'listAlerts' },
      schema: { operationId: 'listAlerts', security: [{ bearer: [] }], response: { 200: alertListSchema, 401: hubErrorSchema } },
    },
    async (req) => ({ alerts: await openAlerts(o.pool, scopeOf(await supervisor(req))) }),
  );

  r.post(
    '/api/v1/alerts/:alertId/clear',
    {
      config: { operationId: 'clearAlert' },
      schema: { operationId: 'clearAlert', security: [{ bearer: [] }], params: z.object({ alertId: z.coerce.number().int().positive() }) },
    },
    async (req, reply) => {
      const s = await supervisor(req);
      const { rowCount } = await o.pool.query(
        `UPDATE alerts a SET cleared_at = now() FROM halls h WHERE a.id = $1 AND h.id = a.hall_id AND a.cleared_at IS NULL AND ($2::text IS NULL OR h.district = $2)`,
        [req.params.alertId, scopeOf(s)],
      );
      if (rowCount !== 1) throw new HubError(404, 'UNKNOWN_ALERT', 'No such open alert in your scope.');
      return reply.code(204).send();
    },
  );

  app.get('/api/v1/stream', { websocket: true }, (socket) => {
    let remove: (() => void) | null = null;
    const helloTimer = setTimeout(() => socket.close(4401, 'hello expected'), 5_000);
    socket.once('message', (raw: Buffer) => {
      clearTimeout(helloTimer);
      let token: unknown;
      try {
        token = (JSON.parse(raw.toString()) as { type?: string; token?: unknown }).token;
      } catch {
        token = null;
      }
      if (typeof token !== 'string' || !token.startsWith('sup_')) {
        socket.close(4401, 'unauthenticated');
        return;
      }
      supervisorOfToken(o.pool, token).then(
        (s) => {
          if (!s) {
            socket.close(4401, 'unauthenticated');
            return;
          }
          remove = o.live.add({ socket, district: scopeOf(s) });
          socket.send(JSON.stringify({ type: 'ready', sentAt: Date.now() }));
        },
        () => socket.close(1011, 'hub error'),
      );
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      remove?.();
    });
  });

  app.get('/healthz', async () => {
    await o.pool.query('SELECT 1');
    return { status: 'ok', time: clock() };
  });
  app.get('/metrics', async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(await metrics.render(o.pool, o.live)),
  );
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const staticDir = o.staticDir === undefined ? resolve('dist/renderer') : o.staticDir;
  if (staticDir && existsSync(staticDir)) {
    await app.register(fastifyStatic, { root: resolve(staticDir), prefix: '/', index: ['index.html'], wildcard: true });
    app.get('/', async (_req, reply) => reply.redirect('/province/'));
  }
  return app;
}
