/**
 * The single msw handler in front of a vendor's routes. For every non-admin request it
 *  1. notes what the recording needs (area, credential kind, grant type, JSON-RPC method and tool,
 *     fingerprints of any secret) from a clone, leaving the request untouched for the route;
 *  2. applies the knobs: added latency, then MCP-down, next-N 5xx, next-N 429 + Retry-After;
 *  3. otherwise answers through the vendor's own msw route list (404 when no route matches);
 *  4. records method, path, area, credential kind, status and the fault that answered.
 * Because this is an msw handler, the same code answers in-process (setupServer) and over
 * loopback HTTP (getResponse from a node:http server).
 */
import { getResponse, http, type HttpHandler, type RequestHandler } from 'msw';
import { setTimeout as sleep } from 'node:timers/promises';
import { jsonOf, rpcRequestFacts } from '../../wire/jsonRpcMessages.ts';
import { credentialKind } from './credentialKind.ts';
import type { InjectedFault } from './faults.ts';
import { presentedCredential, secretsOf } from './http/presentedCredential.ts';
import { bodyParams, queryParams, type Params } from './http/requestParams.ts';
import { jsonResponse } from './http/responses.ts';
import type { RequestArea } from './recording.ts';
import type { VendorCore } from './vendorCore.ts';

/** Body and query fields that carry secrets: fingerprinted, never recorded. */
const SECRET_FIELDS = ['client_secret', 'code', 'refresh_token', 'code_verifier', 'password', 'token'];

interface RequestFacts {
  readonly params: Params;
  readonly rpcMethod?: string | undefined;
  readonly tool?: string | undefined;
}

async function factsOf(request: Request, area: RequestArea): Promise<RequestFacts> {
  let params: Params = new Map();
  try {
    const query = queryParams(request);
    const body = request.method === 'POST' && area !== 'mcp' ? await bodyParams(request.clone()) : new Map<string, string>();
    params = new Map([...query, ...body]);
  } catch {
    // Unreadable input is the route's to refuse; the recording just learns less.
  }
  if (area !== 'mcp' || request.method !== 'POST') return { params };
  const { method: rpcMethod, tool } = rpcRequestFacts(jsonOf(await request.clone().text().catch(() => undefined)));
  return { params, rpcMethod, tool };
}

function faultResponse(fault: InjectedFault, area: RequestArea): Response {
  const note = `fault injected by mock-upstreams: ${fault.name}`;
  if (fault.name === 'rateLimit') {
    return jsonResponse({ error: 'rate_limited', message: `Too many requests (${note})` }, 429, { 'retry-after': String(fault.retryAfterSeconds) });
  }
  if (area === 'mcp') return jsonResponse({ jsonrpc: '2.0', error: { code: -32000, message: `Service unavailable (${note})` }, id: null }, fault.status);
  return jsonResponse({ error: 'server_error', message: `Service unavailable (${note})` }, fault.status);
}

export function requestGate(core: VendorCore, routes: readonly RequestHandler[]): HttpHandler {
  return http.all(core.url('/*'), async ({ request }) => {
    const started = performance.now();
    const url = new URL(request.url);
    const area = core.areaOf(url.pathname);
    const facts = await factsOf(request, area);
    const credential = credentialKind(core, request, facts.params);
    const secrets = [...secretsOf(presentedCredential(request)), ...SECRET_FIELDS.flatMap((f) => facts.params.get(f) ?? [])];

    const { latencyMs } = core.faults.settings;
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = core.faults.take(area);
    const response = fault
      ? faultResponse(fault, area)
      : ((await getResponse([...routes], request)) ?? jsonResponse({ message: 'Not Found' }, 404));

    core.recording.add(
      {
        at: new Date().toISOString(),
        method: request.method,
        path: url.pathname,
        area,
        credential,
        grantType: facts.params.get('grant_type'),
        rpcMethod: facts.rpcMethod,
        tool: facts.tool,
        status: response.status,
        fault: fault?.name,
        durationMs: Math.round(performance.now() - started),
      },
      secrets,
    );
    return response;
  });
}
