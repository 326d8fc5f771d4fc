/**
 * The connector catalogue: the enterprise tools a gateway offers, as admin configuration (JSON) —
 * adding a connector is an entry here, never code. Validated at start-up; the first problem stops
 * the gateway with the entry and field it is about.
 *
 * A connector is an upstream MCP server plus how a user proves who they are to it: a personal API
 * key (checked against the vendor's cheap "who am I" endpoint before it is saved, UP-04) and/or
 * OAuth to the vendor (endpoints given, or discovered from the MCP server's metadata, UP-02) — or
 * `none: {}`, a public MCP server the administrator exposes as it is: no user credential exists,
 * nothing is stored, and the gateway still never forwards the client's own token (AUTH-09).
 */
import { z } from 'zod';

const httpUrl = z.string().refine((value) => {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
}, 'must be an absolute http(s) URL without credentials');

/** A secret inline, or `env:NAME` to read it from the environment at start-up. */
const secretValue = z.string().min(1);

export const apiKeyAuthSchema = z.strictObject({
  /** bearer: `Authorization: Bearer <key>`; basic-email-token: `Basic base64(email:token)` (Atlassian); header: `<header>: <key>`. */
  scheme: z.enum(['bearer', 'basic-email-token', 'header']),
  header: z.string().regex(/^[A-Za-z0-9-]+$/).optional(),
  validation: z.strictObject({ url: httpUrl, method: z.enum(['GET', 'POST']).default('GET') }),
  /** Where the user creates a key; shown as a link under the key field. */
  docsUrl: httpUrl,
  placeholder: z.string().max(60).optional(),
  /** Known key prefixes, to catch a key of the wrong kind before asking the vendor. */
  prefixes: z.array(z.string().min(1).max(20)).optional(),
  /** Scopes the key must carry, read from the vendor's X-OAuth-Scopes answer when it sends one. */
  requiredScopes: z.array(z.string().min(1)).optional(),
});

export const oauthAuthSchema = z
  .strictObject({
    /** 'mcp': find the authorization server through the MCP server's Protected Resource Metadata. */
    discovery: z.literal('mcp').optional(),
    authorizationUrl: httpUrl.optional(),
    tokenUrl: httpUrl.optional(),
    revocationUrl: httpUrl.optional(),
    /** Absent with discovery: the gateway registers itself by DCR. */
    clientId: z.string().min(1).optional(),
    clientSecret: secretValue.optional(),
    /** How the client authenticates at the token endpoint; absent: as the server advertises (discovery), else client_secret_post. */
    clientAuthMethod: z.enum(['client_secret_post', 'client_secret_basic', 'none']).optional(),
    tokenRequestFormat: z.enum(['form', 'json']).default('form'),
    /** standard: RFC 6749 JSON; slack: HTTP 200 with ok:false on errors, user tokens under authed_user. */
    tokenResponse: z.enum(['standard', 'slack']).default('standard'),
    scopes: z.array(z.string().min(1)).default([]),
    scopeSeparator: z.enum([' ', ',']).default(' '),
    /** Slack user-token scopes, sent as user_scope. */
    userScopes: z.array(z.string().min(1)).optional(),
    extraAuthorizeParams: z.record(z.string(), z.string()).default({}),
    pkce: z.boolean().default(true),
  })
  .refine((oauth) => oauth.discovery === 'mcp' || (oauth.authorizationUrl && oauth.tokenUrl && oauth.clientId), {
    message: 'needs authorizationUrl, tokenUrl and clientId, or discovery: "mcp"',
  });

/** `{}` and nothing else, so a typo such as `"none": true` or `"none": { "apiKey": … }` stops start-up. */
export const noneAuthSchema = z.strictObject({}, { error: 'must be {} (an empty object): the connector needs no credential' });

export const connectorSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be 2–32 characters of a-z, 0-9 and -, starting with a letter'),
  displayName: z.string().min(1).max(60),
  description: z.string().max(200).optional(),
  /** An https/http image URL or a data: URI. */
  icon: z.string().max(8192).optional(),
  mcpUrl: httpUrl,
  /** Tools appear to clients as `<toolPrefix>__<tool>` (UP-06). */
  toolPrefix: z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be lower-case letters and digits, single underscores between words').max(32),
  auth: z
    .strictObject({ apiKey: apiKeyAuthSchema.optional(), oauth: oauthAuthSchema.optional(), none: noneAuthSchema.optional() })
    .refine((auth) => auth.apiKey || auth.oauth || auth.none, { message: 'needs apiKey, oauth, or both — or none: {} for a public server' })
    .refine((auth) => !(auth.none && (auth.apiKey || auth.oauth)), { message: 'none cannot be combined with apiKey or oauth: a connector either needs a credential or it does not' }),
  /** Only these upstream tools are offered (absent: all of them). */
  tools: z.strictObject({ allow: z.array(z.string().min(1)).min(1) }).optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});

export const catalogSchema = z
  .strictObject({ connectors: z.array(connectorSchema) })
  .superRefine((catalog, ctx) => {
    const seen = { id: new Set<string>(), prefix: new Set<string>() };
    catalog.connectors.forEach((connector, index) => {
      if (seen.id.has(connector.id)) ctx.addIssue({ code: 'custom', path: ['connectors', index, 'id'], message: `duplicate connector id ${connector.id}` });
      if (seen.prefix.has(connector.toolPrefix)) {
        ctx.addIssue({ code: 'custom', path: ['connectors', index, 'toolPrefix'], message: `duplicate toolPrefix ${connector.toolPrefix}: tool names would collide` });
      }
      seen.id.add(connector.id);
      seen.prefix.add(connector.toolPrefix);
    });
  });

export type ConnectorConfig = z.output<typeof connectorSchema>;
export type ApiKeyAuthConfig = z.output<typeof apiKeyAuthSchema>;
export type OAuthAuthConfig = z.output<typeof oauthAuthSchema>;
export type CatalogConfig = z.output<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
