/**
 * SEC-05 (validate tool inputs): a small JSON Schema subset check of tool arguments — object shape,
 * required properties, primitive types, enums, no unknown properties when the schema forbids them.
 * Enough for the gateway's own tools; upstream tools are validated by their upstream as well.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: boolean; enum?: unknown[]; items?: Schema };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function check(schema: Schema, value: unknown, path: string): string | undefined {
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) return `${path} must be one of ${schema.enum.map(String).join(', ')}`;
  if (schema.type) {
    const actual = typeOf(value);
    const ok = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!ok) return `${path} must be ${schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type}`;
  }
  if (schema.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in record)) return `${path}.${name} is required`;
    for (const [name, item] of Object.entries(record)) {
      const property = schema.properties?.[name];
      if (!property) {
        if (schema.additionalProperties === false) return `${path}.${name} is not a known argument`;
        continue;
      }
      const problem = check(property, item, `${path}.${name}`);
      if (problem) return problem;
    }
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    for (const [index, item] of value.entries()) {
      const problem = check(schema.items, item, `${path}[${index}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A readable problem with the arguments, or undefined when they fit the schema. */
export function checkToolArguments(schema: Tool['inputSchema'], args: unknown): string | undefined {
  return check(schema as Schema, args, 'arguments');
}
