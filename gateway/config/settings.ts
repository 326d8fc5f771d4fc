/**
 * Every gateway setting in one table: where it comes from (config-file key and environment
 * variable), how it is validated and its default. The table is the documentation — the README's
 * configuration section is generated from the same rows — and the validator names the row when a
 * value is wrong, so a bad config stops start-up with a message an operator can act on.
 */
import { z } from 'zod';

export interface Setting<T> {
  /** Dotted key in the optional JSON config file. */
  readonly key: string;
  /** Environment variable that overrides the file. */
  readonly env: string;
  readonly schema: z.ZodType<T>;
  readonly default: T | undefined;
  readonly doc: string;
  /** Values that must never be echoed in an error message or a log line. */
  readonly secret?: boolean;
}

const commaList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value),
  z.array(z.string()),
);

const origin = z.string().refine((value) => {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
}, 'must be an origin such as https://ai.example.com (scheme, host and optional port, no path)');

/** A PostgreSQL connection URL; the message never repeats the value (it carries the password). */
const postgresUrl = z.string().refine((value) => {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
}, 'must be a PostgreSQL URL such as postgres://gangway:password@127.0.0.1:5432/gangway (postgres:// or postgresql://, with a host)');

const seconds = (max: number) => z.coerce.number().int().min(1).max(max);

