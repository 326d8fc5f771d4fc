/**
 * Discovery, as a client meets it: the 401 challenge (AUTH-02, AUTH-05), Protected Resource
 * Metadata at both locations with the right resource (AUTH-01, AUTH-03, AUTH-04), authorization
 * server metadata with the right issuer and PKCE (AS-01, AS-02, AS-03), and a way to register
 * (AS-05, AS-07).
 */
import { challengeParam } from '../doctor/probes/discovery.ts';
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import type { Exchange } from '../runner/proxy/exchange.ts';
import { check, type CheckResult } from '../model/checkResult.ts';
import { asMetadataOf, isAsMetadataRequest, mcpExchanges, mcpPath, type CheckContext } from './checkContext.ts';

export function discoveryChecks(context: CheckContext): CheckResult[] {
  const results: CheckResult[] = [];
  const unauthorized = mcpExchanges(context).find((e) => !e.request.headers.authorization && e.response.status === 401);
  const challenge = unauthorized?.response.headers['www-authenticate'] ?? '';
  const metadataUrl = challengeParam(challenge, 'resource_metadata');
  results.push(
    check(
      'challenge-resource-metadata',
      'The 401 names its Protected Resource Metadata by absolute URL',
      ['AUTH-02'],
      Boolean(metadataUrl && /^https?:\/\//.test(metadataUrl)),
      !unauthorized ? 'no unauthenticated request to the MCP endpoint was answered 401' : metadataUrl ? `resource_metadata="${metadataUrl}"` : `WWW-Authenticate: ${challenge || '(missing)'}`,
    ),
    check('challenge-scope', 'The 401 challenge says which scope to ask for', ['AUTH-05'], Boolean(challengeParam(challenge, 'scope')), challenge || 'no challenge seen'),
  );

  const origin = new URL(context.mcpUrl).origin;
  const suffixed = `/.well-known/oauth-protected-resource${mcpPath(context)}`;
  const prmAt = (path: string) => context.exchanges.find((e) => e.request.method === 'GET' && e.request.path === path);
  const suffixedAnswer = prmAt(suffixed);
  const rootAnswer = prmAt('/.well-known/oauth-protected-resource');
  // RFC 9728 §5.1, MCP 2025-11-25: a client uses the challenge's URL when there is one and does not fall back;
  // without one it tries the path-suffixed location, then the root. One that answers is enough.
  const namedPath = metadataUrl && URL.canParse(metadataUrl) ? new URL(metadataUrl).pathname : undefined;
  const namedAnswer = namedPath ? prmAt(namedPath) : undefined;
  results.push(
    check(
      'prm-locations',
      'Protected Resource Metadata answers where the client looks for it (the challenge\'s URL, else the path-suffixed location or the root)',
      ['AUTH-03'],
      namedPath ? namedAnswer?.response.status === 200 : suffixedAnswer?.response.status === 200 || rootAnswer?.response.status === 200,
      `${namedPath ? `the challenge's ${namedPath}: ${namedAnswer?.response.status ?? 'not requested'}; ` : ''}${suffixed}: ${suffixedAnswer?.response.status ?? 'not requested'}; /.well-known/oauth-protected-resource: ${rootAnswer?.response.status ?? 'not requested'}`,
    ),
  );
  const prm = [suffixedAnswer, rootAnswer].map((e) => (e?.response.status === 200 ? (jsonOf(e.response.body) as { resource?: string; authorization_servers?: string[] }) : undefined)).find(Boolean);
  results.push(
    check('prm-resource', 'Protected Resource Metadata names exactly the MCP URL the client was given', ['AUTH-04'], prm?.resource === context.mcpUrl, `resource: ${prm?.resource ?? '(none)'}; expected ${context.mcpUrl}`),
    check('prm-authorization-servers', 'Protected Resource Metadata lists an authorization server', ['AUTH-01'], (prm?.authorization_servers?.length ?? 0) > 0, `authorization_servers: ${JSON.stringify(prm?.authorization_servers ?? [])}`),
  );

  const metadata = asMetadataOf(context);
  const issuer = prm?.authorization_servers?.[0];
  const located = (kind: string) => context.exchanges.filter((e) => isAsMetadataRequest(e) && e.request.path.includes(`/.well-known/${kind}`));
  const answered = (list: Exchange[]) => list.find((e) => e.response.status === 200) ?? list[0];
  const rfc8414 = answered(located('oauth-authorization-server'));
  const oidc = answered(located('openid-configuration'));
  results.push(
    check(
      'as-metadata-locations',
      'Authorization server metadata answers where clients look (RFC 8414, OIDC discovery)',
      ['AS-02'],
      rfc8414?.response.status === 200 || oidc?.response.status === 200,
      `RFC 8414: ${rfc8414?.response.status ?? 'not requested'}; OIDC: ${oidc?.response.status ?? 'not requested'}`,
    ),
    check('as-issuer', 'The metadata issuer is the identifier it was fetched for', ['AS-01'], Boolean(metadata && issuer && metadata.issuer === issuer), `issuer ${metadata?.issuer ?? '(no metadata)'}; fetched for ${issuer ?? origin}`),
    check(
      'pkce-advertised',
      'PKCE S256 is advertised',
      ['AS-03'],
      Boolean(metadata?.code_challenge_methods_supported?.includes('S256')),
      `code_challenge_methods_supported: ${JSON.stringify(metadata?.code_challenge_methods_supported ?? [])}`,
    ),
    check(
      'registration-available',
      'A client can register: Client ID Metadata Documents or dynamic registration',
      ['AS-05', 'AS-07'],
      Boolean(metadata?.client_id_metadata_document_supported || metadata?.registration_endpoint),
      `client_id_metadata_document_supported: ${String(metadata?.client_id_metadata_document_supported ?? false)}; registration_endpoint: ${metadata?.registration_endpoint ?? '(none)'}`,
    ),
  );
  return results;
}
