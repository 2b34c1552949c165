/** Session values for the kiosk session tests (a fictitious citizen, procedure and ticket). */
import type { CardIdentity } from '../../../../electron/common/device-contract.ts';
import type { IssueTicketResponse } from '../../../../electron/common/wire.ts';
import type { ProcedureView } from '../../../../renderer/shared/api/types.ts';

export const IDENTITY = {
  idNumber: '001085012345',
  fullName: 'Lê Văn Cường',
  dateOfBirth: '20/05/1950',
  sex: 'Nam',
  nationality: 'Việt Nam',
  placeOfOrigin: null,
  placeOfResidence: null,
  dateOfIssue: null,
  dateOfExpiry: null,
  oldIdNumber: null,
  photoJpeg: null,
  source: 'chip',
  authenticity: { status: 'verified' },
} as unknown as CardIdentity;

export const PROCEDURE: ProcedureView = {
  id: 'dang-ky-khai-sinh',
  code: '1.001193',
  fieldId: 'ho-tich',
  name: 'Thủ tục đăng ký khai sinh',
  serviceId: 'ho-tich',
  processingTime: 'Trong ngày',
  fee: 'Miễn phí',
  papers: [],
  formId: 'khai-sinh',
};

export const ISSUED = {
  ticket: {
    id: '0190f3c2-0000-7000-8000-000000000001',
    number: 'A001',
    serviceId: 'ho-tich',
    priority: 'normal',
    status: 'waiting',
    issuedAt: 0,
    dossierCount: 1,
  },
  estimate: { peopleAhead: 0, estimatedWaitMinutes: 0 },
  statusPath: '/t/q3Xr0bYpT8mKzL2wVn5HcA',
  qr: { text: 'VE:q3Xr0bYpT8mKzL2wVn5HcA', opensPage: false },
} as unknown as IssueTicketResponse;
