/**
 * Why the gateway's RSS doubled under sustained load (issue 11 #9), and the bound.
 *
 * Not a leak: heap snapshots a minute apart under 50 clients showed the live heap flat (~70–110 MB
 * after a full GC). Under that concurrency each request's objects — the upstream fetch's web
 * streams, the SDK's parsed messages, SSE events — outlive two young-generation scavenges and are
 * promoted, and V8 then sets the next old-generation limit to as much as 4× the live size (its
 * throughput-first default on a machine with gigabytes to spare). The heap, and RSS with it, grew
 * toward that limit: 341 → 551 MB in `npm run bench`. A fixed growing factor of 1.5 makes the full
 * collections come sooner and keeps the heap near its live size (346 → 375 MB in the same bench).
 *
 * V8 reads this flag each time it computes the limit, so setting it after start-up works. A
 * deployment that chose its own policy (`--heap-growing-percent` or a heap ceiling in
 * NODE_OPTIONS or the node command line) keeps it.
 */
import { setFlagsFromString } from 'node:v8';

const HEAP_GROWING_PERCENT = 50;

const OWN_POLICY = /--(heap-growing-percent|heap_growing_percent|max-old-space-size|max_old_space_size)\b/;

/** Applies the gateway's heap growth policy to this process; returns whether it did. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if (OWN_POLICY.test(`${execArgv.join(' ')} ${nodeOptions}`)) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
