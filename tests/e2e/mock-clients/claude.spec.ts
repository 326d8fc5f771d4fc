/**
 * The Claude look-alike against the reference gateway, in Chromium: add a custom connector on
 * https://claude.ai, Connect (a new DCR client every time), authorize at the gateway, back on
 * claude.ai/api/mcp/auth_callback; tools, a call, "Refresh tools". When the gateway forgets the
 * client, the next refresh meets invalid_client and Claude registers again at once.
 */
import { portalSession } from '../../support/portalDriver.ts';
import { cite } from '../../support/requirements.ts';
import { addClaudeConnector, connectClaudeConnector } from './claudeSteps.ts';
import { expect, test } from './fixtures.ts';
import { firstPerson, passThroughGateway } from './gatewaySteps.ts';

test(`${cite('CLIENT-CLAUDE-01', 'CLIENT-CLAUDE-02', 'CLIENT-CLAUDE-03')} Claude adds a connector, registers per connection, calls a tool and refreshes tools`, async ({ page, stack, clients }) => {
  const gateway = stack.gateway.current;
  const person = firstPerson(stack);
  const claude = clients.profiles.claude;
  await addClaudeConnector(page, claude.startUrl, 'Gangway', gateway.mcpUrl);
  await connectClaudeConnector(page, 'Gangway');
  await passThroughGateway(page, stack, person, 'Claude', claude.origin);

  await test.step('connected: the tools are listed', async () => {
    await expect(page.getByRole('heading', { name: 'Gangway', level: 1 })).toBeVisible();
    await expect(page.locator('#connection-status')).toHaveText('Connected');
    await expect(page.getByRole('list', { name: 'Tools' })).toContainText('github__list_repositories');
  });
  await test.step('call-tool', async () => {
    await page.getByRole('combobox', { name: 'Tool' }).selectOption('github__list_repositories');
    await page.getByRole('button', { name: 'Call tool' }).click();
    await expect(page.locator('#tool-call-status')).toHaveText('Tool call succeeded: github__list_repositories');
  });

  const first = clients.traffic.list({ profile: 'claude', kind: 'browser-redirect' }).at(-1)!;
  const firstClientId = new URL(first.url).searchParams.get('client_id')!;
  await test.step('the recording: DCR with the real redirect URI, PKCE S256, resource = the typed URL', async () => {
    const registration = clients.traffic.list({ profile: 'claude', connectionId: first.connectionId, phase: 'registration' });
    expect(registration).toHaveLength(1);
    expect(registration[0]).toMatchObject({ status: 201, requestBody: { client_name: 'Claude', redirect_uris: ['https://claude.ai/api/mcp/auth_callback'] }, responseBody: { client_id: firstClientId } });
    const params = new URL(first.url).searchParams;
    expect(params.get('redirect_uri')).toBe('https://claude.ai/api/mcp/auth_callback');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('resource')).toBe(gateway.mcpUrl);
    expect(params.get('scope')).toBe('mcp:tools');
  });

  await test.step('refresh: a grant change shows after "Refresh tools"', async () => {
    const portal = await portalSession(gateway.url, person);
    expect((await portal.submit('/portal/clients/tools', { client_id: firstClientId, connectors: [] })).status).toBe(303);
    await page.getByRole('button', { name: 'Refresh tools' }).click();
    await expect(page.getByRole('list', { name: 'Tools' })).not.toContainText('github__list_repositories');
    await expect(page.getByRole('list', { name: 'Tools' })).toContainText('whoami');
  });

  await test.step('Disconnect, then Connect again: a new client is registered (CLIENT-CLAUDE-02)', async () => {
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await connectClaudeConnector(page, 'Gangway');
    await passThroughGateway(page, stack, person, 'Claude', claude.origin);
    await expect(page.locator('#connection-status')).toHaveText('Connected');
    const registrations = clients.traffic.list({ profile: 'claude', connectionId: first.connectionId, phase: 'registration' });
    expect(registrations).toHaveLength(2);
    const second = new URL(clients.traffic.list({ profile: 'claude', kind: 'browser-redirect' }).at(-1)!.url).searchParams.get('client_id');
    expect(second).not.toBe(firstClientId);
    expect((registrations[1]!.responseBody as { client_id: string }).client_id).toBe(second);
  });
});

test(`${cite('CLIENT-CLAUDE-02')} Claude re-registers as soon as the token endpoint says invalid_client`, async ({ page, clients, stack }) => {
  const gateway = stack.gateway.current;
  const person = firstPerson(stack);
  const claude = clients.profiles.claude;
  await addClaudeConnector(page, claude.startUrl, 'Forgetful', gateway.mcpUrl);
  await connectClaudeConnector(page, 'Forgetful');
  await passThroughGateway(page, stack, person, 'Claude', claude.origin);
  await expect(page.locator('#connection-status')).toHaveText('Connected');
  const connectionId = clients.traffic.list({ profile: 'claude', kind: 'browser-redirect' }).at(-1)!.connectionId;
  const clientId = new URL(clients.traffic.list({ profile: 'claude', connectionId, kind: 'browser-redirect' }).at(-1)!.url).searchParams.get('client_id')!;

  await test.step('the gateway loses the client and the grant ends; a tool call refreshes and meets invalid_client', async () => {
    await gateway.store.oidc.destroy('Client', clientId);
    // Revoking in the portal ends the access token at once (no waiting for expiry).
    expect((await (await portalSession(gateway.url, person)).submit('/portal/clients/revoke', { client_id: clientId })).status).toBe(303);
    await page.getByRole('combobox', { name: 'Tool' }).selectOption('whoami');
    await page.getByRole('button', { name: 'Call tool' }).click();
    await expect(page.getByTestId('connector-error')).toHaveText('Forgetful needs to be reconnected. Connect again to keep using its tools.');
    const traffic = clients.traffic.list({ profile: 'claude', connectionId });
    const refresh = traffic.filter((e) => e.phase === 'refresh').at(-1)!;
    expect(refresh).toMatchObject({ status: 401, responseBody: { error: 'invalid_client' } });
    const registrations = traffic.filter((e) => e.phase === 'registration');
    expect(registrations).toHaveLength(2);
    expect(registrations[1]!.seq).toBeGreaterThan(refresh.seq);
  });

  await test.step('Connect uses the client registered after invalid_client, without registering a third', async () => {
    await page.getByRole('button', { name: 'Connect' }).click();
    await passThroughGateway(page, stack, person, 'Claude', claude.origin);
    await expect(page.locator('#connection-status')).toHaveText('Connected');
    const traffic = clients.traffic.list({ profile: 'claude', connectionId });
    const registrations = traffic.filter((e) => e.phase === 'registration');
    expect(registrations).toHaveLength(2);
    const reused = new URL(traffic.filter((e) => e.kind === 'browser-redirect').at(-1)!.url).searchParams.get('client_id');
    expect(reused).toBe((registrations[1]!.responseBody as { client_id: string }).client_id);
  });
});
