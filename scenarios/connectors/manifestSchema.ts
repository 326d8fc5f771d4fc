/**
 * The vendor connector manifest (issue 6): everything `gangway validate-connector` needs to register
 * a vendor's MCP server in the reference gateway and prove it in the browser — where it is, how a
 * user authenticates (API key with its check URL, and/or OAuth with a test client and test account;
 * or `none: {}` for a public server that takes no credential), the tools it must offer and one
 * sample call per tool with the result it should give.
 *
 * This zod schema is the one definition; connector-manifest.schema.json is generated from it for
 * editors and vendors' CI (a test keeps the two in step). Strings may use `${NAME}` or
 * `${NAME:-default}` to read the environment (secrets, staging URLs); see loadManifest.ts.
 */
import { z } from 'zod';
import { oauthAuthSchema } from '../../gateway/index.ts';

const httpUrl = z
  .string()
  .refine((value) => {
    const url = URL.parse(value);
    return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  }, 'must be an absolute http(s) URL without credentials')
  .describe('An absolute http(s) URL');

const cssSelector = z.string().min(1).max(300);

/** Selectors for the vendor's own login page; each absent one falls back to what ordinary forms use. */
const pageScriptSchema = z
  .strictObject({
    username: cssSelector.optional().describe('The username / email field (default: an email, username or login input)'),
    password: cssSelector.optional().describe('The password field (default: input[type=password])'),
    submit: cssSelector.optional().describe('The sign-in button (default: a button named Sign in, Log in or Continue)'),
    approve: cssSelector.optional().describe('The consent button (default: a button named Allow, Authorize, Approve or Accept)'),
  })
  .describe("Selectors for the vendor's own login and consent pages");

const apiKeyMethodSchema = z
  .strictObject({
    scheme: z.enum(['bearer', 'basic-email-token', 'header']).describe('bearer: Authorization: Bearer <key>; basic-email-token: Basic base64(email:key); header: <header>: <key>'),
    header: z.string().regex(/^[A-Za-z0-9-]+$/).optional().describe('The header name for scheme "header"'),
    validationUrl: httpUrl.describe('A cheap "who am I" endpoint: 2xx for a good key, 401/403 (or ok:false) for a bad one (UP-04)'),
    validationMethod: z.enum(['GET', 'POST']).default('GET'),
    docsUrl: httpUrl.describe('Where users create a key'),
    placeholder: z.string().max(60).optional(),
    prefixes: z.array(z.string().min(1).max(20)).optional().describe('Known key prefixes'),
    requiredScopes: z.array(z.string().min(1)).optional().describe('Scopes a key must carry (read from X-OAuth-Scopes)'),
    testKey: z.string().min(1).describe('A working key of the test account; use ${ENV_NAME} to keep it out of the file'),
    testUsername: z.string().min(1).optional().describe('The account email, for scheme basic-email-token'),
  })
  .refine((key) => key.scheme !== 'header' || key.header, { message: 'scheme "header" needs header', path: ['header'] })
  .refine((key) => key.scheme !== 'basic-email-token' || key.testUsername, { message: 'scheme "basic-email-token" needs testUsername', path: ['testUsername'] });

/** The OAuth dialect as the gateway's catalogue defines it: catalogEntry.ts copies these fields across unchanged. */
const { clientAuthMethod, tokenRequestFormat, tokenResponse, scopes, scopeSeparator, userScopes, extraAuthorizeParams } = oauthAuthSchema.shape;

const oauthMethodSchema = z
  .strictObject({
    discovery: z.literal('mcp').optional().describe("Find the authorization server from the MCP server's Protected Resource Metadata (and register by DCR when no test client is given)"),
    authorizationUrl: httpUrl.optional(),
    tokenUrl: httpUrl.optional(),
    revocationUrl: httpUrl.optional(),
    testClient: z
      .strictObject({
        clientId: z.string().min(1),
        clientSecret: z.string().min(1).optional(),
        clientAuthMethod,
      })
      .optional()
      .describe("A client registered at the vendor for tests; its redirect URIs must accept the gateway's callback (any loopback port)"),
    tokenRequestFormat,
    tokenResponse,
    scopes,
    scopeSeparator,
    userScopes,
    extraAuthorizeParams,
    testAccount: z.strictObject({ username: z.string().min(1), password: z.string().min(1) }).describe("The account the browser signs in with on the vendor's login page"),
    pageScript: pageScriptSchema.optional(),
  })
  .refine((oauth) => oauth.discovery === 'mcp' || (oauth.authorizationUrl && oauth.tokenUrl && oauth.testClient), {
    message: 'needs authorizationUrl, tokenUrl and testClient, or discovery: "mcp"',
  });

