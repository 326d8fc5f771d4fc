/**
 * logging/setLevel fanned out to the upstreams (issue 13): a client's level — 2025's
 * `logging/setLevel`, or 2026-07-28's per-request `_meta` log level — reaches every upstream of the
 * connectors the caller may use, so their tools send the messages the client asked for. One that is
 * down only loses its own messages (logged). The upstream session keeps the most verbose level any
 * of the user's sessions asked for (upstreamMcp.ts); each session's own filter does the rest.
 */
import type { Logger } from '../logging/logger.ts';
import type { LiveGrants } from '../tools/liveGrants.ts';
import type { ToolCaller } from '../tools/toolCatalog.ts';
import type { UpstreamMcp } from '../upstream/upstreamMcp.ts';

export type LogLevelFanOut = (caller: ToolCaller, level: string) => Promise<void>;

export function createLogLevelFanOut({ liveGrants, upstream, logger }: { liveGrants: LiveGrants; upstream: Pick<UpstreamMcp, 'setLogLevel'>; logger: Logger }): LogLevelFanOut {
  return async (caller, level) => {
    const grants = await liveGrants(caller);
    await Promise.all(
      grants.map(({ connector }) =>
        upstream.setLogLevel(caller.user.id, connector, level).catch((error: unknown) => logger.warn('upstream.set_level_failed', { account_id: caller.user.id, connector_id: connector.id, error: (error as Error)?.message })),
      ),
    );
  };
}
