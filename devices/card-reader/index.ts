/** Public surface of the CCCD reader for the device manager, the CLI and tests. */
export {
  createCardReaderService,
  type CardReaderService,
  type CardReaderServiceOptions,
  type CardReadReport,
  type CardPresenceSource,
} from './card-reader-service.ts';
export { loadTrustStore, passiveAuthentication, type PassiveAuthenticationResult } from './passive-authentication.ts';
export { CccdQrError, identityFromQr, parseCccdQr, type CccdQr } from '../../electron/common/cccd-qr.ts';
export { parseTd1, type Td1 } from './mrz/td1.ts';
