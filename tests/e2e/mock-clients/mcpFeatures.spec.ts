/**
 * The MCP features beyond tools in the look-alikes' pages, through the reference gateway to the
 * mock vendors, as a person meets them in Chromium (the scenario catalogue's mcp-features entries
 * check the same flows from the wire): ChatGPT's widget in a sandboxed frame fed by both host
 * runtimes; Claude's Prompts panel (focus, required arguments, Enter, the messages); the
 * Inspector's progress line and its elicitation form (focus, a wrong value said in words, Decline,
 * Enter to submit).
 */
import { featureSamples } from '../../../scenarios/runner/featureSteps.ts';
import { cite } from '../../support/requirements.ts';
import { callChatgptTool, createChatgptApp } from './chatgptSteps.ts';
import { addClaudeConnector, connectClaudeConnector } from './claudeSteps.ts';
import { expect, test } from './fixtures.ts';
import { firstPerson, passThroughGateway } from './gatewaySteps.ts';
import { connectInspector } from './inspectorSteps.ts';

test(`${cite('RELAY-01')} ChatGPT reads a tool's widget template through the gateway and renders it in a sandboxed frame`, async ({ page, stack, clients }) => {
  const chatgpt = clients.profiles.chatgpt;
  const { issue } = featureSamples(stack.mocks.fixtures);
  await createChatgptApp(page, chatgpt.startUrl, 'Jira', stack.gateway.current.mcpUrl);
  await passThroughGateway(page, stack, firstPerson(stack), 'ChatGPT', chatgpt.origin, 'atlassian');
  await expect(page.getByRole('list', { name: 'Actions' })).toContainText('atlassian__jira_issue_card');

  const readsBefore = clients.traffic.list({ profile: 'chatgpt', mcpMethod: 'resources/read' }).length;
  await callChatgptTool(page, 'atlassian__jira_issue_card', JSON.stringify({ issueKey: issue.key }));
  await expect(page.locator('#tool-call-status')).toHaveText('Tool call succeeded: atlassian__jira_issue_card');
  const frame = page.getByTitle('atlassian__jira_issue_card widget');
  await test.step('the frame: the gateway URI of the template, scripts only, no same-origin', async () => {
    await expect(frame).toHaveAttribute('data-template-uri', 'ui://atlassian__jira/issue-card.html');
    await expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
    await expect(frame).toHaveAttribute('srcdoc', /<article id="card"/);
  });
  const card = page.frameLocator('iframe.widget');
  await expect(card.getByRole('heading')).toHaveText(`${issue.key} ${issue.summary}`);
  await expect(card.locator('dd').first()).toHaveText(issue.status);
  await test.step('the template came from resources/read through the gateway, in the call\u2019s session', async () => {
    const reads = clients.traffic.list({ profile: 'chatgpt', mcpMethod: 'resources/read' });
    expect(reads).toHaveLength(readsBefore + 1);
    expect(reads.at(-1)).toMatchObject({ status: 200, url: stack.gateway.current.mcpUrl });
  });
  await test.step('the MCP Apps bridge feeds the widget too (ui/initialize → tool-result)', async () => {
    const widget = page.frames().find((f) => f !== page.mainFrame() && f.parentFrame() === page.mainFrame())!;
    await widget.evaluate(() => {
      document.getElementById('card')!.textContent = 'waiting for the host';
      window.parent.postMessage({ jsonrpc: '2.0', id: 1, method: 'ui/initialize', params: { protocolVersion: '2026-01-26' } }, '*');
    });
    await expect(card.getByRole('heading')).toHaveText(`${issue.key} ${issue.summary}`);
  });
});

