/**
 * API keys in each vendor's format, checked at the vendor's cheap "who am I" endpoint — what a
 * gateway calls before saving a key: good, bad, revoked and lacking a scope; and the same keys on
 * the MCP servers.
 */
import { describe, expect, it } from 'vitest';
import { apiKeyFor, type ApiKeyFixture } from '../../fixtures/vendors/index.ts';
import { useMockUpstreams } from './support/harness.ts';
import { authorizationFor, callTool, connectMcp } from './support/mcpSession.ts';

const mocks = useMockUpstreams();

async function check(vendor: 'atlassian' | 'github' | 'slack', authorization: string | undefined) {
  const v = mocks.current.vendors[vendor];
  const response = await fetch(v.apiKey.validationUrl, {
    method: v.apiKey.validationMethod,
    headers: authorization === undefined ? {} : { authorization },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

function withSecret(key: ApiKeyFixture, secret: string): ApiKeyFixture {
  return { ...key, secret };
}

describe('Atlassian API tokens (Basic email:token) at /rest/api/3/myself', () => {
  const fixture = () => mocks.current.fixtures.atlassian;

  it('a good token → 200 with the account', async () => {
    const key = apiKeyFor(fixture(), 'valid', 1);
    const answer = await check('atlassian', authorizationFor(key));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accountId: fixture().accounts[1]!.id, emailAddress: key.username, accountType: 'atlassian' });
  });

  it('a bad token → 401 "Client must be authenticated"', async () => {
    const key = apiKeyFor(fixture(), 'valid');
    const answer = await check('atlassian', authorizationFor(withSecret(key, `${key.secret.slice(0, -1)}${key.secret.endsWith('A') ? 'B' : 'A'}`)));
    expect(answer.status).toBe(401);
    expect(answer.body.errorMessages).toEqual(['Client must be authenticated to access this resource.']);
  });

  it('a good token with another account’s e-mail → 401', async () => {
    const key = apiKeyFor(fixture(), 'valid', 0);
    expect((await check('atlassian', authorizationFor({ ...key, username: fixture().accounts[1]!.email }))).status).toBe(401);
  });

  it('the revoked token → 401', async () => {
    const answer = await check('atlassian', authorizationFor(apiKeyFor(fixture(), 'revoked')));
    expect(answer.status).toBe(401);
    expect(answer.body.errorMessages).toEqual(['Client must be authenticated to access this resource.']);
  });

  it('the token lacking read:jira-user → 401 "scope does not match"', async () => {
    const answer = await check('atlassian', authorizationFor(apiKeyFor(fixture(), 'missing-scope')));
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
  });

  it('no credential → 401; an API token sent as Bearer is not accepted', async () => {
    expect((await check('atlassian', undefined)).status).toBe(401);
    expect((await check('atlassian', `Bearer ${apiKeyFor(fixture(), 'valid').secret}`)).status).toBe(401);
  });
});

describe('GitHub personal access tokens (Bearer) at /user', () => {
  const fixture = () => mocks.current.fixtures.github;

  it('a good classic PAT → 200 with the login and its scopes in X-OAuth-Scopes', async () => {
    const answer = await check('github', authorizationFor(apiKeyFor(fixture(), 'valid', 0)));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ login: fixture().accounts[0]!.login, type: 'User' });
    expect(answer.headers.get('x-oauth-scopes')).toBe('repo, read:user, user:email, read:org');
  });

  it('a good fine-grained PAT (github_pat_) → 200 without X-OAuth-Scopes', async () => {
    const key = apiKeyFor(fixture(), 'valid', 1);
    expect(key.kind).toBe('fine-grained-pat');
    const answer = await check('github', authorizationFor(key));
    expect(answer.status).toBe(200);
    expect(answer.body.login).toBe(fixture().accounts[1]!.login);
    expect(answer.headers.has('x-oauth-scopes')).toBe(false);
  });

  it('`Authorization: token …` works as on GitHub', async () => {
    expect((await check('github', `token ${apiKeyFor(fixture(), 'valid').secret}`)).status).toBe(200);
  });

  it('a bad PAT → 401 Bad credentials', async () => {
    const answer = await check('github', 'Bearer ghp_000000000000000000000000000000000000');
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ message: 'Bad credentials' });
  });

  it('the revoked PAT → 401 Bad credentials', async () => {
    const answer = await check('github', authorizationFor(apiKeyFor(fixture(), 'revoked')));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ message: 'Bad credentials' });
  });

  it('the PAT lacking repo → 200, and X-OAuth-Scopes shows repo is missing', async () => {
    const answer = await check('github', authorizationFor(apiKeyFor(fixture(), 'missing-scope')));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-oauth-scopes')).toBe('read:user');
  });

  it('no credential → 401 Requires authentication', async () => {
    const answer = await check('github', undefined);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ message: 'Requires authentication' });
  });
});

