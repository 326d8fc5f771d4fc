/**
 * The credentials file of `gangway run --credentials FILE`: the person's sign-in at the gateway
 * and, per tool (named as the consent page labels it), an API key or a sign-in at the vendor for
 * "Connect via OAuth"; optionally the MCP tool to call. Validated before anything starts: a bad
 * file is one line naming the field. Secrets shorter than 6 characters are refused — the report
 * redactor cannot replace such short values without mangling ordinary words.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Credentials, ToolCredential } from './credentials.ts';

const MIN_SECRET = 6;
const secret = z.string().min(MIN_SECRET, `must be at least ${MIN_SECRET} characters (shorter secrets cannot be redacted from reports)`);
const signIn = z
  .object({ username: z.string().min(1).optional(), email: z.string().min(1).optional(), password: secret })
  .strict()
  .refine((value) => Boolean(value.username ?? value.email), { message: 'needs a username (or email)', path: ['username'] });

const tool = z
  .object({
    name: z.string().min(1, 'must name the tool as its consent page labels it'),
    apiKey: secret.optional(),
    account: z.string().min(1).optional(),
    oauth: signIn.optional(),
  })
  .strict()
  .refine((value) => (value.apiKey === undefined) !== (value.oauth === undefined), { message: 'needs exactly one of apiKey or oauth', path: ['apiKey'] });

export const credentialsFileSchema = z
  .object({
    $schema: z.string().optional(),
    person: signIn,
    tools: z.array(tool).default([]),
    call: z.object({ tool: z.string().min(1), arguments: z.record(z.string(), z.unknown()).default({}) }).strict().optional(),
  })
  .strict();

export type CredentialsFile = z.infer<typeof credentialsFileSchema>;

export class CredentialsFileError extends Error {
  override readonly name = 'CredentialsFileError';
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('') || '(top level)';
}

export function parseCredentialsFile(text: string, file: string): CredentialsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CredentialsFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = credentialsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CredentialsFileError(`${file}: ${fieldPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadCredentialsFile(file: string): CredentialsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CredentialsFileError(`${file}: cannot read the credentials file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseCredentialsFile(text, file);
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The file as the runner's Credentials; a seed scenario's tool id (`github`) finds the tool named so. */
export function credentialsFromFile(file: CredentialsFile): Credentials {
  const tools: ToolCredential[] = file.tools.map((entry) =>
    entry.oauth
      ? { name: entry.name, method: 'oauth', vendorAccount: { email: (entry.oauth.username ?? entry.oauth.email)!, password: entry.oauth.password } }
      : { name: entry.name, method: 'api_key', apiKey: { key: entry.apiKey!, username: entry.account } },
  );
  const find = (name: string) => {
    const found = tools.find((entry) => sameName(entry.name, name));
    if (!found) throw new Error(`the credentials file has no tool named "${name}"`);
    return found;
  };
  return {
    person: { email: (file.person.username ?? file.person.email)!, password: file.person.password },
    vendorAccount(upstream) {
      const found = find(upstream);
      if (found.method !== 'oauth') throw new Error(`the credentials file gives "${upstream}" an API key, not a vendor sign-in (oauth)`);
      return found.vendorAccount;
    },
    apiKey(upstream) {
      const found = find(upstream);
      if (found.method !== 'api_key') throw new Error(`the credentials file gives "${upstream}" a vendor sign-in, not an API key`);
      return found.apiKey;
    },
    tools,
    call: file.call ? { tool: file.call.tool, arguments: file.call.arguments } : undefined,
    secrets: [file.person.password, ...tools.map((entry) => (entry.method === 'oauth' ? entry.vendorAccount.password : entry.apiKey.key))],
  };
}
