/**
 * A fetch that records every exchange a client back end has with the gateway. The client's code
 * says which connection and phase the requests belong to; the wrapper notes the request, passes it
 * on unchanged, and records the answer — reading a copy of the body when it matters (JSON,
 * MCP POST answers) while the caller reads the original.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ClientProfileId } from '../profileTypes.ts';
import type { TrafficPhase } from './exchange.ts';
import { bodyText, headerRecord, MAX_RECORDED_BODY_CHARS, wantsResponseBody, type RawExchange } from './rawExchange.ts';
import { readCappedText } from './readCappedText.ts';
import type { TrafficLog } from './trafficLog.ts';

export interface RecordingContext {
  readonly profile: ClientProfileId;
  readonly connectionId: string;
  readonly phase: TrafficPhase;
}

/** A network failure in words, without the request (whose URL may carry a code). */
export function networkFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  if (typeof cause?.code === 'string') return `network error (${cause.code})`;
  return error instanceof Error && error.name === 'AbortError' ? 'aborted' : 'network error';
}

export function recordingFetch(log: TrafficLog, context: RecordingContext, baseFetch: FetchLike = fetch): FetchLike {
  return async (input, init) => {
    const seq = log.reserve();
    const startedAt = Date.now();
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const request: Omit<RawExchange, 'responseHeaders'> = {
      connectionId: context.connectionId,
      phase: context.phase,
      kind: 'http',
      method,
      url,
      requestHeaders: headerRecord(init?.headers ?? (input instanceof Request ? input.headers : undefined)),
      requestBody: bodyText(init?.body),
      startedAt,
    };
    let response: Response;
    try {
      response = await baseFetch(input, init);
    } catch (error) {
      log.record(context.profile, 'backend', { ...request, status: 0, error: networkFailure(error), responseHeaders: {}, durationMs: Date.now() - startedAt }, seq);
      throw error;
    }
    const responseHeaders = headerRecord(response.headers);
    const finish = (responseBody?: string) =>
      log.record(context.profile, 'backend', { ...request, status: response.status, responseHeaders, responseBody, durationMs: Date.now() - startedAt }, seq);
    if (response.body && wantsResponseBody(context.phase, method, response.headers.get('content-type') ?? '')) {
      log.track(readCappedText(response.clone(), MAX_RECORDED_BODY_CHARS).then(finish, () => finish()));
    } else {
      finish();
    }
    return response;
  };
}
