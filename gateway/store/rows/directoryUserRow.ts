/** A directory_users row as both stores read it. */
import type { DirectoryUser } from '../store.ts';

export interface DirectoryUserRow {
  id: string;
  email: string;
  name: string;
  department: string;
  password_hash: string;
}

export const directoryUserOf = (row: DirectoryUserRow | undefined): DirectoryUser | undefined =>
  row && { id: row.id, email: row.email, name: row.name, department: row.department, passwordHash: row.password_hash };
