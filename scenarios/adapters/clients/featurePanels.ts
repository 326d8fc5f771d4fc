/**
 * Driving the MCP features beyond tools on the look-alikes' pages, as a person does: ChatGPT's
 * widget after a call (read from inside its sandboxed frame), Claude's Prompts panel, and the
 * Inspector's progress line and elicitation form. Each throws with what the page showed when the
 * feature did not appear, so a failed step says why.
 */
import type { Page } from '@playwright/test';
import { STEP_TIMEOUT_MS } from '../pageWaits.ts';
import type { ToolCallOutcome, WidgetShown } from './clientAdapter.ts';
import { callThroughForm, visibleText } from './toolPanels.ts';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label that starts with the name (a required field's label adds " (required)"). */
const labelled = (name: string) => new RegExp(`^${escaped(name)}`);

/** The text a frame settles on: polled until it stops changing (the widget draws once it is fed). */
async function settledText(read: () => Promise<string>): Promise<string> {
  let last = await read();
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const now = await read();
    if (now === last && now.trim() && !/loading/i.test(now)) return now;
    last = now;
  }
  return last;
}

/** ChatGPT: call the tool; the widget frame appears under the result and shows the tool's data. */
export async function showChatgptWidget(page: Page, tool: string, args: Record<string, unknown>): Promise<WidgetShown> {
  const outcome = await callThroughForm(page, tool, args);
  if (outcome.isError) throw new Error(`${tool} failed: ${outcome.text.slice(0, 300)}`);
  const frame = page.locator('iframe.widget');
  const widgetError = page.getByTestId('widget-error');
  await frame.or(widgetError).first().waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {
    throw new Error(`the client showed no widget for ${tool} (its tool definition names no template the client could read)`);
  });
  if (await widgetError.isVisible()) throw new Error(`the client shows: ${((await widgetError.textContent()) ?? '').trim()}`);
  const body = page.frameLocator('iframe.widget').locator('body');
  const text = await settledText(() => body.innerText({ timeout: STEP_TIMEOUT_MS }));
  return { templateUri: (await frame.getAttribute('data-template-uri')) ?? '', text };
}

/** Claude: List prompts → choose → fill the arguments by their labels → Use prompt → the messages. */
export async function useClaudePrompt(page: Page, prompt: string, args: Record<string, string>): Promise<{ messages: string[] }> {
  await page.getByRole('button', { name: 'List prompts' }).click();
  const choice = page.getByRole('combobox', { name: 'Prompt' });
  await choice.or(page.getByTestId('prompts-error')).or(page.getByTestId('no-prompts')).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  if (!(await choice.isVisible())) throw new Error(`the client lists no prompts: ${(await visibleText(page, ['[data-testid="prompts-error"]', '[data-testid="no-prompts"]'])) ?? ''}`);
  const offered = await choice.locator('option').allTextContents();
  if (!offered.includes(prompt)) throw new Error(`the client does not list ${prompt}; it lists ${offered.join(', ') || 'nothing'}`);
  await choice.selectOption(prompt);
  await page.getByRole('button', { name: 'Choose prompt' }).click();
  for (const [name, value] of Object.entries(args)) await page.getByRole('textbox', { name: labelled(name) }).fill(value);
  await page.getByRole('button', { name: 'Use prompt' }).click();
  const messages = page.getByTestId('prompt-messages');
  const failed = page.getByTestId('prompt-error');
  await messages.or(failed).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  if (await failed.isVisible()) throw new Error(`the client shows: ${((await failed.textContent()) ?? '').trim()}`);
  return { messages: await messages.locator('pre').allTextContents() };
}

/** Inspector: pick the listed tool, type its arguments (the tool list must be on screen). */
async function prepareInspectorTool(page: Page, tool: string, args: Record<string, unknown>): Promise<void> {
  if (!(await page.locator('#tool-list li > button').count())) await page.getByRole('button', { name: 'List Tools' }).click();
  const button = page.locator('#tool-list li > button').filter({ hasText: new RegExp(`^${escaped(tool)}$`) });
  await button.first().waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {
    throw new Error(`the Inspector lists no tool ${tool}`);
  });
  await button.first().click();
  await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill(JSON.stringify(args));
}

async function inspectorOutcome(page: Page): Promise<ToolCallOutcome> {
  const status = page.locator('#tool-result-status');
  await status.filter({ hasText: /Success|Error/ }).waitFor({ timeout: STEP_TIMEOUT_MS });
  return { isError: /Error/.test((await status.textContent()) ?? ''), text: (await page.getByTestId('tool-result').textContent()) ?? '' };
}

/** Inspector: Run Tool and note every progress text the page shows while it runs. */
export async function watchInspectorProgress(page: Page, tool: string, args: Record<string, unknown>): Promise<ToolCallOutcome & { progressShown: string[] }> {
  await prepareInspectorTool(page, tool, args);
  // Every change of the progress line is kept in the page, so a fast run loses none.
  await page.evaluate(() => {
    const status = document.getElementById('tool-progress-status');
    const seen: string[] = [];
    (window as unknown as { gangwayProgressShown: string[] }).gangwayProgressShown = seen;
    if (status) new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Run Tool' }).click();
  const outcome = await inspectorOutcome(page);
  const shown = await page.evaluate(() => (window as unknown as { gangwayProgressShown: string[] }).gangwayProgressShown);
  return { ...outcome, progressShown: shown.filter((text, index) => text && text !== shown[index - 1]) };
}

/** Inspector: Run Tool; when the server asks, fill the form by its labels and press Enter. */
export async function answerInspectorElicitation(page: Page, tool: string, args: Record<string, unknown>, answers: Record<string, string>): Promise<ToolCallOutcome & { question: string }> {
  await prepareInspectorTool(page, tool, args);
  await page.getByRole('button', { name: 'Run Tool' }).click();
  const form = page.getByRole('region', { name: 'Elicitation Request' });
  const finished = page.locator('#tool-result-status').filter({ hasText: /Success|Error/ });
  await form.or(finished).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  if (!(await form.isVisible())) throw new Error(`the tool finished without the client asking anything: ${((await page.getByTestId('tool-result').textContent()) ?? '').slice(0, 300)}`);
  const question = ((await page.locator('#elicitation-message').textContent()) ?? '').trim();
  let last;
  for (const [label, value] of Object.entries(answers)) {
    last = form.getByLabel(labelled(label));
    await last.fill(value);
  }
  await (last ?? form.getByRole('button', { name: 'Submit' })).press('Enter');
  return { ...(await inspectorOutcome(page)), question };
}
