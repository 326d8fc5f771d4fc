/** Directory users (the people who sign in to the gateway). Emails are stored lower-case. */
import type Database from 'better-sqlite3';
import { directoryUserOf, type DirectoryUserRow } from '../../rows/directoryUserRow.ts';
import type { DirectoryStore } from '../../store.ts';

export function directory(db: Database.Database): DirectoryStore {
  const upsert = db.prepare(`
    INSERT INTO directory_users (id, email, name, department, password_hash) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name,
      department = excluded.department, password_hash = excluded.password_hash`);
  const byId = db.prepare('SELECT * FROM directory_users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM directory_users WHERE email = ?');
  return {
    async upsertUser(user) {
      upsert.run(user.id, user.email.toLowerCase(), user.name, user.department, user.passwordHash);
    },
    async findById(id) {
      return directoryUserOf(byId.get(id) as DirectoryUserRow | undefined);
    },
    async findByEmail(email) {
      return directoryUserOf(byEmail.get(email.trim().toLowerCase()) as DirectoryUserRow | undefined);
    },
  };
}
