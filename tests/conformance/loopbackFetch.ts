/**
 * The gateway's own SSRF-guarded outbound fetch (gateway/net/outboundFetch.ts, SEC-03), with every
 * loopback origin allow-listed as it is asked for. The conformance suite starts its mock MCP server
 * and authorization server on ports chosen at run time (http://localhost:<port>), so they cannot be
 * listed in GANGWAY_OUTBOUND_ALLOW up front; anything that is not loopback is refused here, so the
 * run never reaches the real internet.
 */
import { createOutboundFetch, OutboundFetchError, type OutboundFetch } from '../../gateway/net/outboundFetch.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function loopbackOutboundFetch(): OutboundFetch {
  const perOrigin = new Map<string, OutboundFetch>();
  const forOrigin = (input: string | URL): OutboundFetch => {
    const url = new URL(input);
    if (!LOOPBACK_HOSTS.has(url.hostname)) throw new OutboundFetchError('private-address', `refusing to fetch ${url.origin}: the conformance run stays on loopback`);
    let fetch = perOrigin.get(url.origin);
    if (!fetch) {
      fetch = createOutboundFetch({ allowOrigins: [url.origin] });
      perOrigin.set(url.origin, fetch);
    }
    return fetch;
  };
  const fetch = async (input: string | URL, init?: Parameters<OutboundFetch>[1]) => forOrigin(input)(input, init);
  return Object.assign(fetch, { request: async (url: URL, init: Parameters<OutboundFetch['request']>[1]) => forOrigin(url).request(url, init), timeoutMs: createOutboundFetch({ allowOrigins: [] }).timeoutMs });
}
