/**
 * What only browsers add: a foreign Origin refused (TRANSPORT-02, DNS rebinding) and the MCP
 * Inspector's browser-side OAuth passing CORS (CLIENT-INSPECTOR-02). A server that authenticates
 * before it looks at Origin answers 401 either way: its Origin check is judged with --token.
 */
import { INSPECTOR_ORIGIN } from '../../../mock-clients/inspector/profile.ts';
import type { Exchange } from '../../runner/proxy/exchange.ts';
import type { DoctorCheck } from '../doctorCheck.ts';
import { FOREIGN_ORIGIN, PREFLIGHT_PREFIX } from '../probes/browserOrigin.ts';
import { PROBE_HEADER } from '../probes/probeSession.ts';
import { RULES } from '../spec/specRules.ts';
import { NEEDS_TOKEN } from './mcpEndpointChecks.ts';

const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
const originAllowed = (x: Exchange) => [INSPECTOR_ORIGIN, '*'].includes(x.response.headers['access-control-allow-origin'] ?? '');

function preflightProblem(x: Exchange): string | undefined {
  if (x.response.status >= 300) return `${x.response.status}`;
  if (!originAllowed(x)) return `origin not allowed (Access-Control-Allow-Origin: ${x.response.headers['access-control-allow-origin'] ?? 'absent'})`;
  const allowed = list(x.response.headers['access-control-allow-headers']);
  const missing = list(x.request.headers['access-control-request-headers']).filter((h) => !allowed.includes(h) && !allowed.includes('*'));
  return missing.length ? `headers not allowed: ${missing.join(', ')}` : undefined;
}

export const browserChecks: readonly DoctorCheck[] = [
  {
    id: 'origin-refused',
    title: `A request from a foreign browser origin (${FOREIGN_ORIGIN}) is refused with 403`,
    requirementIds: ['TRANSPORT-02'],
    rules: [RULES.originInvalid403, RULES.originValidated0618],
    needs: ['origin'],
    fix: 'Validate the Origin header on the MCP endpoint and refuse unknown browser origins with 403 (DNS rebinding).',
    evaluate(e, revision) {
      const signedIn = e.byProbe('origin-signed-in')[0];
      const judged = signedIn ?? e.byProbe('origin')[0];
      if (!judged) return { notApplicable: 'not probed' };
      const status = judged.response.status;
      if (!signedIn && status === 401) return { notApplicable: `the server authenticates before it checks Origin; ${NEEDS_TOKEN}` };
      const refused = revision === '2025-06-18' ? status >= 400 : status === 403;
      return { pass: refused, details: `Origin ${FOREIGN_ORIGIN}${signedIn ? ' with your token' : ''} → ${status}` };
    },
  },
  {
    id: 'inspector-cors',
    title: "The Inspector's browser page can do discovery, registration, token and MCP requests (CORS)",
    requirementIds: ['CLIENT-INSPECTOR-02'],
    rules: [RULES.inspectorCors],
    needs: ['cors'],
    fix: 'Answer CORS from http://localhost:6274 on metadata, /register, /token and the MCP endpoint: allow Authorization, Content-Type, Mcp-Protocol-Version, Mcp-Session-Id; expose WWW-Authenticate, Mcp-Session-Id.',
    evaluate(e) {
      const preflights = e.session.proxy.exchanges.filter((x) => x.request.headers[PROBE_HEADER]?.startsWith(PREFLIGHT_PREFIX));
      const problems = preflights.map((x) => ({ name: x.request.headers[PROBE_HEADER]!.slice(PREFLIGHT_PREFIX.length), problem: preflightProblem(x) })).filter((p) => p.problem);
      const mcp = e.byProbe('inspector-mcp')[0];
      const exposed = list(mcp?.response.headers['access-control-expose-headers']);
      const mcpProblem = !mcp
        ? 'not probed'
        : !originAllowed(mcp)
          ? `MCP endpoint answered ${mcp.response.status} without allowing ${INSPECTOR_ORIGIN}`
          : ['www-authenticate', 'mcp-session-id'].filter((h) => !exposed.includes(h) && !exposed.includes('*')).map((h) => `${h} not exposed`).join(', ') || undefined;
      return {
        pass: preflights.length > 0 && problems.length === 0 && !mcpProblem,
        details: [...problems.map((p) => `preflight ${p.name}: ${p.problem}`), ...(mcpProblem ? [mcpProblem] : [])].join('; ') || `${preflights.length} preflights answered; WWW-Authenticate and Mcp-Session-Id exposed`,
      };
    },
  },
];
