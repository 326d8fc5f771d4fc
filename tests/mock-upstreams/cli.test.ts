/**
 * The `mock-upstreams/main.ts` command: options from flags and environment (bad ones refused with
 * a clear message and exit code 2), and a real start that prints each vendor's base URL and
 * serves it, without printing any secret.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliOptions } from '../../mock-upstreams/cli.ts';
import { DEFAULT_PORTS } from '../../mock-upstreams/index.ts';

const MAIN = fileURLToPath(new URL('../../mock-upstreams/main.ts', import.meta.url));

describe('CLI options', () => {
  it('defaults to loopback and the fixed ports 4101–4103', () => {
    expect(DEFAULT_PORTS).toEqual({ atlassian: 4101, github: 4102, slack: 4103 });
    expect(parseCliOptions([], {})).toEqual({ host: '127.0.0.1', ports: DEFAULT_PORTS });
  });

  it('flags override the environment, which overrides the defaults', () => {
    const options = parseCliOptions(['--github-port=5002', '--seed=7'], { MOCK_UPSTREAMS_GITHUB_PORT: '6002', MOCK_UPSTREAMS_SLACK_PORT: '6003', MOCK_UPSTREAMS_ADMIN_SECRET: 'an-admin-secret-from-env' });
    expect(options).toEqual({ host: '127.0.0.1', ports: { atlassian: 4101, github: 5002, slack: 6003 }, seed: 7, adminSecret: 'an-admin-secret-from-env' });
  });

  it('refuses unknown options, bad ports and short admin secrets', () => {
    expect(() => parseCliOptions(['--colour=blue'], {})).toThrow(new CliUsageError('unknown option --colour'));
    expect(() => parseCliOptions(['--slack-port=99999'], {})).toThrow('slack port must be an integer from 0 to 65535, got "99999"');
    expect(() => parseCliOptions(['verbose'], {})).toThrow('unknown argument "verbose"');
    expect(() => parseCliOptions([], { MOCK_UPSTREAMS_ADMIN_SECRET: 'short' })).toThrow('at least 16 characters');
  });
});

async function runMain(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number | null; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const started = new Promise<void>((resolve) => child.stdout.on('data', () => stdout.includes('Accounts, API keys') && resolve()));
  const winner = await Promise.race([exited.then(() => 'exit' as const), started.then(() => 'started' as const)]);
  return { stdout, stderr, code: winner === 'exit' ? await exited : null, child };
}

describe('CLI process', () => {
  it('starts the three mocks, prints their base URLs and serves them; SIGTERM stops it', async () => {
    const secret = 'cli-admin-secret-0123456789';
    const run = await runMain(['--atlassian-port=0', '--github-port=0', '--slack-port=0'], { MOCK_UPSTREAMS_ADMIN_SECRET: secret });
    try {
      expect(run.code).toBeNull();
      const urls = [...run.stdout.matchAll(/^\s+(Atlassian|GitHub|Slack)\s+: (http:\/\/127\.0\.0\.1:\d+)\s+MCP (\S+)$/gm)];
      expect(urls.map((m) => m[1])).toEqual(['Atlassian', 'GitHub', 'Slack']);
      const github = urls[1]!;
      expect(github[3]).toBe(`${github[2]}/mcp`);
      const user = await fetch(`${github[2]}/user`);
      expect(user.status).toBe(401);
      const faults = await fetch(`${github[2]}/__admin/faults`, { headers: { 'x-mock-admin-secret': secret } });
      expect(faults.status).toBe(200);
      expect(run.stdout).not.toContain(secret);
    } finally {
      run.child.kill('SIGTERM');
      await once(run.child, 'exit');
    }
  });

  it('a bad option exits with code 2 and a message', async () => {
    const run = await runMain(['--github-port=abc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('github port must be an integer');
  });
});
