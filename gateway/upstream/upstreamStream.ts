/**
 * An upstream's standalone GET stream (Streamable HTTP): where a stateful server sends what answers
 * no request — its own list_changed announcements (the SDK's `sendToolListChanged()` after a tool is
 * added), `resources/updated` for a subscription. Without it the gateway would hear of such changes
 * only on the stream of some later request, and the user's client would list stale tools.
 *
 * Opened per pooled upstream session whose server can announce anything (listChanged or subscribe),
 * read event by event, reopened after a drop with a growing pause — at most MAX_FAILURES in a row,
 * then left until the session is opened again — and closed with the session. 405 (the server has no
 * such stream) or 404 (the session is gone) ends it for good. A request the server sends on it is
 * not the AI client's to answer (no call of the client's is under way): a ping is answered, anything
 * else refused.
 */
import { isJsonObject, type JsonObject } from '../../wire/jsonRpcMessages.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import { headersOf, postReply, readEventStream, type RpcTarget } from './upstreamRpc.ts';

const MAX_FAILURES = 5;
const FIRST_PAUSE_MS = 1000;
const MAX_PAUSE_MS = 30_000;
const JSONRPC_METHOD_NOT_FOUND = -32601;

export interface UpstreamStream {
  close(): void;
}

/** Whether the server said it may announce something on its own (initialize capabilities). */
export function announcesChanges(capabilities: JsonObject): boolean {
  const flag = (name: string, key: string) => isJsonObject(capabilities[name]) && (capabilities[name] as JsonObject)[key] === true;
  return flag('tools', 'listChanged') || flag('prompts', 'listChanged') || flag('resources', 'listChanged') || flag('resources', 'subscribe');
}

export function openUpstreamStream(fetch: OutboundFetch, target: RpcTarget, onNotification: (message: JsonObject) => void, logger: Logger): UpstreamStream {
  const stop = new AbortController();
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
  const answer = async (message: JsonObject) => {
    const reply = message.method === 'ping' ? { id: message.id, result: {} } : { id: message.id, error: { code: JSONRPC_METHOD_NOT_FOUND, message: 'the gateway passes requests on to the AI client only during a request of the client' } };
    await postReply(fetch, target, reply).catch(() => undefined);
  };
  void (async () => {
    let failures = 0;
    while (!stop.signal.aborted && failures < MAX_FAILURES) {
      try {
        const headers = { ...headersOf(target), accept: 'text/event-stream' };
        delete (headers as Record<string, string>)['content-type'];
        const response = await fetch.request(target.url, { method: 'GET', headers, signal: stop.signal });
        if (response.statusCode === 405 || response.statusCode === 404) {
          await response.body.dump();
          return;
        }
        if (response.statusCode < 200 || response.statusCode >= 300) {
          await response.body.dump();
          failures++;
        } else {
          failures = 0;
          await readEventStream(response.body, { onNotification, onRequest: answer });
        }
      } catch (error) {
        if (stop.signal.aborted) return;
        failures++;
        logger.debug('upstream.stream_dropped', { url: target.url.origin, error: (error as Error)?.message });
      }
      await pause(Math.min(FIRST_PAUSE_MS * 2 ** failures, MAX_PAUSE_MS));
    }
  })();
  return { close: () => stop.abort() };
}
