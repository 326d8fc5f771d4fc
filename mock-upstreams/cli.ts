/**
 * The `mock-upstreams` command: options from flags and environment, start, print each vendor's base
 * URL. Secrets are never printed — the admin secret comes from MOCK_UPSTREAMS_ADMIN_SECRET (not a
 * flag: flags show up in process lists); without it a random one is used and the admin API is
 * effectively closed.
 *
 *   --host=127.0.0.1  --atlassian-port=4101  --github-port=4102  --slack-port=4103  --seed=20261124
 *   MOCK_UPSTREAMS_HOST, MOCK_UPSTREAMS_ATLASSIAN_PORT, …_GITHUB_PORT, …_SLACK_PORT, MOCK_UPSTREAMS_SEED,
 *   MOCK_UPSTREAMS_ADMIN_SECRET
 */
import { VENDOR_IDS, type VendorId } from '../fixtures/vendors/index.ts';
import { ADMIN_SECRET_HEADER, DEFAULT_PORTS, startMockUpstreams, type RunningMockUpstreams, type StartMockUpstreamsOptions } from './index.ts';

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) throw new CliUsageError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function parseCliOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): StartMockUpstreamsOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!match) throw new CliUsageError(`unknown argument "${arg}"; use --name=value`);
    flags.set(match[1]!, match[2]!);
  }
  const known = new Set(['host', 'seed', ...VENDOR_IDS.map((id) => `${id}-port`)]);
  for (const name of flags.keys()) if (!known.has(name)) throw new CliUsageError(`unknown option --${name}`);

  const ports = {} as Record<VendorId, number>;
  for (const id of VENDOR_IDS) {
    const raw = flags.get(`${id}-port`) ?? env[`MOCK_UPSTREAMS_${id.toUpperCase()}_PORT`];
    ports[id] = raw === undefined ? DEFAULT_PORTS[id] : integer(`${id} port`, raw, 0, 65_535);
  }
  const seedRaw = flags.get('seed') ?? env.MOCK_UPSTREAMS_SEED;
  const adminSecret = env.MOCK_UPSTREAMS_ADMIN_SECRET;
  if (adminSecret !== undefined && adminSecret.length < 16) throw new CliUsageError('MOCK_UPSTREAMS_ADMIN_SECRET must be at least 16 characters');
  return {
    host: flags.get('host') ?? env.MOCK_UPSTREAMS_HOST ?? '127.0.0.1',
    ports,
    ...(seedRaw === undefined ? {} : { seed: integer('seed', seedRaw, 0, Number.MAX_SAFE_INTEGER) }),
    ...(adminSecret === undefined ? {} : { adminSecret }),
  };
}

export function describeRunning(upstreams: RunningMockUpstreams, adminSecretFromEnv: boolean): string {
  const lines = [`Mock upstreams are running (seed ${upstreams.seed}).`];
  for (const id of VENDOR_IDS) {
    const vendor = upstreams.vendors[id];
    lines.push(`  ${vendor.displayName.padEnd(9)} : ${vendor.baseUrl}   MCP ${vendor.mcpUrl}`);
  }
  lines.push(
    adminSecretFromEnv
      ? `  Admin API : <base URL>/__admin/… with header ${ADMIN_SECRET_HEADER} = $MOCK_UPSTREAMS_ADMIN_SECRET`
      : '  Admin API : closed (set MOCK_UPSTREAMS_ADMIN_SECRET to use it)',
  );
  lines.push('  Accounts, API keys and OAuth apps: fixtures/vendors (seeded).');
  return lines.join('\n');
}

export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<RunningMockUpstreams> {
  const options = parseCliOptions(argv, env);
  const upstreams = await startMockUpstreams(options);
  process.stdout.write(`${describeRunning(upstreams, options.adminSecret !== undefined)}\n`);
  return upstreams;
}
