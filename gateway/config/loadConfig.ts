/**
 * Builds the gateway configuration from, in increasing precedence: defaults, an optional JSON file
 * (GANGWAY_CONFIG_FILE), environment variables, and programmatic overrides (tests). Every value is
 * validated against its row in settings.ts; the first bad value stops start-up with a ConfigError
 * that names the setting, its environment variable and what is expected.
 */
import { readFileSync } from 'node:fs';
import { settings, type SettingName, type SettingValues } from './settings.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  /** Undefined until the listening port is known (port 0); see withPublicUrl. */
  readonly publicUrl: string | undefined;
  /** GANGWAY_INTERNAL_URL: where the other replicas reach this one (resolved into `replicaUrl`). */
  readonly internalUrl: string | undefined;
  readonly dataDir: string;
  /** PostgreSQL instead of the embedded store (issue 14); undefined: SQLite in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly tokens: { readonly accessTokenTtlSeconds: number; readonly refreshTokenTtlSeconds: number; readonly refreshReuseGraceSeconds: number };
  readonly registration: {
    readonly perIpPerWindow: number;
    readonly windowSeconds: number;
    readonly maxBodyBytes: number;
    readonly maxRedirectUris: number;
    readonly unusedClientTtlSeconds: number;
  };
  readonly rateLimits: { readonly tokenPerMinute: number; readonly authorizePerMinute: number };
  readonly signingKeysFile: string | undefined;
  readonly cimd: { readonly enabled: boolean };
  readonly outbound: { readonly allowOrigins: readonly string[]; readonly extraCaFile: string | undefined; readonly connectTo: Readonly<Record<string, string>> };
  readonly mcp: { readonly allowedOrigins: readonly string[]; readonly sessionsPerUser: number };
  readonly trustProxy: boolean;
  readonly log: { readonly level: SettingValues['logLevel'] };
  readonly directory: { readonly seed: number };
  readonly vault: { readonly keys: string | undefined; readonly keyFile: string };
  readonly connectorsFile: string | undefined;
  readonly tools: { readonly callsPerMinute: number; readonly listCacheSeconds: number };
  readonly shutdown: { readonly drainTimeoutSeconds: number; readonly notReadyGraceSeconds: number };
}

/** A config whose public URL is known: the issuer and the MCP URL derive from it. */
export interface ResolvedConfig extends GatewayConfig {
  readonly publicUrl: string;
  readonly issuer: string;
  /** The one MCP server URL users paste into their client (AUTH-04: PRM `resource` equals it). */
  readonly mcpUrl: string;
  /** Where the other replicas reach this one (issue 14): GANGWAY_INTERNAL_URL, else http://<host>:<port>. */
  readonly replicaUrl: string;
}

export const MCP_PATH = '/mcp';

export interface LoadOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Values by setting name; they win over file and environment. */
  readonly overrides?: Partial<Record<SettingName, unknown>>;
}

