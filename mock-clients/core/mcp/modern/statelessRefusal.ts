/**
 * Why a pinned 2026-07-28 connection was refused, in words a person can act on. The SDK's own
 * error ("Version negotiation failed … no fallback in pin mode") says what broke but not what to
 * do; the mock clients must never fall back to 2025 on their own (a scenario asked for 2026-07-28
 * would then pass against a server that cannot speak it), so the refusal names both ways out.
 */
import { SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { LATEST_STATEFUL_REVISION, STATELESS_REVISION } from '../../../../wire/protocolVersions.ts';
import { FlowFailure } from '../../flowFailure.ts';

export class StatelessRevisionRefused extends FlowFailure {
  /** What `server/discover` showed instead of 2026-07-28 (from the SDK's error, no secrets in it). */
  readonly detail: string;

  constructor(mcpUrl: string, detail: string, cause: unknown) {
    super(
      'connection-failed',
      `${originOf(mcpUrl)} does not speak MCP ${STATELESS_REVISION}: server/discover did not offer it (${detail}). ` +
        `It is probably a ${LATEST_STATEFUL_REVISION}-era server (initialize and Mcp-Session-Id): connect with the ${LATEST_STATEFUL_REVISION} profile instead, ` +
        `or upgrade the server to ${STATELESS_REVISION}. This profile never falls back by itself.`,
      { cause },
    );
    this.detail = detail;
  }
}

/** Turns the SDK's era-negotiation failure into a refusal; anything else (401, network) stays as it was. */
export function refusalFor(mcpUrl: string, error: unknown): unknown {
  if (error instanceof SdkError && error.code === SdkErrorCode.EraNegotiationFailed) return new StatelessRevisionRefused(mcpUrl, error.message, error);
  return error;
}

const originOf = (mcpUrl: string) => URL.parse(mcpUrl)?.origin ?? 'the server';
