/** The --client option shared by the commands that drive a client look-alike. */
import { CLIENT_PROFILE_IDS } from '../../../mock-clients/core/profileTypes.ts';
import type { ClientProfile } from '../../model/scenario.ts';
import { UsageError, type ParsedArgs } from '../usage.ts';

export function clientOption(args: ParsedArgs, allowed: readonly ClientProfile[] = CLIENT_PROFILE_IDS): ClientProfile | undefined {
  const client = args.flags.get('client');
  if (client === undefined) return undefined;
  if (!allowed.includes(client as ClientProfile)) throw new UsageError(`--client must be one of ${allowed.join(', ')}`);
  return client as ClientProfile;
}

export function targetOption(args: ParsedArgs): string | undefined {
  const target = args.flags.get('target');
  if (target === undefined) return undefined;
  const url = URL.parse(String(target));
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError('--target must be an MCP server URL (http or https)');
  return url.href;
}
