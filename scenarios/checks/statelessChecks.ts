/**
 * What only a 2026-07-28 conversation has (REV26-02), from the recorded traffic: the client learns
 * about the server from `server/discover` (answered, listing 2026-07-28) instead of initialize;
 * every request carries `_meta` with the protocol version and the client's capabilities, since
 * there is no session to remember them; and the `Mcp-Method` / `Mcp-Name` headers mirror the body,
 * so a load balancer or gateway can route without reading it. Applies to 2026-07-28 scenarios only:
 * a 2025 client has none of these (its version and capabilities live in the session, TRANSPORT-09/10).
 */
import { isJsonObject, rpcMessages, type JsonObject } from '../../wire/jsonRpcMessages.ts';
import { META_CLIENT_CAPABILITIES, META_PROTOCOL_VERSION, STATELESS_REVISION } from '../../wire/protocolVersions.ts';
import { check, type CheckResult } from '../model/checkResult.ts';
import { scenarioRevision } from '../model/scenario.ts';
import type { Exchange } from '../runner/proxy/exchange.ts';
import { mcpExchanges, type CheckContext } from './checkContext.ts';

/** The requests whose name goes in Mcp-Name, and where the body keeps it. */
const NAMED: Readonly<Record<string, 'name' | 'uri'>> = { 'tools/call': 'name', 'prompts/get': 'name', 'resources/read': 'uri' };

interface SentRequest {
  readonly exchange: Exchange;
  readonly method: string;
  readonly params: JsonObject;
}

function sentRequests(context: CheckContext): SentRequest[] {
  return mcpExchanges(context)
    .filter((e) => e.request.method === 'POST' && e.request.headers.authorization)
    .flatMap((exchange) =>
      rpcMessages(exchange.request.body)
        .filter((m) => typeof m.method === 'string' && m.id !== undefined)
        .map((m) => ({ exchange, method: String(m.method), params: isJsonObject(m.params) ? m.params : {} })),
    );
}

/** Why a request's headers do not mirror its body, or undefined when they do. */
function headerMismatch({ exchange, method, params }: SentRequest): string | undefined {
  const headers = exchange.request.headers;
  if (headers['mcp-method'] !== method) return `${method}: Mcp-Method ${headers['mcp-method'] ?? '(none)'}`;
  const field = NAMED[method];
  const name = field ? params[field] : undefined;
  if (typeof name === 'string' && headers['mcp-name'] !== name) return `${method} ${name}: Mcp-Name ${headers['mcp-name'] ?? '(none)'}`;
  return undefined;
}

const metaOk = ({ params }: SentRequest) => {
  const meta = params._meta;
  return isJsonObject(meta) && meta[META_PROTOCOL_VERSION] === STATELESS_REVISION && isJsonObject(meta[META_CLIENT_CAPABILITIES]);
};

export function statelessChecks(context: CheckContext): CheckResult[] {
  if (scenarioRevision(context.scenario) !== STATELESS_REVISION) return [];
  const requests = sentRequests(context);
  const discovered = requests.filter((r) => r.method === 'server/discover' && r.exchange.response.status === 200);
  const offered = discovered.some((r) =>
    rpcMessages(r.exchange.response.body).some((m) => isJsonObject(m.result) && Array.isArray(m.result.supportedVersions) && m.result.supportedVersions.includes(STATELESS_REVISION)),
  );
  const withoutMeta = requests.filter((r) => !metaOk(r));
  const mismatched = requests.flatMap((r) => headerMismatch(r) ?? []);
  const none = 'no authenticated MCP request seen';
  return [
    check(
      'server-discover',
      'The client learns about the server from server/discover, which lists 2026-07-28',
      ['REV26-02'],
      offered,
      discovered.length ? `${discovered.length} server/discover answered; 2026-07-28 ${offered ? 'listed' : 'not listed'}` : 'no answered server/discover seen',
    ),
    check(
      'request-meta',
      'Every request carries _meta with protocol version 2026-07-28 and the client capabilities',
      ['REV26-02'],
      requests.length > 0 && withoutMeta.length === 0,
      requests.length ? `${requests.length - withoutMeta.length} of ${requests.length} requests${withoutMeta.length ? `; without: ${withoutMeta.map((r) => r.method).join(', ')}` : ''}` : none,
    ),
    check(
      'routing-headers',
      'Mcp-Method (and Mcp-Name for a tool, prompt or resource) mirror the body of every request',
      ['REV26-02'],
      requests.length > 0 && mismatched.length === 0,
      requests.length ? `${requests.length - mismatched.length} of ${requests.length} requests${mismatched.length ? `; ${mismatched.slice(0, 4).join('; ')}` : ''}` : none,
    ),
  ];
}
