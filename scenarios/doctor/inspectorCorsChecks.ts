/**
 * CLIENT-INSPECTOR-02, from inspectorCorsProbes.ts: every preflight the Inspector's page sends is
 * answered (2xx, its origin allowed, the requested headers allowed), and the MCP endpoint's answer
 * exposes WWW-Authenticate and Mcp-Session-Id to the page.
 */
import type { CheckContext } from '../checks/checkContext.ts';
import type { Exchange } from '../defects/exchange.ts';
import { check, type CheckResult } from '../model/checkResult.ts';
import { INSPECTOR_ORIGIN } from '../../mock-clients/inspector/profile.ts';
import { PROBE_HEADER, probeExchanges } from './probeRequest.ts';

const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
const originAllowed = (e: Exchange) => [INSPECTOR_ORIGIN, '*'].includes(e.response.headers['access-control-allow-origin'] ?? '');

function preflightProblem(e: Exchange): string | undefined {
  if (e.response.status >= 300) return `${e.response.status}`;
  if (!originAllowed(e)) return `origin not allowed (Access-Control-Allow-Origin: ${e.response.headers['access-control-allow-origin'] ?? 'absent'})`;
  const allowed = list(e.response.headers['access-control-allow-headers']);
  const missing = list(e.request.headers['access-control-request-headers']).filter((h) => !allowed.includes(h) && !allowed.includes('*'));
  return missing.length ? `headers not allowed: ${missing.join(', ')}` : undefined;
}

export function inspectorCorsChecks(context: CheckContext): CheckResult[] {
  const preflights = context.exchanges.filter((e) => e.request.headers[PROBE_HEADER]?.startsWith('preflight '));
  const problems = preflights.map((e) => ({ name: e.request.headers[PROBE_HEADER]!.slice('preflight '.length), problem: preflightProblem(e) })).filter((p) => p.problem);
  const mcp = probeExchanges(context.exchanges, 'inspector-mcp')[0];
  const exposed = list(mcp?.response.headers['access-control-expose-headers']);
  const mcpProblem = !mcp
    ? 'not probed'
    : !originAllowed(mcp)
      ? `MCP endpoint answered ${mcp.response.status} without allowing ${INSPECTOR_ORIGIN}`
      : ['www-authenticate', 'mcp-session-id'].filter((h) => !exposed.includes(h) && !exposed.includes('*')).map((h) => `${h} not exposed`).join(', ') || undefined;
  return [
    check(
      'inspector-cors',
      "The Inspector's browser page can do discovery, registration, token and MCP requests (CORS)",
      ['CLIENT-INSPECTOR-02'],
      preflights.length > 0 && problems.length === 0 && !mcpProblem,
      [...problems.map((p) => `preflight ${p.name}: ${p.problem}`), ...(mcpProblem ? [mcpProblem] : [])].join('; ') || `${preflights.length} preflights answered; WWW-Authenticate and Mcp-Session-Id exposed`,
    ),
  ];
}
