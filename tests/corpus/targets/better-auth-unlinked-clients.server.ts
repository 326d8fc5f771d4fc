/**
 * Variant of better-auth-path-issuer with better-auth's default for dynamically registered
 * clients: they are linked to no resource, so every authorization request carrying the MCP URL as
 * `resource` is refused with error=invalid_target — a deployment defect support meets, and the
 * answer a JSON client sees as 200 {"redirect":true,"url":"…?error=invalid_target…"}.
 */
process.env.CORPUS_BETTER_AUTH_DEFAULT_RESOURCES = 'unset';
await import('./better-auth-path-issuer.server.ts');
