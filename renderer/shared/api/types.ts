/**
 * The hall server's answers as the screens name them, each an alias of the types generated from
 * the server's OpenAPI document (hall-api.generated.ts, `npm run api:types`): nothing here is
 * written by hand, so a response schema changed in electron/common that breaks a screen fails
 * `npm run typecheck`. Types only: no run-time code.
 */
import type { components, paths } from './hall-api.generated.ts';

export type { components, operations, paths } from './hall-api.generated.ts';

type Schemas = components['schemas'];

/** The HTTP methods of the API, as the document spells them. */
export type ApiMethod = 'get' | 'post' | 'put' | 'delete';
/** The API's paths, as templates (`/api/v1/tickets/{ticketId}`). */
export type ApiPath = keyof paths;
/** The methods `P` takes. */
export type MethodOf<P extends ApiPath> = { [M in ApiMethod]: paths[P][M] extends undefined ? never : M }[ApiMethod];
type OperationOf<P extends ApiPath, M extends ApiMethod> = NonNullable<paths[P][M]>;
type Json<R> = R extends { readonly content: { readonly 'application/json': infer J } } ? J : undefined;
type Responses<P extends ApiPath, M extends ApiMethod> = OperationOf<P, M> extends { readonly responses: infer R } ? R : never;
/** The body of the success answer (2xx) of `M P`; undefined for 204 and downloads. */
export type AnswerOf<P extends ApiPath, M extends ApiMethod> = {
  [S in keyof Responses<P, M>]: S extends 200 | 201 | 202 | 204 ? Json<Responses<P, M>[S]> : never;
}[keyof Responses<P, M>];
/** The JSON request body of `M P` (never when it takes none or a raw body). */
export type BodyOf<P extends ApiPath, M extends ApiMethod> =
  OperationOf<P, M> extends { readonly requestBody?: { readonly content: { readonly 'application/json': infer B } } } ? B : never;
/** The query string of `M P`. */
export type QueryOf<P extends ApiPath, M extends ApiMethod> = OperationOf<P, M> extends { readonly parameters: { readonly query?: infer Q } } ? Q : never;

export type Localized = { readonly vi: string; readonly en: string };
export type HallSnapshotView = Schemas['HallSnapshot'];
export type ServiceWaitsView = Schemas['ServiceWaits'];
export type PublicTicket = Schemas['Ticket'];
export type HallConfigView = Schemas['HallConfig'];
export type ProcedureView = HallConfigView['procedures'][number];
export type PaperConfigView = ProcedureView['papers'][number];
export type KpiRow = Schemas['KpiRow'];
export type NamedKpiRow = Schemas['NamedKpiRow'];
export type KpiReport = AnswerOf<'/api/v1/kpis', 'get'>;
export type KpiGroupBy = KpiReport['groupBy'];
export type TodayTimeline = AnswerOf<'/api/v1/kpis/today/timeline', 'get'>;
export type PeriodReportView = Schemas['PeriodReport'];
export type StaffingView = AnswerOf<'/api/v1/staffing', 'get'>;
export type CounterOperationResult = Schemas['CounterOperationResult'];
/** A counter on the snapshot, with its open rating window. */
export type CounterWithRating = HallSnapshotView['counters'][number];
export type RatingWindow = NonNullable<CounterWithRating['ratingWindow']>;
export type Alert = Schemas['Alert'];
export type PairResult = AnswerOf<'/api/v1/devices/pair', 'post'>;
export type StaffSession = AnswerOf<'/api/v1/sessions', 'post'>;
export type IssueTicketResponse = Schemas['IssuedTicket'];
export type IssueTicketRequest = BodyOf<'/api/v1/tickets', 'post'>;
export type DevicesHealthResponse = AnswerOf<'/api/v1/devices/health', 'get'>;
export type PriorityDeclarationsResponse = AnswerOf<'/api/v1/reports/priorities', 'get'>;
export type DossierView = Schemas['Dossier'];
export type DossierResponse = AnswerOf<'/api/v1/dossiers/{dossierId}', 'get'>;
export type PaperResponse = AnswerOf<'/api/v1/dossiers/{dossierId}/papers/{docTypeCode}', 'put'>;
export type SubmitDossierResponse = AnswerOf<'/api/v1/dossiers/{dossierId}/submit', 'post'>;
export type DossierStatusView = AnswerOf<'/api/v1/dossier-status/{code}', 'get'>;
export type CheckInResponse = AnswerOf<'/api/v1/appointments/check-in', 'post'>;
export type OutboxResponse = AnswerOf<'/api/v1/outbox', 'get'>;
export type AppointmentList = AnswerOf<'/api/v1/appointments', 'get'>;
export type PaperView = Schemas['Paper'];
export type Applicant = DossierView['applicant'];
export type TerminalHealth = DevicesHealthResponse['terminals'][number];
/** The ticket page's view (getPublicTicket and its event stream). */
export type PublicTicketView = Schemas['PublicTicket'];
