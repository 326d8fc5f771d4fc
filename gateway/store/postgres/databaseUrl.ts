/**
 * What may be said about a database URL: host, port and database name — never the user's password,
 * which the URL carries. Every message about the Postgres store names the server this way.
 */
export function describeDatabase(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return 'the server in GANGWAY_DATABASE_URL';
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}

/** Removes the URL's password (and the URL itself) from a driver message, should one ever echo them. */
export function withoutSecrets(message: string, url: string): string {
  const parsed = URL.parse(url);
  let clean = message.replaceAll(url, describeDatabase(url));
  for (const secret of [parsed?.password, parsed?.password && decodeURIComponent(parsed.password)]) {
    if (secret) clean = clean.replaceAll(secret, '***');
  }
  return clean;
}

/** The store could not be opened: what to check, in one line an operator can act on (no stack trace). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export function unavailable(url: string, error: unknown): StoreUnavailableError {
  const where = describeDatabase(url);
  const code = (error as { code?: string }).code;
  const reason = withoutSecrets(error instanceof Error ? error.message : String(error), url) || code || 'no answer';
  return new StoreUnavailableError(`cannot open the PostgreSQL store at ${where} (${reason}): is PostgreSQL running at ${where.split('/')[0]}? check GANGWAY_DATABASE_URL`);
}
