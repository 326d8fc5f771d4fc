/**
 * The ten most common real-world MCP setup failures (mcp-requirements.md), each as a defect the
 * proxy injects in front of a correct gateway. A scenario run against one must fail and name the
 * requirement ids listed here — that is how the harness proves its checks catch real mistakes.
 */
import type { Defect } from './defect.ts';
import { jsonOf, rpcMessages } from '../../wire/jsonRpcMessages.ts';
import { isTokenRequest, jsonAnswer, type ExchangeRequest, type ExchangeResponse } from '../runner/proxy/exchange.ts';

const isPrm = (request: ExchangeRequest) => request.path.startsWith('/.well-known/oauth-protected-resource');
const isAsMetadata = (request: ExchangeRequest) =>
  request.path.startsWith('/.well-known/oauth-authorization-server') || request.path.startsWith('/.well-known/openid-configuration');
const isRegistration = (request: ExchangeRequest) => request.method === 'POST' && /\/(register|reg)$/.test(request.path);
const form = (request: ExchangeRequest) => new URLSearchParams(request.body);

function editJson(response: ExchangeResponse, edit: (json: Record<string, unknown>) => void): ExchangeResponse {
  const json = jsonOf(response.body);
  if (!json || typeof json !== 'object') return response;
  edit(json as Record<string, unknown>);
  return { ...response, body: JSON.stringify(json) };
}

