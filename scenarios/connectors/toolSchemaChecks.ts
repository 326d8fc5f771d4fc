/**
 * What a connector's tools/list must hold, whether it was read from the vendor directly (preflight)
 * or from the gateway's answer to the client (namespaced): every expected tool is offered (UP-06),
 * and each one's input schema is a JSON Schema object that the manifest's sample call satisfies —
 * the gateway validates tool inputs against it (SEC-05), so a wrong schema breaks real calls.
 */
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { check, type CheckResult } from '../model/checkResult.ts';
import type { ConnectorManifest } from './manifestSchema.ts';

const validators = new AjvJsonSchemaValidator();

function schemaProblem(tool: Tool, args: Record<string, unknown>): string | undefined {
  const schema = tool.inputSchema as Record<string, unknown> | undefined;
  if (!schema || typeof schema !== 'object') return 'has no inputSchema';
  if (schema.type !== 'object') return `has an inputSchema of type ${JSON.stringify(schema.type)}; MCP tools need type "object"`;
  let outcome;
  try {
    outcome = validators.getValidator(schema as never)(args);
  } catch (error) {
    return `has an inputSchema that is not valid JSON Schema: ${(error as Error).message.slice(0, 200)}`;
  }
  return outcome.valid ? undefined : `rejects the manifest's sample arguments ${JSON.stringify(args).slice(0, 200)}: ${outcome.errorMessage}`;
}

/** `nameOf` maps a manifest tool name to the name in this list (namespaced when listed by the gateway). */
export function toolSchemaChecks(manifest: ConnectorManifest, listed: readonly Tool[], source: string, nameOf: (tool: string) => string = (t) => t): CheckResult[] {
  const byName = new Map(listed.map((tool) => [tool.name, tool]));
  const missing = manifest.tools.map((t) => nameOf(t.name)).filter((name) => !byName.has(name));
  const results: CheckResult[] = [
    check(
      `${source}-tools-offered`,
      `Every expected tool is in ${source}'s tools/list`,
      ['UP-06'],
      missing.length === 0,
      missing.length === 0 ? `${manifest.tools.length} expected tools listed` : `missing: ${missing.join(', ')} (listed: ${[...byName.keys()].join(', ').slice(0, 400) || 'none'})`,
    ),
  ];
  for (const expected of manifest.tools) {
    const tool = byName.get(nameOf(expected.name));
    if (!tool) continue;
    const problem = schemaProblem(tool, expected.sampleCall.arguments);
    results.push(check(`${source}-tool-schema:${expected.name}`, `${expected.name}: input schema is usable and accepts the sample call`, ['SEC-05'], !problem, problem ? `${tool.name} ${problem}` : `${tool.name}: object schema, sample arguments valid`));
  }
  return results;
}
