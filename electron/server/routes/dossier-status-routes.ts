/**
 * Dossier status at the kiosk and the counter (regulations R1.2: lookup by mã hồ sơ and by its
 * QR): asked of the provincial system with a short deadline.
 */
import { dossierStatusResponse } from '../../common/dossier-responses.ts';
import { DomainError } from '../../common/errors.ts';
import { normalizeDossierCode } from '../../common/provincial.ts';
import { route, type Route } from '../http/route.ts';
import type { ProvincialSync } from '../sync/provincial-sync.ts';

export function dossierStatusRoutes(sync: ProvincialSync): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/dossier-status/:code',
      operationId: 'getDossierStatus',
      tag: 'provincial',
      logs: [],
      summary:
        'Where a dossier stands at the provincial system: {code, state, label:{vi,en}, updatedAt}; ' +
        'state not_found (Hồ sơ không tồn tại) for a code it does not know. 503 PROVINCIAL_UNAVAILABLE when it cannot be asked.',
      access: { devices: ['kiosk', 'counter', 'dashboard'] },
      success: { body: dossierStatusResponse },
      handler: async ({ params }) => {
        const code = normalizeDossierCode(params.code ?? '');
        if (code === null) throw new DomainError('INVALID_DOSSIER_CODE', { code: (params.code ?? '').slice(0, 64) });
        return { status: 200, body: await sync.dossierStatus(code) };
      },
    }),
  ];
}