/** Fresh defect objects (some remember what they saw, e.g. which clients got tokens). */
function buildDefects(): Defect[] {
  /** Client ids that already received tokens: what a gateway with in-memory registrations forgets. */
  const issuedTo = new Set<string>();
  return [
  {
    id: 'no-resource-metadata',
    title: 'The 401 carries no resource_metadata',
    requirementIds: ['AUTH-02'],
    symptom: 'Error fetching OAuth configuration',
    onResponse: (request, response) =>
      response.status === 401 && response.headers['www-authenticate']?.includes('resource_metadata')
        ? { ...response, headers: { ...response.headers, 'www-authenticate': 'Bearer realm="mcp"' } }
        : response,
  },
  {
    id: 'prm-root-only',
    title: 'Protected Resource Metadata only at the root, its resource missing the path',
    requirementIds: ['AUTH-03', 'AUTH-04'],
    symptom: 'Error fetching OAuth configuration',
    onRequest: (request) => (isPrm(request) && request.path !== '/.well-known/oauth-protected-resource' ? jsonAnswer(404, { error: 'not_found' }) : undefined),
    onResponse: (request, response) =>
      isPrm(request) ? editJson(response, (json) => (json.resource = new URL(String(json.resource)).origin)) : response,
  },
  {
    id: 'as-issuer-mismatch',
    title: 'Authorization server metadata names another issuer than the one it was fetched for',
    requirementIds: ['AS-01'],
    symptom: 'Error fetching OAuth configuration',
    onResponse: (request, response) => (isAsMetadata(request) ? editJson(response, (json) => (json.issuer = `${String(json.issuer)}/tenant`)) : response),
  },
  {
    id: 'resource-rejected',
    title: 'The token endpoint rejects the RFC 8707 resource parameter',
    requirementIds: ['AS-04'],
    symptom: 'Authorization failed',
    onRequest: (request) =>
      isTokenRequest(request) && form(request).has('resource') ? jsonAnswer(400, { error: 'invalid_target', error_description: 'resource not recognised' }) : undefined,
  },
  {
    id: 'token-refused',
    title: 'Tokens are issued, then every authenticated MCP request is refused',
    requirementIds: ['AUTH-08'],
    symptom: 'Authorization failed',
    onRequest: (request) =>
      request.path.endsWith('/mcp') && request.headers.authorization
        ? jsonAnswer(401, { error: 'invalid_token', error_description: 'token audience mismatch' }, { 'www-authenticate': 'Bearer error="invalid_token"' })
        : undefined,
  },
  {
    id: 'redirect-not-allowed',
    title: "The registration allow-list misses the client's real callback",
    requirementIds: ['AUTH-12'],
    symptom: 'redirect_uri is not allowed',
    onRequest: (request) => {
      const realCallback = (uri: string) => /^https:\/\/(chatgpt\.com|claude\.ai|claude\.com)\//.test(uri) || /^http:\/\/localhost:6274\//.test(uri);
      if (isRegistration(request)) {
        const uris = (jsonOf(request.body) as { redirect_uris?: string[] } | undefined)?.redirect_uris ?? [];
        return uris.some(realCallback) ? jsonAnswer(400, { error: 'invalid_redirect_uri', error_description: 'redirect_uri is not on the allow-list' }) : undefined;
      }
      // Clients identified by a metadata document never register: the authorization request is refused.
      if (request.method === 'GET' && /\/authorize$/.test(request.path) && realCallback(request.query.get('redirect_uri') ?? '')) {
        return { status: 400, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><h1>invalid_redirect_uri</h1><p>redirect_uri is not on the allow-list</p>' };
      }
      return undefined;
    },
  },
  {
    id: 'registrations-forgotten',
    title: 'Dynamic registrations kept in memory: forgotten as if after a restart',
    requirementIds: ['AS-07'],
    symptom: 'invalid_client',
    onRequest: (request) => {
      if (!isTokenRequest(request)) return undefined;
      const clientId = form(request).get('client_id') ?? '';
      return issuedTo.has(clientId) ? jsonAnswer(401, { error: 'invalid_client', error_description: 'client not found' }) : undefined;
    },
    onResponse: (request, response) => {
      if (isTokenRequest(request) && response.status === 200) issuedTo.add(form(request).get('client_id') ?? '');
      return response;
    },
  },
  {
    id: 'no-registration',
    title: 'Neither dynamic registration nor Client ID Metadata Documents',
    requirementIds: ['AS-05', 'AS-07'],
    symptom: 'Error fetching OAuth configuration',
    onRequest: (request) => (isRegistration(request) ? jsonAnswer(404, { error: 'not_found' }) : undefined),
    onResponse: (request, response) =>
      isAsMetadata(request)
        ? editJson(response, (json) => {
            delete json.registration_endpoint;
            delete json.client_id_metadata_document_supported;
          })
        : response,
  },
  {
    id: 'no-refresh-token',
    title: 'No refresh tokens: the connection dies with the first access token',
    requirementIds: ['AUTH-11'],
    symptom: 'Connection expired',
    onResponse: (request, response) => (isTokenRequest(request) ? editJson(response, (json) => delete json.refresh_token) : response),
  },
  {
    id: 'stale-tool-list',
    title: 'Stale tool lists: no list_changed, and tools/list never changes',
    requirementIds: ['LISTCHANGED-04'],
    symptom: 'New tools do not appear after Refresh',
    ...(() => {
      const firstList = new Map<string, string>();
      return {
        onResponse: (request: ExchangeRequest, response: ExchangeResponse) => {
          const rpc = jsonOf(request.body) as { method?: string } | undefined;
          if (!request.path.endsWith('/mcp') || rpc?.method !== 'tools/list' || response.status !== 200) return response;
          const who = request.headers.authorization ?? '';
          const seen = firstList.get(who);
          if (seen) return { ...response, body: seen.replace(/"id":\s*\d+/, `"id":${String((jsonOf(request.body) as { id?: number }).id ?? 0)}`) };
          if (rpcMessages(response.body).length) firstList.set(who, response.body);
          return response;
        },
        onStreamChunk: (chunk: string) => (chunk.includes('notifications/tools/list_changed') ? '' : chunk),
      };
    })(),
  },
  ];
}

/** The catalogue (for listing): ids, titles, requirement ids, symptoms. */
export const DEFECTS: readonly Pick<Defect, 'id' | 'title' | 'requirementIds' | 'symptom'>[] = buildDefects().map(({ id, title, requirementIds, symptom }) => ({ id, title, requirementIds, symptom }));

/** A fresh instance of one defect, for one run. */
export function createDefect(id: string): Defect | undefined {
  return buildDefects().find((defect) => defect.id === id);
}
