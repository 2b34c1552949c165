/**
 * The kiosk's CSCA trust store from its terminal config: `"csca": "<folder>"` (relative to the
 * config file's folder, or absolute) is loaded once at start and handed to the device manager, whose
 * CCCD reader verifies every chip against it (passive authentication), so a production kiosk can
 * read cards as `verified`, as the browser-mode device host does with `--csca`. A folder that
 * cannot be read, or holds a file that is not a certificate, stops the start like any bad config
 * field (TerminalConfigError naming `csca`). Pure apart from the injected loader.
 */
import type { X509Certificate } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { loadTrustStore } from '../../devices/card-reader/passive-authentication.ts';
import { TerminalConfigError, type TerminalConfig } from '../../kiosk-config/terminal-config.ts';
import type { ManagedDevicesOptions } from './managed-devices.ts';

export type TrustStoreLoader = (folder: string) => X509Certificate[];

/** The device manager options a terminal config asks for (today: the CCCD reader's CSCA certificates). */
export function terminalDeviceOptions(
  config: Pick<TerminalConfig, 'csca'>,
  configPath: string,
  load: TrustStoreLoader = loadTrustStore,
): ManagedDevicesOptions {
  if (config.csca === null) return {};
  const folder = resolve(dirname(configPath), config.csca);
  let certificates: X509Certificate[];
  try {
    certificates = load(folder);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TerminalConfigError(configPath, [
      {
        field: 'csca',
        en: `cannot load the CSCA certificates from ${folder} (${reason}); point csca at a folder of PEM or DER certificates`,
        vi: `Không nạp được chứng thư CSCA từ thư mục ${folder} (${reason}); hãy chỉ trường "csca" tới thư mục chứa tệp chứng thư PEM hoặc DER`,
      },
    ]);
  }
  if (certificates.length === 0) {
    throw new TerminalConfigError(configPath, [
      {
        field: 'csca',
        en: `the folder ${folder} holds no certificate (.pem, .crt, .cer or .der); add the CSCA certificates or remove csca`,
        vi: `Thư mục ${folder} không có tệp chứng thư nào (.pem, .crt, .cer, .der); hãy thêm chứng thư CSCA hoặc bỏ trường "csca"`,
      },
    ]);
  }
  return { cardTrustStore: certificates };
}
