/**
 * The ChatGPT look-alike against the reference gateway, in Chromium: the seed document's steps on
 * https://chatgpt.com (served on loopback), through the gateway's sign-in and consent, back on the
 * real callback; the app page lists and calls tools and re-lists only on Refresh. Protocol facts
 * are asserted from the recorded traffic.
 */
import { portalSession } from '../../support/portalDriver.ts';
import { cite } from '../../support/requirements.ts';
import { callChatgptTool, createChatgptApp } from './chatgptSteps.ts';
import { expect, test } from './fixtures.ts';
import { firstPerson, passThroughGateway, signInAtGateway } from './gatewaySteps.ts';

test(`${cite('CLIENT-CHATGPT-01', 'CLIENT-CHATGPT-02', 'CLIENT-CHATGPT-03', 'CLIENT-CHATGPT-04', 'CLIENT-CHATGPT-07', 'AS-06')} ChatGPT registers by CIMD, connects, calls a tool and re-lists only on Refresh`, async ({ page, stack, clients }) => {
  const gateway = stack.gateway.current;
  const person = firstPerson(stack);
  const chatgpt = clients.profiles.chatgpt;
  await createChatgptApp(page, chatgpt.startUrl, 'Gangway', gateway.mcpUrl);

  await test.step('the gateway names ChatGPT and the host that published its metadata document', async () => {
    await signInAtGateway(page, person);
    await expect(page.getByRole('heading', { name: 'Authorize Tool Access for ChatGPT' })).toBeVisible();
    await expect(page.getByText('(published by chatgpt.com)')).toBeVisible();
    await expect(page.getByTestId('redirect-host')).toHaveText('chatgpt.com');
  });
  await passThroughGateway(page, stack, person, 'ChatGPT', chatgpt.origin);

  await test.step('back on the app page: Information says Connected, the actions are listed', async () => {
    expect(page.url()).toMatch(/^https:\/\/chatgpt\.com\/settings\/apps\/app_/);
    await expect(page.getByRole('heading', { name: 'Gangway', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Information' })).toBeVisible();
    await expect(page.locator('#connection-status')).toHaveText('Connected');
    await expect(page.getByRole('list', { name: 'Actions' })).toContainText('github__list_repositories');
  });

  await callChatgptTool(page, 'github__list_repositories');
  await expect(page.locator('#tool-call-status')).toHaveText('Tool call succeeded: github__list_repositories');
  await expect(page.getByTestId('tool-result')).toContainText(stack.mocks.fixtures.github.repositories[0]!.name);

  const authorizationUrl = new URL(clients.traffic.list({ profile: 'chatgpt', kind: 'browser-redirect' }).at(-1)!.url);
  const clientId = authorizationUrl.searchParams.get('client_id')!;
  await test.step('the recording shows CIMD, every OIDC scope, resource and PKCE S256', async () => {
    expect(clientId).toMatch(/^https:\/\/chatgpt\.com\/oauth\/client-metadata\/cb_[\w-]+\.json$/);
    expect(authorizationUrl.searchParams.get('redirect_uri')).toMatch(/^https:\/\/chatgpt\.com\/connector\/oauth\/cb_[\w-]+$/);
    expect(authorizationUrl.searchParams.get('scope')!.split(' ').sort()).toEqual(['email', 'mcp:tools', 'offline_access', 'openid', 'profile']);
    expect(authorizationUrl.searchParams.get('resource')).toBe(gateway.mcpUrl);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const connectionId = clients.traffic.list({ profile: 'chatgpt', kind: 'browser-redirect' }).at(-1)!.connectionId;
    const traffic = clients.traffic.list({ profile: 'chatgpt', connectionId });
    // No DCR: the only registration-phase entries are the gateway fetching the app's metadata document.
    const documents = traffic.filter((e) => e.phase === 'registration');
    expect(documents.length).toBeGreaterThan(0);
    for (const served of documents) expect(served).toMatchObject({ kind: 'document-served', status: 200, url: clientId, responseBody: { client_id: clientId, client_name: 'ChatGPT', token_endpoint_auth_method: 'none' } });
    const probe = traffic.find((e) => e.phase === 'discovery' && e.status === 401)!;
    expect(probe.responseHeaders['www-authenticate']).toContain('resource_metadata=');
    const token = traffic.find((e) => e.phase === 'token')!;
    expect(token).toMatchObject({ status: 200, params: { grant_type: 'authorization_code', resource: gateway.mcpUrl, client_id: clientId } });
    expect(token.params.code_verifier).toMatch(/^fp:/);
    const callback = traffic.find((e) => e.kind === 'callback')!;
    expect(new URL(callback.url).searchParams.get('code')).toBe(token.params.code);
    expect(traffic.find((e) => e.mcp?.method === 'tools/call')).toMatchObject({ status: 200, mcp: { tool: 'github__list_repositories', result: { isError: false } } });
  });

  await test.step('refresh: a grant change shows only after Refresh (CLIENT-CHATGPT-07)', async () => {
    const portal = await portalSession(gateway.url, person);
    expect((await portal.submit('/portal/clients/tools', { client_id: clientId, connectors: [] })).status).toBe(303);
    await page.reload();
    await expect(page.getByRole('list', { name: 'Actions' })).toContainText('github__list_repositories');
    const listsBefore = clients.traffic.list({ profile: 'chatgpt', mcpMethod: 'tools/list' }).length;
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('list', { name: 'Actions' })).not.toContainText('github__list_repositories');
    await expect(page.getByRole('list', { name: 'Actions' })).toContainText('whoami');
    const lists = clients.traffic.list({ profile: 'chatgpt', mcpMethod: 'tools/list' });
    expect(lists).toHaveLength(listsBefore + 1);
    expect(lists.at(-1)!.mcp!.result!.tools).not.toContain('github__list_repositories');
  });
});

test(`${cite('CLIENT-CHATGPT-02', 'AS-07')} without CIMD ChatGPT registers by DCR once per app; a revoked connection says "Connection expired" and Reconnect reuses the client`, async ({ page, clients, startStack }) => {
  const stack = await startStack({ cimdEnabled: false });
  const gateway = stack.gateway.current;
  const person = firstPerson(stack);
  const chatgpt = clients.profiles.chatgpt;
  await createChatgptApp(page, chatgpt.startUrl, 'Gangway DCR', gateway.mcpUrl);
  await passThroughGateway(page, stack, person, 'ChatGPT', chatgpt.origin);
  await expect(page.locator('#connection-status')).toHaveText('Connected');
  const connectionId = clients.traffic.list({ profile: 'chatgpt', kind: 'browser-redirect' }).at(-1)!.connectionId;
  const registrations = () => clients.traffic.list({ profile: 'chatgpt', connectionId, phase: 'registration' });
  expect(registrations()).toHaveLength(1);
  expect(registrations()[0]).toMatchObject({ status: 201, requestBody: { client_name: 'ChatGPT', token_endpoint_auth_method: 'none' } });
  const clientId = (registrations()[0]!.responseBody as { client_id: string }).client_id;
  expect(clientId).not.toMatch(/^https:/);

  await test.step('the person revokes ChatGPT in the portal: the next call fails to refresh → "Connection expired"', async () => {
    expect((await (await portalSession(gateway.url, person)).submit('/portal/clients/revoke', { client_id: clientId })).status).toBe(303);
    await callChatgptTool(page, 'whoami');
    await expect(page.locator('#connection-status')).toHaveText('Connection expired');
    await expect(page.getByTestId('app-error')).toContainText(clients.errorTexts.chatgpt.reasons['reconnect-required'].text);
    const refresh = clients.traffic.list({ profile: 'chatgpt', connectionId, phase: 'refresh' }).at(-1)!;
    expect(refresh).toMatchObject({ status: 400, responseBody: { error: 'invalid_grant' } });
  });

  await test.step('Reconnect: the same DCR client, no second registration', async () => {
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await passThroughGateway(page, stack, person, 'ChatGPT', chatgpt.origin);
    await expect(page.locator('#connection-status')).toHaveText('Connected');
    expect(registrations()).toHaveLength(1);
    const redirects = clients.traffic.list({ profile: 'chatgpt', connectionId, kind: 'browser-redirect' });
    expect(redirects).toHaveLength(2);
    expect(new URL(redirects[1]!.url).searchParams.get('client_id')).toBe(clientId);
  });
});

test(`${cite('AUTH-11', 'CLIENT-CHATGPT-03')} an expired access token is refreshed on 401 and the rotated refresh token is kept`, async ({ page, clients, startStack, secrets }) => {
  test.slow();
  // The gateway accepts tokens up to 5 s past expiry (clock tolerance): a 1 s token is refused after ~6 s.
  const stack = await startStack({ accessTokenTtl: 1 });
  const gateway = stack.gateway.current;
  const chatgpt = clients.profiles.chatgpt;
  await createChatgptApp(page, chatgpt.startUrl, 'Short tokens', gateway.mcpUrl);
  await passThroughGateway(page, stack, firstPerson(stack), 'ChatGPT', chatgpt.origin);
  await expect(page.locator('#connection-status')).toHaveText('Connected');
  const connectionId = clients.traffic.list({ profile: 'chatgpt', kind: 'browser-redirect' }).at(-1)!.connectionId;

  for (const round of [1, 2]) {
    await test.step(`expiry ${round}: the call meets 401, refreshes, retries and succeeds`, async () => {
      await page.waitForTimeout(6_500);
      await callChatgptTool(page, 'whoami');
      await expect(page.locator('#tool-call-status')).toHaveText('Tool call succeeded: whoami');
    });
  }
  const traffic = clients.traffic.list({ profile: 'chatgpt', connectionId });
  const token = traffic.find((e) => e.phase === 'token')!;
  const refreshes = traffic.filter((e) => e.phase === 'refresh');
  expect(refreshes).toHaveLength(2);
  const issued = (entry: { responseBody?: unknown }) => (entry.responseBody as { refresh_token: string }).refresh_token;
  for (const refresh of refreshes) expect(refresh).toMatchObject({ status: 200, params: { grant_type: 'refresh_token', resource: gateway.mcpUrl } });
  // Rotation: each refresh presents the token the previous answer issued, and gets a different one.
  expect(refreshes[0]!.params.refresh_token).toBe(issued(token));
  expect(refreshes[1]!.params.refresh_token).toBe(issued(refreshes[0]!));
  expect(issued(refreshes[1]!)).not.toBe(issued(refreshes[0]!));
  // Each refresh sits between a 401 and the successful retry.
  for (const refresh of refreshes) {
    const before = traffic.filter((e) => e.seq < refresh.seq && e.phase === 'mcp').at(-1)!;
    const after = traffic.find((e) => e.seq > refresh.seq && e.phase === 'mcp')!;
    expect(before.status).toBe(401);
    expect(before.responseHeaders['www-authenticate']).toContain('invalid_token');
    expect(after.status).toBe(200);
    expect(after.requestHeaders.authorization).toBe(`Bearer ${(refresh.responseBody as { access_token: string }).access_token}`);
  }
  expect(secrets.size).toBeGreaterThan(5);
});
