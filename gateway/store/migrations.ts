/**
 * Versioned schema migrations, applied in order inside one transaction each and recorded in
 * schema_migrations. Append only: a released migration is never edited. The SQL is the common
 * subset of SQLite and PostgreSQL (TEXT, BIGINT, composite keys, plain indexes) so the Postgres
 * store runs the same list.
 */
/**
 * The one place the dialects differ: a store-assigned, increasing row id. Migrations write
 * AUTO_ID and each store substitutes its own spelling before running the SQL.
 */
export const AUTO_ID = 'AUTO_ID';
export const autoIdSql = { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY' } as const;
export const migrationSql = (migration: Migration, dialect: keyof typeof autoIdSql): string => migration.sql.replaceAll(AUTO_ID, autoIdSql[dialect]);

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'oidc models',
    sql: `
      CREATE TABLE oidc_models (
        model       TEXT   NOT NULL,
        id          TEXT   NOT NULL,
        payload     TEXT   NOT NULL,
        grant_id    TEXT,
        uid         TEXT,
        user_code   TEXT,
        expires_at  BIGINT,
        consumed_at BIGINT,
        PRIMARY KEY (model, id)
      );
      CREATE INDEX oidc_models_grant_id ON oidc_models (grant_id);
      CREATE INDEX oidc_models_uid ON oidc_models (model, uid);
      CREATE INDEX oidc_models_user_code ON oidc_models (model, user_code);
      CREATE INDEX oidc_models_expires_at ON oidc_models (expires_at);
    `,
  },
  {
    version: 2,
    name: 'directory, sessions, approvals, key material',
    sql: `
      CREATE TABLE directory_users (
        id            TEXT   PRIMARY KEY,
        email         TEXT   NOT NULL UNIQUE,
        name          TEXT   NOT NULL,
        department    TEXT   NOT NULL,
        password_hash TEXT   NOT NULL
      );
      CREATE TABLE user_sessions (
        id_hash    TEXT   PRIMARY KEY,
        account_id TEXT   NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE TABLE client_approvals (
        account_id  TEXT   NOT NULL,
        client_id   TEXT   NOT NULL,
        grant_id    TEXT   NOT NULL,
        approved_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, client_id)
      );
      CREATE TABLE key_material (
        name       TEXT   PRIMARY KEY,
        value      TEXT   NOT NULL,
        created_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'upstream connections, tool grants, upstream authorizations, consent drafts, audit',
    sql: `
      CREATE TABLE upstream_connections (
        account_id         TEXT   NOT NULL,
        connector_id       TEXT   NOT NULL,
        method             TEXT   NOT NULL,
        secret             TEXT   NOT NULL,
        scopes             TEXT   NOT NULL,
        status             TEXT   NOT NULL,
        expires_at         BIGINT,
        connected_at       BIGINT NOT NULL,
        last_used_at       BIGINT,
        version            BIGINT NOT NULL,
        refresh_lock_until BIGINT,
        PRIMARY KEY (account_id, connector_id)
      );
      CREATE TABLE tool_grants (
        account_id   TEXT   NOT NULL,
        client_id    TEXT   NOT NULL,
        connector_id TEXT   NOT NULL,
        tools        TEXT   NOT NULL,
        granted_at   BIGINT NOT NULL,
        PRIMARY KEY (account_id, client_id, connector_id)
      );
      CREATE INDEX tool_grants_connector ON tool_grants (account_id, connector_id);
      CREATE TABLE upstream_authorizations (
        state_hash      TEXT   PRIMARY KEY,
        account_id      TEXT   NOT NULL,
        connector_id    TEXT   NOT NULL,
        interaction_uid TEXT,
        return_to       TEXT   NOT NULL,
        verifier        TEXT   NOT NULL,
        redirect_uri    TEXT   NOT NULL,
        expires_at      BIGINT NOT NULL
      );
      CREATE TABLE upstream_clients (
        connector_id  TEXT   PRIMARY KEY,
        registration  TEXT   NOT NULL,
        registered_at BIGINT NOT NULL
      );
      CREATE TABLE consent_drafts (
        interaction_uid TEXT   PRIMARY KEY,
        account_id      TEXT   NOT NULL,
        draft           TEXT   NOT NULL,
        expires_at      BIGINT NOT NULL
      );
      CREATE TABLE audit_events (
        id           TEXT   PRIMARY KEY,
        at           BIGINT NOT NULL,
        event        TEXT   NOT NULL,
        account_id   TEXT,
        client_id    TEXT,
        connector_id TEXT,
        tool         TEXT,
        outcome      TEXT   NOT NULL,
        latency_ms   BIGINT,
        detail       TEXT
      );
      CREATE INDEX audit_events_account ON audit_events (account_id, at);
    `,
  },
  {
    version: 4,
    name: 'prompts and resources in tool grants, elicitation and sampling per approved client',
    // The defaults keep what was stored before working as it meant: a grant from before this
    // migration allowed all of a connector's prompts and resources ('*'), and an approved client
    // could be asked for elicitation and sampling (1 = allowed).
    sql: `
      ALTER TABLE tool_grants ADD COLUMN prompts TEXT NOT NULL DEFAULT '*';
      ALTER TABLE tool_grants ADD COLUMN resources TEXT NOT NULL DEFAULT '*';
      ALTER TABLE client_approvals ADD COLUMN allow_elicitation BIGINT NOT NULL DEFAULT 1;
      ALTER TABLE client_approvals ADD COLUMN allow_sampling BIGINT NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 5,
    name: 'MCP sessions and their event log, cluster-wide limits',
    // Issue 14: what one process used to hold in memory, so any replica can serve any session
    // and two replicas count the same limits. DOUBLE PRECISION is the bucket's fractional token count.
    sql: `
      CREATE TABLE mcp_sessions (
        id               TEXT   PRIMARY KEY,
        subject          TEXT   NOT NULL,
        client_id        TEXT   NOT NULL,
        resource         TEXT   NOT NULL,
        protocol_version TEXT   NOT NULL,
        initialize       TEXT   NOT NULL,
        state            TEXT   NOT NULL,
        created_at       BIGINT NOT NULL,
        last_seen_at     BIGINT NOT NULL
      );
      CREATE INDEX mcp_sessions_subject ON mcp_sessions (subject, created_at);
      CREATE INDEX mcp_sessions_last_seen ON mcp_sessions (last_seen_at);
      CREATE TABLE mcp_events (
        seq        AUTO_ID,
        session_id TEXT   NOT NULL,
        stream_id  TEXT   NOT NULL,
        message    TEXT   NOT NULL
      );
      CREATE INDEX mcp_events_session ON mcp_events (session_id, stream_id, seq);
      CREATE TABLE limit_buckets (
        key        TEXT   PRIMARY KEY,
        tokens     DOUBLE PRECISION NOT NULL,
        updated_at BIGINT NOT NULL,
        full_at    BIGINT NOT NULL
      );
      CREATE TABLE limit_windows (
        key        TEXT   PRIMARY KEY,
        started_at BIGINT NOT NULL,
        count      BIGINT NOT NULL
      );
      CREATE TABLE limit_failures (
        key             TEXT   PRIMARY KEY,
        count           BIGINT NOT NULL,
        locked_until    BIGINT NOT NULL,
        last_failure_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'cluster replicas',
    // Issue 14: where each replica can be reached by the others, for what must go back to the
    // replica that holds it (a 2026-07-28 multi-round request's open upstream call).
    sql: `
      CREATE TABLE cluster_replicas (
        id           TEXT   PRIMARY KEY,
        internal_url TEXT   NOT NULL,
        seen_at      BIGINT NOT NULL
      );
    `,
  },
];
