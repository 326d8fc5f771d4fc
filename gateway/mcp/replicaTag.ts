/**
 * A replica's id, and the one way it marks what only that replica can finish (issue 14): a
 * question's id sent to a 2025 client (replicaRequestIds.ts) and a 2026-07-28 `requestState`
 * (modern/inputRounds.ts) start with `<replica id>.`, and replicaForwarding.ts reads the holder
 * back from either. One definition, so the writers and the reader cannot drift apart.
 */
import { randomBytes } from 'node:crypto';

/** 72 random bits, 12 base64url characters: this process among the replicas sharing a store. */
export const newReplicaId = (): string => randomBytes(9).toString('base64url');

/** `text` marked as belonging to `replicaId`. */
export const tagFor = (replicaId: string, text: string): string => `${replicaId}.${text}`;

/** The replica a tagged text names, and the rest; undefined for anything else. */
export function readTag(text: string): { replicaId: string; rest: string } | undefined {
  const match = /^([A-Za-z0-9_-]{12})\.(.*)$/s.exec(text);
  return match ? { replicaId: match[1]!, rest: match[2]! } : undefined;
}
