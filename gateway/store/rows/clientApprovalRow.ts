/** A client_approvals row as both stores read it; permissions are 1 (allowed) or 0 columns. */
import type { ClientPermissions } from '../store.ts';

export interface ClientApprovalRow {
  client_id: string;
  grant_id: string;
  approved_at: number;
  allow_elicitation: number;
  allow_sampling: number;
}

export const permissionsOf = (row: ClientApprovalRow): ClientPermissions => ({
  elicitation: Number(row.allow_elicitation) === 1,
  sampling: Number(row.allow_sampling) === 1,
});

export const flagOf = (allowed: boolean) => (allowed ? 1 : 0);

export const clientApprovalOf = (row: ClientApprovalRow) => ({
  clientId: row.client_id,
  grantId: row.grant_id,
  approvedAt: Number(row.approved_at),
  permissions: permissionsOf(row),
});