export const settings = {
  publicUrl: {
    key: 'publicUrl',
    env: 'GANGWAY_PUBLIC_URL',
    schema: origin.optional(),
    default: undefined,
    doc: 'Origin clients use to reach the gateway; the OAuth issuer. Defaults to http://<host>:<port>.',
  } satisfies Setting<string | undefined>,
  internalUrl: {
    key: 'internalUrl',
    env: 'GANGWAY_INTERNAL_URL',
    schema: origin.optional(),
    default: undefined,
    doc: "Origin the other replicas reach this one at (a question's answer or a 2026 retry is passed to the replica holding the call). Defaults to http://<host>:<port>; set it when the host is 0.0.0.0 behind a balancer.",
  } satisfies Setting<string | undefined>,
  host: {
    key: 'host',
    env: 'GANGWAY_HOST',
    schema: z.string().min(1),
    default: '127.0.0.1',
    doc: 'Interface to listen on.',
  } satisfies Setting<string>,
  port: {
    key: 'port',
    env: 'GANGWAY_PORT',
    schema: z.coerce.number().int().min(0).max(65535),
    default: 4000,
    doc: 'TCP port to listen on (0 picks a free port).',
  } satisfies Setting<number>,
  dataDir: {
    key: 'dataDir',
    env: 'GANGWAY_DATA_DIR',
    schema: z.string().min(1),
    default: '.gangway/data',
    doc: 'Directory of the embedded store (clients, grants, refresh tokens, signing keys).',
  } satisfies Setting<string>,
  databaseUrl: {
    key: 'databaseUrl',
    env: 'GANGWAY_DATABASE_URL',
    schema: postgresUrl.optional(),
    default: undefined,
    doc: 'PostgreSQL instead of the embedded store, for several replicas: postgres://user:password@host:5432/database. Unset: the SQLite file in the data directory.',
    secret: true,
  } satisfies Setting<string | undefined>,
  accessTokenTtl: {
    key: 'tokens.accessTokenTtlSeconds',
    env: 'GANGWAY_ACCESS_TOKEN_TTL',
    schema: seconds(24 * 3600),
    default: 300,
    doc: 'Lifetime of access tokens, seconds (AUTH-11: short-lived).',
  } satisfies Setting<number>,
  refreshTokenTtl: {
    key: 'tokens.refreshTokenTtlSeconds',
    env: 'GANGWAY_REFRESH_TOKEN_TTL',
    schema: seconds(365 * 24 * 3600),
    default: 30 * 24 * 3600,
    doc: 'Lifetime of a refresh token family, seconds.',
  } satisfies Setting<number>,
  refreshReuseGrace: {
    key: 'tokens.refreshReuseGraceSeconds',
    env: 'GANGWAY_REFRESH_REUSE_GRACE',
    schema: z.coerce.number().int().min(0).max(3600),
    default: 60,
    doc: 'Seconds in which presenting the previous refresh token again (a lost response, a retry) returns the same new token pair; reuse after that revokes the grant (AUTH-11). 0 disables the grace.',
  } satisfies Setting<number>,
  registrationsPerIp: {
    key: 'registration.perIpPerWindow',
    env: 'GANGWAY_REGISTRATIONS_PER_IP',
    schema: z.coerce.number().int().min(1).max(1_000_000),
    default: 100,
    doc: 'Dynamic client registrations one client IP may make per window; more get 429 with Retry-After.',
  } satisfies Setting<number>,
  registrationWindow: {
    key: 'registration.windowSeconds',
    env: 'GANGWAY_REGISTRATION_WINDOW',
    schema: seconds(24 * 3600),
    default: 600,
    doc: 'The window of GANGWAY_REGISTRATIONS_PER_IP, seconds.',
  } satisfies Setting<number>,
  registrationMaxBytes: {
    key: 'registration.maxBodyBytes',
    env: 'GANGWAY_REGISTRATION_MAX_BYTES',
    schema: z.coerce.number().int().min(1024).max(1024 * 1024),
    default: 16 * 1024,
    doc: 'Largest registration request body accepted (413 beyond it).',
  } satisfies Setting<number>,
  maxRedirectUris: {
    key: 'registration.maxRedirectUris',
    env: 'GANGWAY_MAX_REDIRECT_URIS',
    schema: z.coerce.number().int().min(1).max(1000),
    default: 10,
    doc: 'Most redirect_uris one client may register (invalid_redirect_uri beyond it).',
  } satisfies Setting<number>,
  unusedClientTtl: {
    key: 'registration.unusedClientTtlSeconds',
    env: 'GANGWAY_UNUSED_CLIENT_TTL',
    schema: seconds(365 * 24 * 3600),
    default: 24 * 3600,
    doc: 'A registered client that never got a grant is deleted after this many seconds; a client a user authorized is kept.',
  } satisfies Setting<number>,
  tokenRequestsPerMinute: {
    key: 'rateLimits.tokenPerMinute',
    env: 'GANGWAY_TOKEN_REQUESTS_PER_MINUTE',
    schema: z.coerce.number().int().min(1).max(1_000_000),
    default: 600,
    doc: 'Requests to /token one client IP may make per minute (429 with Retry-After beyond it).',
  } satisfies Setting<number>,
  authorizeRequestsPerMinute: {
    key: 'rateLimits.authorizePerMinute',
    env: 'GANGWAY_AUTHORIZE_REQUESTS_PER_MINUTE',
    schema: z.coerce.number().int().min(1).max(1_000_000),
    default: 300,
    doc: 'Requests to /authorize one client IP may make per minute (429 with Retry-After beyond it).',
  } satisfies Setting<number>,
  signingKeysFile: {
    key: 'signingKeysFile',
    env: 'GANGWAY_SIGNING_KEYS_FILE',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'Private JWKS file for token signing. Without it, keys are generated on first start and kept in the store.',
  } satisfies Setting<string | undefined>,
  cimdEnabled: {
    key: 'cimd.enabled',
    env: 'GANGWAY_CIMD',
    schema: z.stringbool().or(z.boolean()),
    default: true,
    doc: 'Accept Client ID Metadata Documents (client_id is an https URL).',
  } satisfies Setting<boolean>,
  outboundAllow: {
    key: 'outbound.allowOrigins',
    env: 'GANGWAY_OUTBOUND_ALLOW',
    schema: commaList.pipe(z.array(origin)),
    default: [],
    doc: 'Origins the gateway may fetch even over http or on private/loopback addresses (tests, local mocks). Comma-separated.',
  } satisfies Setting<string[]>,
  outboundConnectTo: {
    key: 'outbound.connectTo',
    env: 'GANGWAY_OUTBOUND_CONNECT_TO',
    schema: commaList.pipe(
      z.array(
        z.string().regex(/^[a-z0-9.-]+:\d{1,5}=(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost):\d{1,5}$/i, 'entries must be host:port=127.x.y.z:port (loopback targets only)'),
      ),
    ),
    default: [],
    doc: 'Test harnesses only: reach host:port at a loopback address instead (like curl --connect-to), e.g. chatgpt.com:443=127.0.0.1:8443.',
  } satisfies Setting<string[]>,
  outboundCaFile: {
    key: 'outbound.extraCaFile',
    env: 'GANGWAY_OUTBOUND_CA_FILE',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'Extra PEM CA certificates trusted for outbound https (added to the system roots).',
  } satisfies Setting<string | undefined>,
  allowedOrigins: {
    key: 'mcp.allowedOrigins',
    env: 'GANGWAY_ALLOWED_ORIGINS',
    schema: commaList.pipe(z.array(origin)),
    default: ['http://localhost:6274', 'http://127.0.0.1:6274'],
    doc: 'Browser origins allowed to call /mcp besides the gateway itself (TRANSPORT-02). The MCP Inspector by default.',
  } satisfies Setting<string[]>,
  sessionsPerUser: {
    key: 'mcp.sessionsPerUser',
    env: 'GANGWAY_MCP_SESSIONS_PER_USER',
    schema: z.coerce.number().int().min(1).max(10_000),
    default: 64,
    doc: "Open MCP sessions one user may hold (all clients together); past it the user's oldest session is closed.",
  } satisfies Setting<number>,
  trustProxy: {
    key: 'trustProxy',
    env: 'GANGWAY_TRUST_PROXY',
    schema: z.stringbool().or(z.boolean()),
    default: false,
    doc: 'Trust X-Forwarded-* headers from a reverse proxy.',
  } satisfies Setting<boolean>,
  logLevel: {
    key: 'log.level',
    env: 'GANGWAY_LOG_LEVEL',
    schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
    default: 'info',
    doc: 'Minimum level of the JSON log lines on stdout.',
  } satisfies Setting<'debug' | 'info' | 'warn' | 'error' | 'silent'>,
  vaultKeys: {
    key: 'vault.keys',
    env: 'GANGWAY_VAULT_KEYS',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'Keys that encrypt upstream credentials at rest: kid:base64url-32-bytes pairs, comma-separated, the first active.',
    secret: true,
  } satisfies Setting<string | undefined>,
  vaultKeyFile: {
    key: 'vault.keyFile',
    env: 'GANGWAY_VAULT_KEY_FILE',
    schema: z.string().min(1),
    default: '.gangway/vault.key',
    doc: 'Used when GANGWAY_VAULT_KEYS is unset: a key file generated on first start (keep it out of the data directory).',
  } satisfies Setting<string>,
  connectorsFile: {
    key: 'connectorsFile',
    env: 'GANGWAY_CONNECTORS_FILE',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'JSON connector catalogue (the enterprise tools users can authorize). Required unless a catalogue is passed to startGateway; stack/ defaults it to the three mock upstreams.',
  } satisfies Setting<string | undefined>,
  toolCallsPerMinute: {
    key: 'tools.callsPerMinute',
    env: 'GANGWAY_TOOL_CALLS_PER_MINUTE',
    schema: z.coerce.number().int().min(1).max(1_000_000),
    default: 600,
    doc: 'Tool calls one user may make per minute through the gateway (SEC-05), in bursts of up to a tenth of that.',
  } satisfies Setting<number>,
  toolListCacheSeconds: {
    key: 'tools.listCacheSeconds',
    env: 'GANGWAY_TOOL_LIST_CACHE_SECONDS',
    schema: z.coerce.number().int().min(0).max(3600),
    default: 60,
    doc: "How long an upstream's tool list is reused per user before it is asked again (grant changes clear it at once).",
  } satisfies Setting<number>,
  drainTimeoutSeconds: {
    key: 'shutdown.drainTimeoutSeconds',
    env: 'GANGWAY_DRAIN_TIMEOUT_SECONDS',
    schema: z.coerce.number().int().min(0).max(600),
    default: 10,
    doc: 'On SIGTERM, how long requests in flight may finish before the gateway cuts them and exits (README "Run several replicas").',
  } satisfies Setting<number>,
  drainGraceSeconds: {
    key: 'shutdown.notReadyGraceSeconds',
    env: 'GANGWAY_DRAIN_GRACE_SECONDS',
    schema: z.coerce.number().int().min(0).max(120),
    default: 0,
    doc: 'On SIGTERM, how long /readyz answers 503 while the gateway still accepts requests, for a load balancer that polls it to stop sending any.',
  } satisfies Setting<number>,
  directorySeed: {
    key: 'directory.seed',
    env: 'GANGWAY_DIRECTORY_SEED',
    schema: z.coerce.number().int().min(0),
    default: 20261124,
    doc: 'Faker seed of the demo directory users (same users every run) that stack/ passes to the gateway (stack/demoGateway.ts).',
  } satisfies Setting<number>,
} as const;

export type SettingName = keyof typeof settings;
export type SettingValues = { [K in SettingName]: z.output<(typeof settings)[K]['schema']> };