describe('Slack tokens (Bearer xoxb-/xoxp-) at auth.test', () => {
  const fixture = () => mocks.current.fixtures.slack;

  it('a good user token → ok:true with team and user, scopes in x-oauth-scopes', async () => {
    const answer = await check('slack', authorizationFor(apiKeyFor(fixture(), 'valid', 2)));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, team_id: fixture().team.id, user_id: fixture().accounts[2]!.id, user: fixture().accounts[2]!.login });
    expect(answer.headers.get('x-oauth-scopes')?.split(',')).toContain('chat:write');
  });

  it('the bot token → ok:true as the bot user, with bot_id', async () => {
    const bot = fixture().apiKeys.find((k) => k.kind === 'bot-token')!;
    const answer = await check('slack', authorizationFor(bot));
    expect(answer.body).toMatchObject({ ok: true, user_id: fixture().bot.userId, bot_id: fixture().bot.botId });
  });

  it('a bad token → HTTP 200 ok:false invalid_auth', async () => {
    const answer = await check('slack', 'Bearer xoxp-1-2-3-abc');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('the revoked token → HTTP 200 ok:false token_revoked', async () => {
    const answer = await check('slack', authorizationFor(apiKeyFor(fixture(), 'revoked')));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: false, error: 'token_revoked' });
  });

  it('the token lacking chat:write → ok:true, and x-oauth-scopes shows chat:write is missing', async () => {
    const answer = await check('slack', authorizationFor(apiKeyFor(fixture(), 'missing-scope')));
    expect(answer.body.ok).toBe(true);
    const scopes = answer.headers.get('x-oauth-scopes')!.split(',');
    expect(scopes).toContain('channels:read');
    expect(scopes).not.toContain('chat:write');
  });

  it('no token → ok:false not_authed', async () => {
    expect((await check('slack', undefined)).body).toEqual({ ok: false, error: 'not_authed' });
  });
});

describe('API keys on the MCP servers', () => {
  it.each(['atlassian', 'github', 'slack'] as const)('%s: a valid key connects; the revoked key gets 401', async (vendor) => {
    const v = mocks.current.vendors[vendor];
    const fixture = mocks.current.fixtures[vendor];
    const client = await connectMcp(v.mcpUrl, authorizationFor(apiKeyFor(fixture, 'valid')));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    await expect(connectMcp(v.mcpUrl, authorizationFor(apiKeyFor(fixture, 'revoked')))).rejects.toMatchObject({ code: 401 });
  });

  it.each([
    ['github', 'create_issue', 'Resource not accessible by personal access token'],
    ['slack', 'post_message', 'missing_scope: this token needs chat:write'],
  ] as const)('%s: the key lacking a scope is refused by %s', async (vendor, tool, message) => {
    const fixtures = mocks.current.fixtures;
    const args = vendor === 'github' ? { owner: 'acme-corp', repo: 'docs', title: 'From a limited PAT' } : { channel: fixtures.slack.channels[0]!.id, text: 'hi' };
    const client = await connectMcp(mocks.current.vendors[vendor].mcpUrl, authorizationFor(apiKeyFor(fixtures[vendor], 'missing-scope')));
    const answer = await callTool(client, tool, args);
    await client.close();
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain(message);
  });
});
