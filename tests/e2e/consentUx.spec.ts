/**
 * The consent page as a person uses it in Chromium (issue 11, points 10–13 and 15): Enter in an API
 * key field saves that row (with and without JavaScript) and leaves every other row alone; after a
 * Save the row's message has focus and is a live region; back or reload after "Authorize tools"
 * and a stale tab's POST show styled pages, not "Something went wrong" or raw JSON; a declined
 * reconnect says, neutrally, that the existing connection was kept. Issue 13: the prompts, resources
 * and resource templates of a connector, and the elicitation/sampling choice, are labelled groups of
 * boxes, ticked by default, toggled by keyboard, kept across a Save and stored with the grant.
 */
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { expect, test } from './fixtures.ts';
import { cite } from '../support/requirements.ts';
import { authorizeTools, consentInNewContext, focused, openConsent, registeredClient, vendorSignInAndDecide } from './uxSteps.ts';

test.describe.configure({ mode: 'serial' });

test('Enter in Slack\'s API-key field saves Slack\'s key, keeps the other ticks, and focuses the row\'s status', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[1]!;
  const { context, page } = await consentInNewContext(clientBrowser, gateway.mcpUrl, person);

  await page.getByRole('checkbox', { name: 'GitHub', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Slack', exact: true }).check();
  await expect(page.getByRole('checkbox', { name: 'Atlassian', exact: true })).not.toBeChecked();
  const slack = page.locator('#connector-slack');
  await slack.getByLabel('API key', { exact: true }).check();
  await slack.getByLabel('Slack API key').fill(apiKeyFor(stack.mocks.fixtures.slack, 'valid', 1).secret);
  await slack.getByLabel('Slack API key').press('Enter');

  await expect(page.locator('#status-slack')).toHaveText(/^Connected/);
  await expect(page.locator('#message-slack')).toHaveText('Slack is connected.');
  await expect(page.locator('#message-atlassian')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Atlassian', exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'GitHub', exact: true })).toBeChecked();
  await expect(page.locator('#status-atlassian')).toHaveText('Not connected');

  // Point 15: focus is on the row's message, a polite live region, not on <body>.
  await expect.poll(() => focused(page)).toEqual({ id: 'message-slack', role: 'status', text: 'Slack is connected.', inRow: 'slack' });
  await expect(page.locator('#message-slack')).toBeFocused();
  await expect(page.locator('#message-slack')).toBeInViewport();
  // A reload does not steal focus again.
  await page.reload();
  await expect(page.locator('#message-slack')).toBeVisible();
  expect((await focused(page)).id).not.toBe('message-slack');

  // A refused key: the error is under the row typed in, and has focus (role=alert).
  const github = page.locator('#connector-github');
  await github.getByLabel('API key', { exact: true }).check();
  await github.getByLabel('GitHub API key').fill('ghp_notARealKey00000000000000000000000000');
  await github.getByLabel('GitHub API key').press('Enter');
  await expect(page.locator('#message-github')).toContainText('GitHub did not accept the key');
  await expect(page.locator('#message-github')).toBeFocused();
  await expect(page.locator('#message-github')).toHaveAttribute('role', 'alert');
  await expect(page.locator('#message-slack')).toHaveText('Slack is connected.');
  await context.close();
});

test('without JavaScript, Enter and Save still act on the row typed in', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[2]!;
  const { context, page } = await consentInNewContext(clientBrowser, gateway.mcpUrl, person, { javaScriptEnabled: false });

  await page.getByRole('checkbox', { name: 'Slack', exact: true }).check();
  const slack = page.locator('#connector-slack');
  await slack.getByLabel('API key', { exact: true }).check();
  await slack.getByLabel('Slack API key').fill(apiKeyFor(stack.mocks.fixtures.slack, 'valid', 2).secret);
  await slack.getByLabel('Slack API key').press('Enter');
  await expect(page.locator('#status-slack')).toHaveText(/^Connected/);
  await expect(page.locator('#message-slack')).toHaveText('Slack is connected.');
  await expect(page.locator('#message-slack')).toBeFocused();
  await expect(page.locator('#message-atlassian')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Atlassian', exact: true })).not.toBeChecked();

  const github = page.locator('#connector-github');
  await github.getByLabel('GitHub API key').fill(apiKeyFor(stack.mocks.fixtures.github, 'valid', 2).secret);
  await github.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#status-github')).toHaveText(/^Connected/);
  await expect(page.getByRole('checkbox', { name: 'GitHub', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Slack', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Atlassian', exact: true })).not.toBeChecked();

  // Authorize with a ticked tool not connected (the script would have disabled the button): the
  // reason has focus.
  await page.getByRole('checkbox', { name: 'Atlassian', exact: true }).check();
  await page.getByRole('button', { name: 'Authorize tools' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Connect Atlassian first, or untick it.');
  await expect(page.getByTestId('notice')).toBeFocused();
  await context.close();
});

test(`${cite('AS-08')} back, reload and a stale tab after "Authorize tools" say the authorization is complete; other failed posts are styled pages`, async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[3]!;
  const { context, page } = await consentInNewContext(clientBrowser, gateway.mcpUrl, person);
  const consentUrl = page.url();
  const staleTab = await context.newPage();
  await staleTab.goto(consentUrl);
  await expect(staleTab.getByRole('button', { name: 'Authorize tools' })).toBeEnabled();

  await authorizeTools(page);

  const complete = 'This authorization is complete; you can close this tab.';
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Authorization complete' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(complete);
  await page.reload();
  await expect(page.getByRole('status')).toHaveText(complete);
  await expect(page.getByText('Something went wrong')).toHaveCount(0);

  // The tab left open on the consent page posts its form: a page, not {"error":"invalid_request"}.
  await staleTab.getByRole('button', { name: 'Authorize tools' }).click();
  await expect(staleTab.getByRole('heading', { name: 'Authorization complete' })).toBeVisible();
  await expect(staleTab.getByRole('status')).toHaveText(complete);
  expect(await staleTab.locator('body').innerText()).not.toContain('"error"');

  // A stale tab of an interaction that is no longer the current one: the styled error page.
  const second = await registeredClient(gateway.mcpUrl);
  const older = await context.newPage();
  await openConsent(older, second, person);
  const olderConsent = `${older.url().split('#')[0]}/consent`;
  const third = await registeredClient(gateway.mcpUrl);
  const newer = await context.newPage();
  await openConsent(newer, third, person);
  await older.getByRole('button', { name: 'Cancel' }).click();
  await expect(older.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
  await expect(older.getByRole('alert')).toHaveText(/^This sign-in request is no longer the current one; go back to your AI client and connect again\.$/);
  await expect(older.getByText('Error code:')).toBeVisible();
  expect(await older.locator('body').innerText()).not.toContain('"error"');

  // API clients keep the JSON error body.
  const api = await older.request.post(olderConsent, { headers: { accept: 'application/json' }, form: { action: 'cancel' }, maxRedirects: 0 });
  expect(api.status()).toBe(400);
  expect((await api.json()) as { error: string }).toMatchObject({ error: 'invalid_request' });
  await context.close();
});

test('a declined reconnect keeps the connection and says so neutrally', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[4]!;
  const account = stack.mocks.fixtures.slack.accounts[0]!;
  const { context, page } = await consentInNewContext(clientBrowser, gateway.mcpUrl, person);

  await page.getByRole('checkbox', { name: 'Slack', exact: true }).check();
  const slack = page.locator('#connector-slack');
  await slack.getByLabel('OAuth').check();
  await slack.getByRole('button', { name: 'Connect via OAuth' }).click();
  await vendorSignInAndDecide(page, account, 'Allow');
  await expect(page.locator('#status-slack')).toHaveText(/^Connected/);
  await expect(page.locator('#message-slack')).toHaveText('Slack is connected.');
  // Back from the vendor the URL names the row (#connector-slack): the row, with its message, has focus.
  await expect(page.locator('#connector-slack')).toBeFocused();

  await page.locator('#connector-slack').getByRole('button', { name: 'Reconnect via OAuth' }).click();
  await vendorSignInAndDecide(page, account, 'Deny');
  await expect(page.locator('#status-slack')).toHaveText(/^Connected/);
  const message = page.locator('#message-slack');
  await expect(message).toHaveText('Reconnecting Slack was not completed, so your existing Slack connection was kept.');
  await expect(message).toHaveAttribute('role', 'status');
  await expect(page.locator('#connector-slack [role="alert"]')).toHaveCount(0);
  await expect(message).not.toHaveCSS('color', 'rgb(207, 34, 46)');
  await expect(page.getByRole('button', { name: 'Authorize tools' })).toBeEnabled();
  await context.close();
});

test('prompts, resources and the elicitation/sampling choice: labelled groups, ticked by default, untick by keyboard, kept across a Save, stored with the grant', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[3]!;
  const { context, page, provider } = await consentInNewContext(clientBrowser, gateway.mcpUrl, person);

  await page.getByRole('checkbox', { name: 'GitHub', exact: true }).check();
  const github = page.locator('#connector-github');
  await github.getByLabel('API key', { exact: true }).check();
  await github.getByLabel('GitHub API key').fill(apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
  await github.getByLabel('GitHub API key').press('Enter');
  await expect(page.locator('#status-github')).toHaveText(/^Connected/);

  // Each kind is a group named by its legend; every box starts ticked, like the tools.
  const prompts = page.getByRole('group', { name: 'GitHub prompts the AI may use' });
  const resources = page.getByRole('group', { name: 'GitHub resources the AI may read' });
  const templates = page.getByRole('group', { name: 'GitHub resource templates the AI may read' });
  for (const group of [prompts, resources, templates]) {
    await expect(group.getByRole('checkbox').first()).toBeVisible();
    for (const box of await group.getByRole('checkbox').all()) await expect(box).toBeChecked();
  }

  // Keyboard: Space unticks the prompt; Tab goes on to the first resource box.
  const prompt = prompts.getByRole('checkbox').first();
  await prompt.focus();
  await page.keyboard.press('Space');
  await expect(prompt).not.toBeChecked();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('resources:github');
  // A click on the label's text toggles its box.
  const readme = resources.getByRole('checkbox', { name: /acme-corp\/gateway-service\/README\.md/ });
  await resources.getByText('acme-corp/gateway-service/README.md', { exact: true }).click();
  await expect(readme).not.toBeChecked();

  const permissions = page.getByRole('group', { name: 'What Atlassian, GitHub and Slack may ask while ChatGPT uses them' });
  const elicitation = permissions.getByRole('checkbox', { name: 'Allow the tools to ask you questions (elicitation)' });
  const sampling = permissions.getByRole('checkbox', { name: "Allow the tools to use ChatGPT's AI model (sampling)" });
  await expect(elicitation).toBeChecked();
  await expect(sampling).toBeChecked();
  await sampling.focus();
  await page.keyboard.press('Space');
  await expect(sampling).not.toBeChecked();

  // Enter in Slack's key field still saves Slack's key, and carries these choices along.
  await page.getByRole('checkbox', { name: 'Slack', exact: true }).check();
  const slack = page.locator('#connector-slack');
  await slack.getByLabel('API key', { exact: true }).check();
  await slack.getByLabel('Slack API key').fill(apiKeyFor(stack.mocks.fixtures.slack, 'valid', 0).secret);
  await slack.getByLabel('Slack API key').press('Enter');
  await expect(page.locator('#message-slack')).toHaveText('Slack is connected.');
  await expect(page.locator('#message-slack')).toBeFocused();
  await expect(prompt).not.toBeChecked();
  await expect(readme).not.toBeChecked();
  await expect(sampling).not.toBeChecked();
  await expect(elicitation).toBeChecked();

  await authorizeTools(page);
  const clientId = provider.clientInformation()!.client_id;
  const grants = await gateway.store.toolGrants.listForClient(person.id, clientId);
  const githubGrant = grants.find((grant) => grant.connectorId === 'github')!;
  expect(githubGrant.prompts).toEqual([]);
  expect(githubGrant.resources).not.toContain('repo://acme-corp/gateway-service/contents/README.md');
  expect(githubGrant.resources).toContain('repo://{owner}/{repo}/contents/{+path}');
  expect(githubGrant.tools).toBe('*');
  expect((await gateway.store.approvals.find(person.id, clientId))?.permissions).toEqual({ elicitation: true, sampling: false });
  await context.close();
});
