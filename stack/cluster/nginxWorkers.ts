/**
 * Which nginx workers still accept on the balancer's port (Linux /proc). After a reload the new
 * workers answer at once, but an old worker keeps accepting until it has handled the master's quit
 * signal — and would still send new requests to a replica taken out of rotation. A planned stop
 * waits until no old worker holds the listening socket (an old worker may live on, without it, to
 * finish the event streams it carries).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The pids of `masterPid`'s children (its workers). */
export function workerPids(masterPid: number): number[] {
  try {
    return readFileSync(`/proc/${masterPid}/task/${masterPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // fields: sl local_address rem_address st … inode (10th); 0A = LISTEN
    if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') return fields[9];
  }
  return undefined;
}

/** Whether any of `pids` still holds the socket listening on `port`. */
export function anyStillListening(pids: readonly number[], port: number): boolean {
  const inode = listeningInode(port);
  if (!inode) return false;
  const target = `socket:[${inode}]`;
  return pids.some((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
        } catch {
          return false;
        }
      });
    } catch {
      return false; // exited
    }
  });
}
