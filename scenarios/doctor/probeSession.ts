/** What every probe gets: the MCP URL it talks to (the observing proxy's) and the record so far. */
import type { CheckContext } from '../checks/checkContext.ts';

export interface ProbeSession {
  readonly mcpUrl: string;
  /** The checks' view of everything recorded until now (later probes build on earlier answers). */
  context(): CheckContext;
  /** A bearer token the support engineer supplied (--token), for the authenticated probes. */
  readonly token: string | undefined;
}
