/**
 * The "Prompts" panel of a connected connector's page: List prompts; a Prompt select with
 * "Choose prompt" (a GET, so the chosen prompt is in the address and Back works); the chosen
 * prompt's arguments as labelled fields (required ones marked, descriptions tied to their field,
 * focus on the first one) and "Use prompt" (Enter submits); then the messages the server returned,
 * or what went wrong and what to do.
 */
import type { Prompt, PromptMessage } from '@modelcontextprotocol/sdk/types.js';
import { html, type SafeHtml } from '../../web/html.ts';
import type { ServerConnection } from '../core/connections/connection.ts';
import type { ConnectorPrompts, PromptUse } from './connectorPrompts.ts';

/** Form field name of a prompt argument (prompts/get arguments are strings by name). */
export const ARGUMENT_FIELD_PREFIX = 'arg:';

function messageText(message: PromptMessage): string {
  const content = message.content;
  if (content.type === 'text') return content.text;
  if (content.type === 'resource') return 'text' in content.resource ? content.resource.text : `[resource ${content.resource.uri}]`;
  if (content.type === 'resource_link') return `[resource ${content.uri}]`;
  return `[${content.type}]`;
}

function argumentForm(connector: ServerConnection, prompt: Prompt, use: PromptUse | undefined, focus: boolean): SafeHtml {
  const values = use?.prompt === prompt.name ? use.values : {};
  const args = prompt.arguments ?? [];
  return html`<form method="post" action="/settings/connectors/${connector.id}/prompts/use" aria-labelledby="use-prompt-heading" novalidate>
<h4 id="use-prompt-heading">${prompt.title ?? prompt.name}</h4>
${prompt.description ? html`<p class="muted small">${prompt.description}</p>` : ''}
<input type="hidden" name="prompt" value="${prompt.name}">
${args.length === 0 ? html`<p class="muted small">This prompt takes no arguments.</p>` : ''}
${args.map(
  (argument, index) => html`<label for="prompt-arg-${index}">${argument.name}${argument.required ? ' (required)' : ''}</label>
<input id="prompt-arg-${index}" name="${ARGUMENT_FIELD_PREFIX}${argument.name}" type="text" autocomplete="off" value="${values[argument.name] ?? ''}"${argument.required ? html` required aria-required="true"` : ''}${argument.description ? html` aria-describedby="prompt-arg-${index}-hint"` : ''}${focus && index === 0 ? html` autofocus` : ''}>
${argument.description ? html`<p id="prompt-arg-${index}-hint" class="muted small">${argument.description}</p>` : ''}`,
)}
<div class="row" style="margin-top:10px"><button type="submit" class="primary"${focus && args.length === 0 ? html` autofocus` : ''}>Use prompt</button></div>
</form>`;
}

function useResult(use: PromptUse | undefined): SafeHtml {
  if (!use) return html``;
  if (use.error || !use.result) return html`<p role="alert" class="error" data-testid="prompt-error">${use.error ?? ''}</p>`;
  return html`<section aria-labelledby="prompt-result-heading">
<h4 id="prompt-result-heading">Prompt messages</h4>
<p role="status" id="prompt-status" class="ok">Prompt ready: ${use.prompt}</p>
${use.result.description ? html`<p class="muted small">${use.result.description}</p>` : ''}
<ol class="plain" aria-label="Prompt messages" data-testid="prompt-messages">${use.result.messages.map(
    (message) => html`<li data-role="${message.role}"><strong>${message.role === 'user' ? 'You' : 'Claude'}</strong><pre>${messageText(message)}</pre></li>`,
  )}</ol>
</section>`;
}

/** `chosen`: the prompt named in the address (?prompt=…), whose form is shown and focused. */
export function promptPanel(connector: ServerConnection, state: ConnectorPrompts, chosen: string | undefined): SafeHtml {
  const prompts = state.prompts;
  const selected = prompts?.find((p) => p.name === (chosen ?? state.lastUse?.prompt));
  return html`<section aria-labelledby="prompts-heading">
<h3 id="prompts-heading">Prompts</h3>
<form method="post" action="/settings/connectors/${connector.id}/prompts"><button type="submit">List prompts</button></form>
${state.listError ? html`<p role="alert" class="error" data-testid="prompts-error">${state.listError}</p>` : ''}
${
  prompts === undefined
    ? html`<p class="muted small">Press List prompts to see what ${connector.name} offers.</p>`
    : prompts.length === 0
      ? html`<p class="muted" data-testid="no-prompts">${connector.name} offers no prompts.</p>`
      : html`<ul class="plain" aria-label="Prompts" data-testid="prompt-list">${prompts.map(
          (prompt) => html`<li data-prompt="${prompt.name}"><strong>${prompt.name}</strong>${prompt.description ? html` <span class="muted small">— ${prompt.description.slice(0, 300)}</span>` : ''}</li>`,
        )}</ul>
<form method="get" action="/settings/connectors/${connector.id}" class="row" style="margin-top:10px;align-items:flex-end">
<div style="flex:1"><label for="prompt-choice">Prompt</label>
<select id="prompt-choice" name="prompt">${prompts.map((prompt) => html`<option value="${prompt.name}"${prompt.name === selected?.name ? html` selected` : ''}>${prompt.name}</option>`)}</select></div>
<button type="submit">Choose prompt</button>
</form>`
}
${selected ? argumentForm(connector, selected, state.lastUse, chosen !== undefined && state.lastUse?.prompt !== chosen) : ''}
${useResult(state.lastUse)}
</section>`;
}