/** A public MCP server: the gateway reaches it with no credential; users have nothing to connect. */
const noneMethodSchema = z
  .strictObject({}, { error: 'must be {} (an empty object): the server takes no credential' })
  .describe('The MCP server is public: no API key, no OAuth; users have nothing to connect');

const resultExpectationSchema = z
  .strictObject({
    isError: z.boolean().default(false).describe('Whether the call should end as a tool error'),
    textMatches: z
      .string()
      .refine((pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      }, 'must be a valid regular expression')
      .optional()
      .describe("A regular expression the result's text (its text parts, else its structured content as JSON) must match"),
  })
  .describe('The expected result shape');

const toolExpectationSchema = z.strictObject({
  name: z.string().min(1).max(128).describe('The upstream tool name (the gateway shows it as <toolPrefix>__<name>)'),
  sampleCall: z.strictObject({
    arguments: z.record(z.string(), z.unknown()).default({}),
    expect: resultExpectationSchema.default({ isError: false }),
  }),
});

export const connectorManifestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be 2–32 characters of a-z, 0-9 and -, starting with a letter'),
    name: z.string().min(1).max(60),
    description: z.string().max(200).optional(),
    mcpUrl: httpUrl.describe('The Streamable HTTP MCP endpoint'),
    toolPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be lower-case letters and digits, single underscores between words')
      .max(32)
      .optional()
      .describe('Tools appear as <toolPrefix>__<tool> (UP-06); default: the id with - as _'),
    auth: z
      .strictObject({ apiKey: apiKeyMethodSchema.optional(), oauth: oauthMethodSchema.optional(), none: noneMethodSchema.optional() })
      .refine((auth) => auth.apiKey || auth.oauth || auth.none, { message: 'needs apiKey, oauth, or both — or none: {} for a public server' })
      .refine((auth) => !(auth.none && (auth.apiKey || auth.oauth)), { message: 'none cannot be combined with apiKey or oauth: a server either takes a credential or it does not' }),
    tools: z.array(toolExpectationSchema).min(1).describe('Tools the connector must offer, each with one sample call'),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.tools.forEach((tool, index) => {
      if (seen.has(tool.name)) ctx.addIssue({ code: 'custom', path: ['tools', index, 'name'], message: `duplicate tool ${tool.name}` });
      seen.add(tool.name);
    });
  });

export type ConnectorManifest = z.output<typeof connectorManifestSchema>;
export type ApiKeyMethod = z.output<typeof apiKeyMethodSchema>;
export type OAuthMethod = z.output<typeof oauthMethodSchema>;
export type ResultExpectation = z.output<typeof resultExpectationSchema>;
/** How a user connects: a key, OAuth, or — for a public server — nothing at all. */
export type ConnectMethodName = 'api_key' | 'oauth' | 'none';

/** For scenario ids and titles. */
export const CONNECT_METHOD_LABEL: Record<ConnectMethodName, { readonly slug: string; readonly title: string }> = {
  api_key: { slug: 'api-key', title: 'API key' },
  oauth: { slug: 'oauth', title: 'OAuth' },
  none: { slug: 'no-sign-in', title: 'no sign-in' },
};

export function toolPrefixOf(manifest: ConnectorManifest): string {
  return manifest.toolPrefix ?? manifest.id.replace(/-/g, '_');
}

export function connectMethods(manifest: ConnectorManifest): ConnectMethodName[] {
  const { apiKey, oauth, none } = manifest.auth;
  return [apiKey ? ('api_key' as const) : undefined, oauth ? ('oauth' as const) : undefined, none ? ('none' as const) : undefined].filter((m) => m !== undefined);
}