function readFileLayer(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`GANGWAY_CONFIG_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('not an object');
    }
    return parsed as Record<string, unknown>;
  } catch {
    throw new ConfigError(`GANGWAY_CONFIG_FILE: ${path} is not a JSON object`);
  }
}

function pick(object: Record<string, unknown>, dottedKey: string): unknown {
  let current: unknown = object;
  for (const part of dottedKey.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function knownFileKeys(): Set<string> {
  return new Set(Object.values(settings).map((s) => s.key));
}

function rejectUnknownFileKeys(file: Record<string, unknown>, path: string, prefix = ''): void {
  const known = knownFileKeys();
  for (const [key, value] of Object.entries(file)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    const isBranch = [...known].some((k) => k.startsWith(`${dotted}.`));
    if (isBranch && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      rejectUnknownFileKeys(value as Record<string, unknown>, path, dotted);
    } else if (!known.has(dotted)) {
      throw new ConfigError(`GANGWAY_CONFIG_FILE: unknown setting "${dotted}" in ${path}`);
    }
  }
}

export function loadConfig(options: LoadOptions = {}): GatewayConfig {
  const env = options.env ?? process.env;
  const filePath = env.GANGWAY_CONFIG_FILE;
  const file = filePath ? readFileLayer(filePath) : {};
  if (filePath) rejectUnknownFileKeys(file, filePath);

  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const override = options.overrides?.[name];
    const fromEnv = env[setting.env];
    const raw =
      override !== undefined ? override : fromEnv !== undefined && fromEnv !== '' ? fromEnv : pick(file, setting.key);
    const candidate = raw === undefined ? setting.default : raw;
    const parsed = (setting.schema as import('zod').ZodType).safeParse(candidate);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
      // Messages name the setting and the rule, never the rejected value (it may be a secret).
      const source = override !== undefined ? 'override' : fromEnv ? 'environment' : raw !== undefined ? 'config file' : 'default';
      throw new ConfigError(`Invalid setting ${setting.env} (${setting.key}, from ${source}): ${reason}`);
    }
    values[name] = parsed.data;
  }
  const v = values as SettingValues;

  if (v.publicUrl?.startsWith('https://') && !v.trustProxy) {
    throw new ConfigError(
      'Invalid setting GANGWAY_PUBLIC_URL (publicUrl): it is https but the gateway itself serves plain http; run it behind a TLS-terminating proxy and set GANGWAY_TRUST_PROXY=true',
    );
  }

  return {
    host: v.host,
    port: v.port,
    publicUrl: v.publicUrl?.replace(/\/$/, ''),
    internalUrl: v.internalUrl?.replace(/\/$/, ''),
    dataDir: v.dataDir,
    databaseUrl: v.databaseUrl,
    tokens: { accessTokenTtlSeconds: v.accessTokenTtl, refreshTokenTtlSeconds: v.refreshTokenTtl, refreshReuseGraceSeconds: v.refreshReuseGrace },
    registration: {
      perIpPerWindow: v.registrationsPerIp,
      windowSeconds: v.registrationWindow,
      maxBodyBytes: v.registrationMaxBytes,
      maxRedirectUris: v.maxRedirectUris,
      unusedClientTtlSeconds: v.unusedClientTtl,
    },
    rateLimits: { tokenPerMinute: v.tokenRequestsPerMinute, authorizePerMinute: v.authorizeRequestsPerMinute },
    signingKeysFile: v.signingKeysFile,
    cimd: { enabled: v.cimdEnabled },
    outbound: {
      allowOrigins: v.outboundAllow.map((o) => o.replace(/\/$/, '')),
      extraCaFile: v.outboundCaFile,
      connectTo: Object.fromEntries(v.outboundConnectTo.map((entry) => entry.toLowerCase().split('=') as [string, string])),
    },
    mcp: { allowedOrigins: v.allowedOrigins.map((o) => o.replace(/\/$/, '')), sessionsPerUser: v.sessionsPerUser },
    trustProxy: v.trustProxy,
    log: { level: v.logLevel },
    directory: { seed: v.directorySeed },
    vault: { keys: v.vaultKeys, keyFile: v.vaultKeyFile },
    connectorsFile: v.connectorsFile,
    tools: { callsPerMinute: v.toolCallsPerMinute, listCacheSeconds: v.toolListCacheSeconds },
    shutdown: { drainTimeoutSeconds: v.drainTimeoutSeconds, notReadyGraceSeconds: v.drainGraceSeconds },
  };
}

/** Fixes the public URL once the listening port is known. */
export function resolveConfig(config: GatewayConfig, listeningPort: number): ResolvedConfig {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const publicUrl = config.publicUrl ?? `http://${hostForUrl}:${listeningPort}`;
  return { ...config, publicUrl, issuer: publicUrl, mcpUrl: `${publicUrl}${MCP_PATH}`, replicaUrl: config.internalUrl ?? `http://${hostForUrl}:${listeningPort}` };
}
