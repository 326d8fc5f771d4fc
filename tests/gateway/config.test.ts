/**
 * Configuration is validated at start-up: a bad value stops the gateway with a message naming the
 * setting and its environment variable, before anything listens.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveConfig } from '../../gateway/config/loadConfig.ts';

const dir = mkdtempSync(join(tmpdir(), 'gangway-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const failure = (env: Record<string, string>): string => {
  try {
    loadConfig({ env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('Configuration', () => {
  it('has working defaults and derives the issuer and MCP URL from the listening port', () => {
    const config = loadConfig({ env: {} });
    expect(config.port).toBe(4000);
    expect(config.tokens.accessTokenTtlSeconds).toBe(300);
    const resolved = resolveConfig({ ...config, port: 0 }, 45678);
    expect(resolved.issuer).toBe('http://127.0.0.1:45678');
    expect(resolved.mcpUrl).toBe('http://127.0.0.1:45678/mcp');
  });

  it('says where the other replicas reach this one: GANGWAY_INTERNAL_URL, else the listening address (0.0.0.0 read as loopback); a bad one is refused', () => {
    expect(resolveConfig({ ...loadConfig({ env: {} }), port: 0 }, 45678).replicaUrl).toBe('http://127.0.0.1:45678');
    const behindBalancer = loadConfig({ env: { GANGWAY_HOST: '0.0.0.0', GANGWAY_INTERNAL_URL: 'http://10.0.3.7:4000/' } });
    expect(resolveConfig(behindBalancer, 4000).replicaUrl).toBe('http://10.0.3.7:4000');
    expect(() => loadConfig({ env: { GANGWAY_INTERNAL_URL: 'not a url' } })).toThrow(/GANGWAY_INTERNAL_URL/);
  });

  it('reads environment variables over the config file', () => {
    const path = file('ok.json', JSON.stringify({ port: 5000, tokens: { accessTokenTtlSeconds: 60 }, mcp: { allowedOrigins: ['https://app.example'] } }));
    const config = loadConfig({ env: { GANGWAY_CONFIG_FILE: path, GANGWAY_PORT: '5001' } });
    expect(config.port).toBe(5001);
    expect(config.tokens.accessTokenTtlSeconds).toBe(60);
    expect(config.mcp.allowedOrigins).toEqual(['https://app.example']);
  });

  const cases: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { GANGWAY_PORT: 'eighty' }, /GANGWAY_PORT \(port, from environment\)/],
    ['a zero token lifetime', { GANGWAY_ACCESS_TOKEN_TTL: '0' }, /GANGWAY_ACCESS_TOKEN_TTL \(tokens\.accessTokenTtlSeconds/],
    ['a public URL with a path', { GANGWAY_PUBLIC_URL: 'https://ai.example.com/gateway', GANGWAY_TRUST_PROXY: 'true' }, /GANGWAY_PUBLIC_URL .*must be an origin/],
    ['a public URL that is not http(s)', { GANGWAY_PUBLIC_URL: 'ftp://ai.example.com' }, /GANGWAY_PUBLIC_URL/],
    ['https without a trusted proxy', { GANGWAY_PUBLIC_URL: 'https://ai.example.com' }, /GANGWAY_TRUST_PROXY=true/],
    ['an allowed origin that is not an origin', { GANGWAY_ALLOWED_ORIGINS: 'http://localhost:6274,not a url' }, /GANGWAY_ALLOWED_ORIGINS/],
    ['an unknown log level', { GANGWAY_LOG_LEVEL: 'chatty' }, /GANGWAY_LOG_LEVEL/],
    ['a per-user session cap of zero', { GANGWAY_MCP_SESSIONS_PER_USER: '0' }, /GANGWAY_MCP_SESSIONS_PER_USER \(mcp\.sessionsPerUser/],
    ['a boolean that is not one', { GANGWAY_CIMD: 'perhaps' }, /GANGWAY_CIMD/],
    ['a connect-to target off loopback', { GANGWAY_OUTBOUND_CONNECT_TO: 'chatgpt.com:443=10.0.0.1:443' }, /GANGWAY_OUTBOUND_CONNECT_TO .*loopback targets only/],
  ];
  for (const [label, env, message] of cases) {
    it(`stops on ${label}, naming the setting`, () => {
      expect(failure(env)).toMatch(message);
    });
  }

  it('stops on an unreadable, malformed or unknown-key config file', () => {
    expect(failure({ GANGWAY_CONFIG_FILE: join(dir, 'missing.json') })).toMatch(/GANGWAY_CONFIG_FILE: cannot read/);
    expect(failure({ GANGWAY_CONFIG_FILE: file('bad.json', '{ nope') })).toMatch(/not a JSON object/);
    expect(failure({ GANGWAY_CONFIG_FILE: file('unknown.json', JSON.stringify({ tokens: { accessTokenTTL: 5 } })) })).toMatch(/unknown setting "tokens\.accessTokenTTL"/);
  });

  it('makes npm start exit with status 2 and a one-line message, not a stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'stack/gatewayMain.ts'], {
      env: { ...process.env, GANGWAY_PORT: 'eighty', GANGWAY_DATA_DIR: join(dir, 'data') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^gangway: Invalid setting GANGWAY_PORT/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
