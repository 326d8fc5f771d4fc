/** Directory users on PostgreSQL (as sqlite/tables/directory.ts); emails stored lower-case. */
import type { DirectoryStore, DirectoryUser } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  department: string;
  password_hash: string;
}

const toUser = (row: UserRow | undefined): DirectoryUser | undefined =>
  row && { id: row.id, email: row.email, name: row.name, department: row.department, passwordHash: row.password_hash };

export function directory(pool: Pool): DirectoryStore {
  return {
    async upsertUser(user) {
      await pool.query(
        `INSERT INTO directory_users (id, email, name, department, password_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, department = excluded.department, password_hash = excluded.password_hash`,
        [user.id, user.email.toLowerCase(), user.name, user.department, user.passwordHash],
      );
    },
    async findById(id) {
      return toUser((await pool.query<UserRow>('SELECT * FROM directory_users WHERE id = $1', [id])).rows[0]);
    },
    async findByEmail(email) {
      return toUser((await pool.query<UserRow>('SELECT * FROM directory_users WHERE email = $1', [email.trim().toLowerCase()])).rows[0]);
    },
  };
}
