/**
 * Writes connector-manifest.schema.json from the zod schema (`npx tsx scenarios/connectors/writeManifestJsonSchema.ts`);
 * tests/scenarios/connectorManifest.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { connectorManifestSchema } from './manifestSchema.ts';

export const MANIFEST_JSON_SCHEMA_FILE = fileURLToPath(new URL('./connector-manifest.schema.json', import.meta.url));

export function manifestJsonSchema(): string {
  const schema = z.toJSONSchema(connectorManifestSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Gangway vendor connector manifest' }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(MANIFEST_JSON_SCHEMA_FILE, manifestJsonSchema());
