/**
 * The MCP Inspector look-alike against the reference gateway, in Chromium at http://localhost:6274:
 * the page itself discovers, registers (DCR), redeems the code and calls /mcp — cross-origin, so
 * the gateway's CORS answers decide whether it works (CLIENT-INSPECTOR-02). A gateway that does not
 * allow the Inspector's origin leaves it with a connection error.
 */
import { portalSession } from '../../support/portalDriver.ts';
import { cite } from '../../support/requirements.ts';
import { expect, test } from './fixtures.ts';
import { firstPerson, passThroughGateway, signInAtGateway } from './gatewaySteps.ts';
import { connectInspector } from './inspectorSteps.ts';

test(`${cite('CLIENT-INSPECTOR-01', 'CLIENT-INSPECTOR-02')} the Inspector page does the OAuth itself across origins, lists and runs tools`, async ({ page, stack, clients }) => {
  const gateway = stack.gateway.current;
  const person = firstPerson(stack);
  const inspector = clients.profiles.inspector;
  await connectInspector(page, inspector.startUrl, gateway.mcpUrl);
  await test.step('the consent page warns that the client runs on this computer', async () => {
    await signInAtGateway(page, person);
    await expect(page.getByRole('heading', { name: 'Authorize Tool Access for MCP Inspector' })).toBeVisible();
    await expect(page.getByTestId('localhost-warning')).toBeVisible();
    await expect(page.getByTestId('redirect-host')).toHaveText('localhost:6274');
  });
  await passThroughGateway(page, stack, person, 'MCP Inspector', inspector.origin);

  await test.step('back on /oauth/callback, the page redeems the code and reconnects', async () => {
    await expect(page.locator('#connection-status')).toHaveText('Connected');
    expect(new URL(page.url()).searchParams.get('code')).toBeNull();
  });
  await test.step('List Tools, select one, Run Tool', async () => {
    await page.getByRole('button', { name: 'List Tools' }).click();
    await page.getByRole('list', { name: 'Tools' }).getByRole('button', { name: 'github__list_repositories' }).click();
    await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill('{}');
    await page.getByRole('button', { name: 'Run Tool' }).click();
    await expect(page.locator('#tool-result-status')).toHaveText('Tool Result: Success');
    await expect(page.getByTestId('tool-result')).toContainText(stack.mocks.fixtures.github.repositories[0]!.name);
  });

  const traffic = clients.traffic.list({ profile: 'inspector' });
  const connectionId = traffic.find((e) => e.kind === 'browser-redirect')!.connectionId;
  const clientId = new URL(traffic.find((e) => e.kind === 'browser-redirect')!.url).searchParams.get('client_id')!;
  await test.step('the recording: every exchange made by the page, none refused by CORS', async () => {
    const http = traffic.filter((e) => e.kind === 'http' && e.connectionId === connectionId);
    expect(http.every((e) => e.from === 'browser')).toBe(true);
    expect(http.filter((e) => e.status === 0)).toEqual([]);
    const phases = new Set(http.map((e) => e.phase));
    for (const phase of ['discovery', 'registration', 'token', 'mcp'] as const) expect(phases.has(phase), phase).toBe(true);
    // The 401's challenge was readable by the page: WWW-Authenticate is exposed to the Inspector's origin.
    const probe = http.find((e) => e.phase === 'discovery' && e.status === 401)!;
    expect(probe.responseHeaders['www-authenticate']).toContain('resource_metadata=');
    expect(http.find((e) => e.phase === 'registration')).toMatchObject({ status: 201, requestBody: { redirect_uris: ['http://localhost:6274/oauth/callback', 'http://localhost:6274/oauth/callback/debug'] } });
    expect(http.find((e) => e.phase === 'token')).toMatchObject({ status: 200, params: { grant_type: 'authorization_code', redirect_uri: 'http://localhost:6274/oauth/callback', resource: gateway.mcpUrl } });
    expect(http.find((e) => e.mcp?.method === 'tools/call')).toMatchObject({ status: 200, requestHeaders: { origin: 'http://localhost:6274' }, mcp: { tool: 'github__list_repositories', result: { isError: false } } });
    const callback = traffic.find((e) => e.kind === 'callback')!;
    expect(callback.url).toMatch(/^http:\/\/localhost:6274\/oauth\/callback\?code=fp%3A/);
  });

  await test.step('refresh: after a grant change, List Tools shows the new list', async () => {
    expect((await (await portalSession(gateway.url, person)).submit('/portal/clients/tools', { client_id: clientId, connectors: [] })).status).toBe(303);
    await page.getByRole('button', { name: 'List Tools' }).click();
    await expect(page.getByRole('list', { name: 'Tools' })).toContainText('whoami');
    await expect(page.getByRole('list', { name: 'Tools' })).not.toContainText('github__list_repositories');
  });
});

test(`${cite('CLIENT-INSPECTOR-02', 'TRANSPORT-02')} a gateway that does not allow the Inspector's origin leaves it with a connection error`, async ({ page, clients, startStack }) => {
  const stack = await startStack({ allowedOrigins: ['http://127.0.0.1:6274'] });
  const gateway = stack.gateway.current;
  await connectInspector(page, clients.profiles.inspector.startUrl, gateway.mcpUrl);
  await expect(page.getByRole('alert')).toHaveText(clients.errorTexts.inspector.reasons['server-unreachable'].text);
  await expect(page.locator('#connection-status')).toHaveText('Disconnected');
  // The very first POST to /mcp is refused by the browser: the page never gets to the 401 or to OAuth.
  const refused = clients.traffic.list({ profile: 'inspector', urlIncludes: gateway.mcpUrl });
  expect(refused).toHaveLength(1);
  expect(refused[0]).toMatchObject({ from: 'browser', method: 'POST', status: 0, error: expect.stringContaining('CORS'), mcp: { method: 'initialize' } });
  expect(clients.traffic.list({ profile: 'inspector', phase: 'registration' }).filter((e) => e.url.startsWith(gateway.url))).toEqual([]);
});
