/**
 * Reads a connector manifest, fills in `${NAME}` / `${NAME:-default}` from the environment (so test
 * keys and passwords stay in CI secrets and staging URLs can move), and validates it. Every problem
 * is a ManifestError naming the file, the field and what is wrong — before anything starts.
 */
import { readFileSync } from 'node:fs';
import { connectorManifestSchema, type ConnectorManifest } from './manifestSchema.ts';

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

function interpolate(value: unknown, env: NodeJS.ProcessEnv, source: string, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      throw new ManifestError(`Invalid connector manifest ${source}: ${path || 'root'} refers to environment variable ${name}, which is not set`);
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, env, source, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env, source, path ? `${path}.${key}` : key)]));
  }
  return value;
}

export function parseManifest(input: unknown, source: string, env: NodeJS.ProcessEnv = process.env): ConnectorManifest {
  const parsed = connectorManifestSchema.safeParse(interpolate(input, env, source, ''));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    throw new ManifestError(`Invalid connector manifest ${source}: ${path || 'root'} ${issue.message}`);
  }
  return parsed.data;
}

export function loadManifestFile(path: string, env: NodeJS.ProcessEnv = process.env): ConnectorManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ManifestError(`Cannot read connector manifest ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`Connector manifest ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseManifest(json, path, env);
}
