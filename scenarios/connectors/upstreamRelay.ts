/**
 * The harness's relay between the gateway and a vendor's MCP server: the harness proxy
 * (runner/proxy/) in front of the vendor, without origin rewriting and with streams passed on as
 * they come. The gateway's catalogue entry points at the relay, and the relay's record keeps a
 * fingerprint of each credential it carried — so the scenarios can see, for any vendor:
 * - AUTH-09: whether a token the client was given at the gateway ever reached the upstream;
 * - UP-03: whether the gateway refreshed (a different credential after the upstream said 401);
 * and can play the upstream's failures without the vendor's help (a defect that answers in the
 * vendor's place): a 401 as for an expired or revoked token, a 5xx as for an outage (UP-05).
 */
import { jsonOf, rpcRequestFacts } from '../../wire/jsonRpcMessages.ts';
import type { Defect } from '../defects/defect.ts';
import { jsonAnswer, type Exchange } from '../runner/proxy/exchange.ts';
import { startObservingProxy } from '../runner/proxy/observingProxy.ts';

export interface RelayedRequest {
  readonly method: string;
  /** Keyed fingerprint of the Authorization value (never the value). */
  readonly credential: string | undefined;
  readonly status: number;
  /** Answered by the relay itself (a played failure), not by the vendor. */
  readonly played: boolean;
}

/** `rpcMethod`: only requests carrying this JSON-RPC method (a tool call, not the list the client asks for first). */
export type PlayedFailure = { readonly status: 401 | 500 | 502 | 503; readonly times: number | 'always'; readonly rpcMethod?: string };

export interface UpstreamRelay {
  /** The URL the gateway is given instead of the vendor's MCP URL. */
  readonly url: string;
  /** What reached the relay and got an answer, in order (the vendor's or a played one). */
  readonly requests: readonly RelayedRequest[];
  fingerprint(credential: string): string;
  /** Answer the next `times` requests (or all of them) with this status instead of forwarding. */
  play(failure: PlayedFailure | undefined): void;
  close(): Promise<void>;
}

/** The vendor's failure as a defect: answers matching requests itself until `times` are used up. */
function playedFailure(failure: PlayedFailure, done: () => void): Defect {
  let left = failure.times === 'always' ? Number.POSITIVE_INFINITY : failure.times;
  return {
    id: `played-${failure.status}`,
    title: `the upstream answers ${failure.status}`,
    requirementIds: [],
    symptom: 'played by the relay',
    onRequest(request) {
      if (left <= 0 || (failure.rpcMethod && rpcRequestFacts(jsonOf(request.body)).method !== failure.rpcMethod)) return undefined;
      left -= 1;
      if (left === 0) done();
      const expired = failure.status === 401;
      const headers: Record<string, string> = expired ? { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"' } : {};
      return jsonAnswer(failure.status, { error: expired ? 'invalid_token' : 'upstream_unavailable' }, headers);
    },
  };
}

export async function startUpstreamRelay(upstreamMcpUrl: string): Promise<UpstreamRelay> {
  const proxy = await startObservingProxy(upstreamMcpUrl, { rewrite: false, streamAnswers: true });
  const relayed = (exchange: Exchange): RelayedRequest => {
    const authorization = exchange.request.headers.authorization;
    return { method: exchange.request.method, credential: authorization ? proxy.fingerprint(authorization) : undefined, status: exchange.response.status, played: exchange.answeredByDefect === true };
  };
  return {
    url: proxy.proxied(upstreamMcpUrl),
    // A request the vendor never answered (connection refused) is not one it saw.
    get requests() {
      return proxy.exchanges.filter((exchange) => !exchange.failure).map(relayed);
    },
    fingerprint: proxy.fingerprint,
    play(next) {
      proxy.setDefect(next ? playedFailure(next, () => proxy.setDefect(undefined)) : undefined);
    },
    close: () => proxy.close(),
  };
}