test(`${cite('RELAY-02')} Claude lists the connector's prompts, asks for their arguments and shows the prompt's messages`, async ({ page, stack, clients }) => {
  const claude = clients.profiles.claude;
  const { pull, pullRepo } = featureSamples(stack.mocks.fixtures);
  await addClaudeConnector(page, claude.startUrl, 'GitHub tools', stack.gateway.current.mcpUrl);
  await connectClaudeConnector(page, 'GitHub tools');
  await passThroughGateway(page, stack, firstPerson(stack), 'Claude', claude.origin, 'github');
  await expect(page.locator('#connection-status')).toHaveText('Connected');

  await page.getByRole('button', { name: 'List prompts' }).click();
  await expect(page.getByRole('list', { name: 'Prompts' })).toContainText('github__summarize_pull_request');
  await page.getByRole('combobox', { name: 'Prompt' }).selectOption('github__summarize_pull_request');
  await page.getByRole('button', { name: 'Choose prompt' }).click();
  await test.step('the form: labelled fields, required ones marked, focus on the first', async () => {
    await expect(page.getByRole('textbox', { name: 'owner (required)' })).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'pr_number (required)' })).toHaveAccessibleDescription('Pull request number');
  });
  await test.step('a missing required argument is said in words, and the server is not asked', async () => {
    const gets = clients.traffic.list({ profile: 'claude', mcpMethod: 'prompts/get' }).length;
    await page.getByRole('textbox', { name: 'owner (required)' }).fill(pullRepo.owner);
    await page.getByRole('textbox', { name: 'repo (required)' }).fill(pullRepo.name);
    await page.getByRole('button', { name: 'Use prompt' }).click();
    await expect(page.getByTestId('prompt-error')).toHaveText('Fill in pr_number, then press Use prompt.');
    expect(clients.traffic.list({ profile: 'claude', mcpMethod: 'prompts/get' })).toHaveLength(gets);
  });
  await test.step('Enter in the last field uses the prompt; its messages are shown', async () => {
    await expect(page.getByRole('textbox', { name: 'owner (required)' })).toHaveValue(pullRepo.owner);
    await page.getByRole('textbox', { name: 'pr_number (required)' }).fill(String(pull.number));
    await page.getByRole('textbox', { name: 'pr_number (required)' }).press('Enter');
    await expect(page.locator('#prompt-status')).toHaveText('Prompt ready: github__summarize_pull_request');
    await expect(page.getByRole('list', { name: 'Prompt messages' })).toContainText(`Title: ${pull.title}`);
    expect(clients.traffic.list({ profile: 'claude', mcpMethod: 'prompts/get' }).at(-1)).toMatchObject({ status: 200, url: stack.gateway.current.mcpUrl });
  });
  await test.step('a pull request that does not exist: the server\u2019s words and what to do', async () => {
    await page.getByRole('textbox', { name: 'pr_number (required)' }).fill('999999');
    await page.getByRole('button', { name: 'Use prompt' }).click();
    await expect(page.getByTestId('prompt-error')).toContainText('Not Found');
    await expect(page.getByTestId('prompt-error')).toContainText('Check the arguments and press Use prompt again.');
  });
});

test(`${cite('RELAY-03', 'RELAY-04')} the Inspector shows a tool's progress live and answers its elicitation with an accessible form`, async ({ page, stack, clients }) => {
  const inspector = clients.profiles.inspector;
  const { ownRepo, channel } = featureSamples(stack.mocks.fixtures);
  await connectInspector(page, inspector.startUrl, stack.gateway.current.mcpUrl);
  // The page discovers and registers before it leaves: wait until it has gone to the gateway.
  await page.waitForURL((url) => url.origin === new URL(stack.gateway.current.url).origin);
  await passThroughGateway(page, stack, firstPerson(stack), 'MCP Inspector', inspector.origin, ['github', 'slack']);
  await expect(page.locator('#connection-status')).toHaveText('Connected');
  const runTool = async (name: string, args: object) => {
    await page.locator('#tool-list li > button').filter({ hasText: new RegExp(`^${name}$`) }).click();
    await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill(JSON.stringify(args));
    await page.getByRole('button', { name: 'Run Tool' }).click();
  };

  await test.step('progress: "n of 5" with the step, and a bar at 5 of 5', async () => {
    await page.getByRole('button', { name: 'List Tools' }).click();
    await runTool('github__run_workflow', { owner: ownRepo.owner, repo: ownRepo.name, workflow_id: 'ci.yml' });
    await expect(page.locator('#tool-result-status')).toHaveText('Tool Result: Success');
    await expect(page.locator('#tool-progress-status')).toHaveText('5 of 5 — Test');
    await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveJSProperty('value', 5);
    await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveJSProperty('max', 5);
  });

  const form = page.getByRole('region', { name: 'Elicitation Request' });
  const sendAt = form.getByRole('textbox', { name: 'Send at (required)' });
  const scheduling = { channel: channel.id, text: 'Stand-up notes are in the channel topic.' };

  await test.step('elicitation: the question, focus in the form, Decline answers without content', async () => {
    await runTool('slack__schedule_message', scheduling);
    await expect(form).toBeVisible();
    await expect(page.locator('#elicitation-message')).toHaveText(`When should the message to #${channel.name} be sent?`);
    await expect(sendAt).toBeFocused();
    await expect(sendAt).toHaveAccessibleDescription('Date and time, e.g. 2026-12-24T09:00:00Z');
    await form.getByRole('button', { name: 'Decline' }).click();
    await expect(form).toBeHidden();
    await expect(page.locator('#tool-result-status')).toHaveText('Tool Result: Error');
    await expect(page.getByTestId('tool-result')).toContainText('you declined choosing a time; nothing was scheduled');
  });
  await test.step('a value that is not a date-time is said in words; Enter submits the corrected one', async () => {
    await runTool('slack__schedule_message', scheduling);
    await expect(sendAt).toBeFocused();
    await sendAt.fill('tomorrow at nine');
    await sendAt.press('Enter');
    await expect(form.getByRole('alert')).toHaveText('Enter Send at as a date and time such as 2026-12-24T09:00:00Z.');
    await expect(sendAt).toHaveAttribute('aria-invalid', 'true');
    await sendAt.fill(new Date(Date.now() + 24 * 3600_000).toISOString());
    await sendAt.press('Enter');
    await expect(form).toBeHidden();
    await expect(page.locator('#tool-result-status')).toHaveText('Tool Result: Success');
    await expect(page.getByTestId('tool-result')).toContainText('scheduled_message_id');
  });
});
