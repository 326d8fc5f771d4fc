/**
 * The Inspector's elicitation form (mock-clients/inspector/browser/elicitationForm.ts) for every
 * field kind a form-mode `requestedSchema` may hold, in Chromium on the page's own markup: labels
 * and descriptions, the first field focused, values typed as the schema says (numbers, yes/no,
 * choices, several choices), problems said next to the field, Cancel by Escape, one question at a
 * time. The end-to-end flow through the gateway is in mcpFeatures.spec.ts.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import * as esbuild from 'esbuild';
import { cite } from '../../support/requirements.ts';
import { inspectorPage } from '../../../mock-clients/inspector/pages.ts';

const harness = `
import { ElicitationForm } from ${JSON.stringify(fileURLToPath(new URL('../../../mock-clients/inspector/browser/elicitationForm.ts', import.meta.url)))};
const form = new ElicitationForm();
window.ask = (params) => form.ask(params, new AbortController().signal);
`;

let script = '';
test.beforeAll(async () => {
  const built = await esbuild.build({ stdin: { contents: harness, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' });
  script = built.outputFiles[0]!.text;
});

test.beforeEach(async ({ page }) => {
  // The Inspector's page without its own script: only the form's module runs.
  await page.setContent(inspectorPage().replace(/<script type="module"[^>]*><\/script>/, ''));
  await page.addScriptTag({ content: script });
});

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Display name', description: 'How others see you', minLength: 2 },
    email: { type: 'string', format: 'email', title: 'E-mail' },
    seats: { type: 'integer', title: 'Seats', minimum: 1, maximum: 10 },
    notify: { type: 'boolean', title: 'Notify me', default: true },
    plan: { type: 'string', title: 'Plan', oneOf: [{ const: 'free', title: 'Free' }, { const: 'team', title: 'Team' }] },
    days: { type: 'array', title: 'Days', items: { type: 'string', enum: ['mon', 'tue', 'wed'] } },
  },
  required: ['name', 'seats', 'plan'],
};

test(`${cite('RELAY-04')} every field kind: labelled, focused first, checked, and typed as the schema says`, async ({ page }) => {
  const answer = page.evaluate((requestedSchema) => (window as unknown as { ask(p: object): Promise<object> }).ask({ message: 'Set up your team', requestedSchema }), schema);
  const form = page.getByRole('region', { name: 'Elicitation Request' });
  await expect(form).toBeVisible();
  await expect(page.locator('#elicitation-message')).toHaveText('Set up your team');
  const name = form.getByRole('textbox', { name: 'Display name (required)' });
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription('How others see you');
  await expect(form.getByRole('checkbox', { name: 'Notify me' })).toBeChecked();

  await name.fill('A');
  await name.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Display name needs at least 2 characters.');
  await expect(name).toBeFocused();
  await name.fill('Ada');
  await form.getByRole('textbox', { name: 'E-mail' }).fill('not-an-address');
  await name.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Enter E-mail as an e-mail address.');
  await form.getByRole('textbox', { name: 'E-mail' }).fill('ada@example.com');
  await form.getByRole('spinbutton', { name: 'Seats (required)' }).fill('12');
  await name.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Seats must be at most 10.');
  await form.getByRole('spinbutton', { name: 'Seats (required)' }).fill('3');
  await name.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Choose Plan.');
  await form.getByRole('combobox', { name: 'Plan (required)' }).selectOption({ label: 'Team' });
  await form.getByRole('group', { name: 'Days' }).getByRole('checkbox', { name: 'tue' }).check();
  await form.getByRole('checkbox', { name: 'Notify me' }).uncheck();
  await form.getByRole('button', { name: 'Submit' }).click();

  expect(await answer).toEqual({ action: 'accept', content: { name: 'Ada', email: 'ada@example.com', seats: 3, notify: false, plan: 'team', days: ['tue'] } });
  await expect(form).toBeHidden();
});

test(`${cite('RELAY-04')} Escape cancels, Decline declines, and a second question waits for the first`, async ({ page }) => {
  const ask = (message: string) => page.evaluate((m) => (window as unknown as { ask(p: object): Promise<object> }).ask({ message: m, requestedSchema: { type: 'object', properties: { when: { type: 'string', title: 'When' } } } }), message);
  const first = ask('First?');
  const second = ask('Second?');
  const form = page.getByRole('region', { name: 'Elicitation Request' });
  await expect(page.locator('#elicitation-message')).toHaveText('First?');
  await form.getByRole('textbox', { name: 'When' }).press('Escape');
  expect(await first).toEqual({ action: 'cancel' });
  await expect(page.locator('#elicitation-message')).toHaveText('Second?');
  await expect(form.getByRole('textbox', { name: 'When' })).toBeFocused();
  await form.getByRole('button', { name: 'Decline' }).click();
  expect(await second).toEqual({ action: 'decline' });
  await expect(form).toBeHidden();
});
