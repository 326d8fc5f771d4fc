/** An oidc_models row as both stores read it: expired rows are absent; a consumed one says when (seconds). */
export interface OidcModelRow {
  payload: string;
  expires_at: number | null;
  consumed_at: number | null;
}

export function oidcPayloadOf(row: OidcModelRow | undefined, nowMs: number): Record<string, unknown> | undefined {
  if (!row) return undefined;
  if (row.expires_at !== null && Number(row.expires_at) <= nowMs) return undefined;
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  if (row.consumed_at !== null) payload.consumed = Math.floor(Number(row.consumed_at) / 1000);
  return payload;
}
