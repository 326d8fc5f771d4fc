/**
 * How a replica learns that ANOTHER replica changed what its read caches hold (storeCache.ts:
 * Grant rows of oidc_models, directory users, tool grants, connections, approvals).
 *
 * Triggers rather than explicit notifies in the table modules: a trigger cannot be forgotten by a
 * new write path, it also covers writes no Gangway code makes (an operator's SQL, a future CLI),
 * and NOTIFY is transactional, so the message goes out only when the write commits. The payload is
 * the writer's application_name, which carries its instance id: a replica ignores its own (its
 * caches already dropped what its own writes touched). Statement-level, so a bulk write sends one
 * message; oidc_models notifies only for Grant rows (row-level, filtered), as tokens and sessions
 * are written on every sign-in and are not cached. PostgreSQL folds identical notifications of one
 * transaction into one.
 */
import type { Queryable } from './pgTypes.ts';

/** The channel the triggers notify on; store channel topics are `gangway_<topic>` and cannot start with '_'. */
export const CHANGES_CHANNEL = 'gangway__changes';

const TABLES = ['directory_users', 'tool_grants', 'upstream_connections', 'client_approvals'] as const;

/** Versioned name: a changed trigger body gets a new function, never an edited one under an old name. */
const FUNCTION = 'gangway_notify_change_v1';

export async function installChangeNotifications(client: Queryable): Promise<void> {
  await client.query(`CREATE OR REPLACE FUNCTION ${FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${CHANGES_CHANNEL}', current_setting('application_name'));
      RETURN NULL;
    END $$`);
  const existing = new Set(
    (await client.query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'gangway\\_changes\\_%' AND NOT tgisinternal")).rows.map((row) => row.tgname),
  );
  // CREATE TRIGGER locks the table briefly: skip the ones present, so a replica restarting under load does not.
  const wanted: [string, string][] = [
    ...TABLES.map((table): [string, string] => [`gangway_changes_${table}`, `AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${FUNCTION}()`]),
    ['gangway_changes_oidc_grant_write', `AFTER INSERT OR UPDATE ON oidc_models FOR EACH ROW WHEN (NEW.model = 'Grant') EXECUTE FUNCTION ${FUNCTION}()`],
    ['gangway_changes_oidc_grant_delete', `AFTER DELETE ON oidc_models FOR EACH ROW WHEN (OLD.model = 'Grant') EXECUTE FUNCTION ${FUNCTION}()`],
  ];
  for (const [name, definition] of wanted) {
    if (!existing.has(name)) await client.query(`CREATE TRIGGER ${name} ${definition}`);
  }
}
