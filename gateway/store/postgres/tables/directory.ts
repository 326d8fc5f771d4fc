/** Directory users on PostgreSQL (as sqlite/tables/directory.ts); emails stored lower-case. */
import { directoryUserOf, type DirectoryUserRow } from '../../rows/directoryUserRow.ts';
import type { DirectoryStore } from '../../store.ts';
import { inTransaction, type Pool } from '../pgTypes.ts';

export function directory(pool: Pool): DirectoryStore {
  return {
    // Replicas starting at once seed the same users. ON CONFLICT arbitrates on the id only: two
    // concurrent first inserts of one user would collide on the email's unique index instead and
    // fail a replica's start. A lock per email makes the second wait and then update.
    async upsertUser(user) {
      const email = user.email.toLowerCase();
      await inTransaction(pool, async (client) => {
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended('gangway.directory:' || $1, 0))", [email]);
        await client.query(
          `INSERT INTO directory_users (id, email, name, department, password_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, department = excluded.department, password_hash = excluded.password_hash`,
          [user.id, email, user.name, user.department, user.passwordHash],
        );
      });
    },
    async findById(id) {
      return directoryUserOf((await pool.query<DirectoryUserRow>('SELECT * FROM directory_users WHERE id = $1', [id])).rows[0]);
    },
    async findByEmail(email) {
      return directoryUserOf((await pool.query<DirectoryUserRow>('SELECT * FROM directory_users WHERE email = $1', [email.trim().toLowerCase()])).rows[0]);
    },
  };
}
