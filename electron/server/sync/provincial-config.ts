/**
 * From the hall configuration's `provincial` section and the process environment to the client's
 * settings. The secret is read from the environment variable the configuration names, at start;
 * it never comes from the JSON file and is never logged (only the variable's name is).
 */
import type { ProvincialConfig } from '../../common/hall-config.ts';
import type { ProvincialClientOptions } from './provincial-client.ts';

export type ResolvedProvincial =
  | { readonly state: 'configured'; readonly config: ProvincialConfig; readonly client: ProvincialClientOptions }
  | { readonly state: 'not_configured'; readonly reason: string }
  | { readonly state: 'missing_secret'; readonly config: ProvincialConfig; readonly reason: string };

export function resolveProvincial(
  config: ProvincialConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
  baseUrlOverride: string | null = null,
): ResolvedProvincial {
  if (!config) return { state: 'not_configured', reason: 'the hall configuration has no "provincial" section' };
  const effective: ProvincialConfig = baseUrlOverride === null ? config : { ...config, baseUrl: baseUrlOverride };
  const auth = effective.auth;
  const variable = auth.kind === 'bearer' ? auth.tokenEnv : auth.passwordEnv;
  const secret = env[variable];
  if (secret === undefined || secret === '') {
    return { state: 'missing_secret', config: effective, reason: `the environment variable ${variable} (provincial.auth) is not set` };
  }
  const authorization = auth.kind === 'bearer' ? `Bearer ${secret}` : `Basic ${Buffer.from(`${auth.username}:${secret}`, 'utf8').toString('base64')}`;
  return { state: 'configured', config: effective, client: { baseUrl: effective.baseUrl, authorization, timeoutMs: effective.timeoutMs } };
}
