/**
 * Reads and validates the connector catalogue at start-up. `env:NAME` secrets are resolved here, so
 * a missing variable stops start-up naming the connector and the variable. The gateway has no
 * catalogue of its own: it is given one (startGateway's `catalog`) or reads GANGWAY_CONNECTORS_FILE.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/loadConfig.ts';
import { catalogSchema, type CatalogConfig, type CatalogInput } from './catalogSchema.ts';

function resolveSecrets(catalog: CatalogConfig, env: NodeJS.ProcessEnv): CatalogConfig {
  return {
    connectors: catalog.connectors.map((connector) => {
      const secret = connector.auth.oauth?.clientSecret;
      if (!secret?.startsWith('env:')) return connector;
      const name = secret.slice(4);
      const value = env[name];
      if (!value) throw new ConfigError(`connector ${connector.id}: auth.oauth.clientSecret refers to environment variable ${name}, which is not set`);
      return { ...connector, auth: { ...connector.auth, oauth: { ...connector.auth.oauth!, clientSecret: value } } };
    }),
  };
}

export function parseCatalog(input: unknown, source: string, env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    const connectors = (input as { connectors?: { id?: unknown }[] } | null)?.connectors;
    const index = typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const named = index !== undefined && typeof connectors?.[index]?.id === 'string' ? ` (connector ${connectors[index]!.id as string})` : '';
    throw new ConfigError(`Invalid connector catalogue ${source}${named}: ${path.replace(/^\./, '') || 'root'} ${issue.message}`);
  }
  return resolveSecrets(parsed.data, env);
}

export function loadCatalogFile(path: string, env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`Invalid setting GANGWAY_CONNECTORS_FILE (connectorsFile): cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`Invalid setting GANGWAY_CONNECTORS_FILE (connectorsFile): ${path} is not valid JSON`);
  }
  return parseCatalog(json, path, env);
}

/** The catalogue given to startGateway wins; else GANGWAY_CONNECTORS_FILE; neither stops start-up. */
export function resolveCatalog(given: CatalogInput | undefined, connectorsFile: string | undefined, env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  if (given) return parseCatalog(given, 'given to startGateway', env);
  if (connectorsFile) return loadCatalogFile(connectorsFile, env);
  throw new ConfigError('Missing setting GANGWAY_CONNECTORS_FILE (connectorsFile): the gateway needs a connector catalogue file (or a catalogue passed to startGateway)');
}

export type { CatalogInput };
