/**
 * Why a pinned 2026-07-28 connection failed, in words a person can act on. The SDK reports every
 * failed probe as "Version negotiation failed … no fallback in pin mode", whether the server
 * answered `server/discover` as a 2025 server or never answered at all (down, or a browser's CORS
 * refusal of the Mcp-Method / Mcp-Name headers); what the caller's fetch saw tells them apart. The
 * mock clients never fall back to 2025 on their own: a scenario asked for 2026-07-28 would then
 * pass against a server that cannot speak it.
 */
import { SdkError, SdkErrorCode, type FetchLike } from '@modelcontextprotocol/client';
import { LATEST_STATEFUL_REVISION, STATELESS_REVISION } from '../../../../wire/protocolVersions.ts';
import { FlowFailure } from '../../flowFailure.ts';

export class StatelessRevisionRefused extends FlowFailure {
  /** The HTTP status the server answered `server/discover` with. */
  readonly status: number;

  constructor(mcpUrl: string, status: number, cause: unknown) {
    super(
      'connection-failed',
      `${originOf(mcpUrl)} does not speak MCP ${STATELESS_REVISION}: it answered server/discover with HTTP ${status} and did not offer ${STATELESS_REVISION}. ` +
        `It is probably a ${LATEST_STATEFUL_REVISION}-era server (initialize and Mcp-Session-Id): connect with the ${LATEST_STATEFUL_REVISION} profile instead, ` +
        `or upgrade the server to ${STATELESS_REVISION}. This profile never falls back by itself.`,
      { cause },
    );
    this.status = status;
  }
}

/** What the probe got back: an HTTP status, or nothing (the fetch itself failed). */
export type ProbeAnswer = number | 'no-answer' | undefined;

/** Wraps the caller's fetch to remember how `server/discover` was answered. */
export function observeProbe(fetchFn: FetchLike): { fetch: FetchLike; answer: () => ProbeAnswer } {
  let answer: ProbeAnswer;
  const isProbe = (init: RequestInit | undefined) => typeof init?.body === 'string' && init.body.includes('"server/discover"');
  return {
    answer: () => answer,
    fetch: async (url, init) => {
      try {
        const response = await fetchFn(url, init);
        if (isProbe(init)) answer = response.status;
        return response;
      } catch (error) {
        if (isProbe(init)) answer = 'no-answer';
        throw error;
      }
    },
  };
}

/** The SDK's negotiation failure as a refusal or as unreachable; anything else (401 → OAuth) stays as it was. */
export function refusalFor(mcpUrl: string, error: unknown, answer: ProbeAnswer): unknown {
  if (!(error instanceof SdkError) || error.code !== SdkErrorCode.EraNegotiationFailed) return error;
  if (typeof answer === 'number') return new StatelessRevisionRefused(mcpUrl, answer, error);
  return new FlowFailure(
    'server-unreachable',
    `${originOf(mcpUrl)} did not answer server/discover (network error; in a browser also a CORS preflight that does not allow the Mcp-Method and Mcp-Name request headers).`,
    { cause: error },
  );
}

const originOf = (mcpUrl: string) => URL.parse(mcpUrl)?.origin ?? 'the server';
