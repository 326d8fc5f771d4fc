/**
 * What shows that a scenario really ran on the cluster, read from what the cluster exposes: nginx's
 * access log (which replica answered each request) and the replicas' own JSON log lines.
 */
import type { RunningCluster } from '../../stack/cluster/startCluster.ts';

export type RequestKind = 'mcp' | 'oauth' | 'other';
/** The gateway's MCP endpoint, and its authorization server's endpoints (registration, authorize, token, interactions). */
const kindOf = (uri: string): RequestKind => (/^\/mcp(\/|\?|$)/.test(uri) ? 'mcp' : /^\/(register|authorize|token|interaction|oauth|\.well-known)/.test(uri) ? 'oauth' : 'other');

/** Requests nginx logged since `sinceMs`, counted by kind and by the replica that answered (the last address tried). */
export function answeredByReplica(cluster: RunningCluster, sinceMs: number): Map<number, Record<RequestKind, number>> {
  const byPort = new Map(cluster.replicas.map((replica) => [new URL(replica.listenUrl).port, replica.index]));
  const counts = new Map<number, Record<RequestKind, number>>(cluster.replicas.map((replica) => [replica.index, { mcp: 0, oauth: 0, other: 0 }]));
  for (const line of cluster.balancer.accessLog()) {
    // ACCESS_LOG_FORMAT: `$msec $method $uri $status upstream=$upstream_addr upstream_status=…`
    const match = /^(\d+(?:\.\d+)?) \S+ (\S+) \d+ upstream=(\S+(?:, \S+)*) upstream_status=/.exec(line);
    if (!match || Number(match[1]) * 1000 < sinceMs) continue;
    const last = match[3]!.split(', ').at(-1)!;
    const count = counts.get(byPort.get(last.split(':').at(-1)!) ?? -1);
    if (count) count[kindOf(match[2]!)]++;
  }
  return counts;
}

/**
 * How many MCP sessions a replica took over since `sinceMs`: `mcp.session_revived` is what a replica
 * logs when a request names a session it did not open and it rebuilds it from the shared store.
 */
export function sessionsRevived(cluster: RunningCluster, sinceMs: number): number {
  let revived = 0;
  for (const line of cluster.logs().split('\n')) {
    const json = line.replace(/^\[replica-\d+\] /, '');
    if (!json.startsWith('{')) continue;
    const entry = JSON.parse(json) as { time?: string; event?: string };
    if (entry.event === 'mcp.session_revived' && entry.time && Date.parse(entry.time) >= sinceMs) revived++;
  }
  return revived;
}
