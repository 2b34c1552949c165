/**
 * Keeps the terminal's device token between starts. The page never stores it: it asks main
 * through the bridge (terminalInfo / saveDeviceToken). The file is written atomically (temp file
 * + rename, mode 0600) and, where the OS offers it, encrypted with Electron's safeStorage (the
 * cipher is injected; absent in tests and on machines without a keyring).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Tokens the hall server issues: `dev_` + 32 random bytes in base64url (electron/server/secrets.ts). */
export const DEVICE_TOKEN_PATTERN = /^dev_[A-Za-z0-9_-]{43}$/;

export interface TokenCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface TokenFile {
  readonly version: 1;
  readonly encrypted: boolean;
  readonly token: string;
}

export class InvalidDeviceTokenError extends Error {
  constructor() {
    super('not a device token: expected "dev_" followed by 43 base64url characters, as returned by pairDevice');
    this.name = 'InvalidDeviceTokenError';
  }
}

export class TokenStore {
  readonly #path: string;
  readonly #cipher: TokenCipher | null;

  constructor(path: string, cipher: TokenCipher | null) {
    this.#path = path;
    this.#cipher = cipher;
  }

  /** The saved token, or null when the terminal is not enrolled or the file cannot be used. */
  read(): string | null {
    if (!existsSync(this.#path)) return null;
    try {
      const file = JSON.parse(readFileSync(this.#path, 'utf8')) as Partial<TokenFile>;
      if (file.version !== 1 || typeof file.token !== 'string') return null;
      const token = file.encrypted ? (this.#cipher?.decryptString(Buffer.from(file.token, 'base64')) ?? null) : file.token;
      return token !== null && DEVICE_TOKEN_PATTERN.test(token) ? token : null;
    } catch {
      return null;
    }
  }

  save(token: string): void {
    if (!DEVICE_TOKEN_PATTERN.test(token)) throw new InvalidDeviceTokenError();
    const encrypt = this.#cipher?.isEncryptionAvailable() === true;
    const file: TokenFile = {
      version: 1,
      encrypted: encrypt,
      token: encrypt && this.#cipher !== null ? this.#cipher.encryptString(token).toString('base64') : token,
    };
    const temp = `${this.#path}.tmp`;
    writeFileSync(temp, JSON.stringify(file), { mode: 0o600 });
    renameSync(temp, this.#path);
  }
}
