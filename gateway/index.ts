/**
 * The gateway's public surface: the one file stack/ and scenarios/ import from gateway/ (enforced by
 * tests/gateway/publicSurface.test.ts), so the gateway's folders can be rearranged without breaking
 * its users. Tests may still reach into the parts they test.
 */

// Start a gateway from its configuration and the inputs it does not own (directory users, catalogue).
export { startGateway, type DrainOptions, type DrainReport, type RunningGateway, type StartOptions } from './server.ts';
export type { GatewayInputs } from './gatewayInputs.ts';
export type { DirectoryUser } from './directory/seedDirectory.ts';
export type { GatewayApp } from './app.ts';

// Configuration: loaded and validated from defaults, GANGWAY_CONFIG_FILE, the environment and overrides.
export { ConfigError, loadConfig, type GatewayConfig, type LoadOptions, type ResolvedConfig } from './config/loadConfig.ts';
export type { SettingName } from './config/settings.ts';

// The connector catalogue an administrator writes. parseCatalog validates one exactly as start-up
// does, so a connector manifest (scenarios/connectors/) is checked by the gateway's own rules.
export { parseCatalog } from './connectors/loadCatalog.ts';
export type { ApiKeyAuthConfig, CatalogInput } from './connectors/catalogSchema.ts';
// The OAuth block of a catalogue entry as a schema: the connector manifest embeds it rather than
// restating a second copy of what the gateway accepts.
export { oauthAuthSchema } from './connectors/catalogSchema.ts';

// Logging: callers that run a gateway in-process hand it a logger (a file, a capture, silence).
export { createLogger, type LogLevel, type Logger } from './logging/logger.ts';

// The path of the upstream OAuth callback: public, an administrator registers it at each vendor.
export { UPSTREAM_CALLBACK_PATH } from './upstream/upstreamCallbackRoutes.ts';

// What the gateway sends upstream, exported on purpose for the connector preflight checks
// (scenarios/connectors/preflightChecks.ts): they must present a test key and build the
// authorization request exactly as the gateway will, or a passing check would prove nothing.
export { credentialHeaders } from './upstream/credentials.ts';
export { authorizationRequestUrl } from './upstream/oauthDialect.ts';
