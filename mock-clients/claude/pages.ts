/**
 * Claude's pages: Settings → Connectors → "Add custom connector" (Name, Remote MCP server URL,
 * Add) → the connector row with "Connect" → after authorizing, the connector page with its tools,
 * "Refresh tools", a tool call, its prompts (promptPanel.ts), "Disconnect".
 */
import { html, type SafeHtml } from '../../web/html.ts';
import type { ConnectionStatus, ServerConnection } from '../core/connections/connection.ts';
import { revisionSelect } from '../core/connections/revisionField.ts';
import type { SpecRevision } from '../../wire/protocolVersions.ts';
import { errorText } from '../core/flowFailure.ts';
import { pageShell, type Brand } from '../core/http/pageShell.ts';
import { toolCallForm, toolList, toolPanelWords } from '../core/http/toolPanels.ts';
import { claudeErrorTexts, claudeNotices } from './errorTexts.ts';

export const CLAUDE_BRAND: Brand = { name: 'Claude', accent: '#c96442', background: '#faf9f5' };

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  authorizing: 'Connecting…',
  'not-connected': 'Not connected',
  'needs-reconnect': 'Needs reconnection',
};

const TOOL_WORDS = toolPanelWords({
  listHeading: 'Tools',
  emptyText: claudeNotices.noTools.text,
  callHeading: 'Try a tool',
});

function render(title: string, body: SafeHtml): string {
  return pageShell(CLAUDE_BRAND, title, html`<header class="top"><a class="brand" href="/">Claude</a><nav><a href="/settings/connectors">Settings</a></nav></header><main>${body}</main>`);
}

export function homePage(): string {
  return render('Claude', html`<div class="card"><h1>How can I help you today?</h1><p class="muted">Add tools in Settings → Connectors.</p></div>`);
}

function settingsLayout(current: 'profile' | 'connectors', body: SafeHtml): SafeHtml {
  const link = (id: 'profile' | 'connectors', label: string) => html`<a href="/settings/${id}"${current === id ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<h1>Settings</h1><nav aria-label="Settings" class="row" style="margin-bottom:12px">${link('profile', 'Profile')}${link('connectors', 'Connectors')}</nav>${body}`;
}

export function profilePage(): string {
  return render('Settings', settingsLayout('profile', html`<div class="card"><h2>Profile</h2><p class="muted">Full name, display name and preferences.</p></div>`));
}

function connectorRow(connector: ServerConnection): SafeHtml {
  const failure = connector.failure ? errorText(claudeErrorTexts, connector.failure, connector.name) : undefined;
  return html`<li data-connector="${connector.id}" aria-label="${connector.name}">
<div class="row" style="justify-content:space-between">
<div><a href="/settings/connectors/${connector.id}"><strong>${connector.name}</strong></a> <span class="muted small">Custom</span><br><span class="muted small">${connector.mcpUrl}</span></div>
<div class="row"><span class="status small" data-testid="connector-status">${STATUS_TEXT[connector.status]}</span>
${
  connector.status === 'connected'
    ? html`<form method="post" action="/settings/connectors/${connector.id}/disconnect"><button type="submit">Disconnect</button></form>`
    : html`<form method="post" action="/settings/connectors/${connector.id}/connect"><button type="submit" class="primary">Connect</button></form>`
}
</div></div>
${failure ? html`<p role="alert" class="error small">${failure}</p>` : ''}
</li>`;
}

export function connectorsPage(connectors: readonly ServerConnection[]): string {
  return render(
    'Connectors',
    settingsLayout(
      'connectors',
      html`<div class="card"><h2>Connectors</h2>
<p class="muted small">Allow Claude to reference other apps and services for more context.</p>
${connectors.length ? html`<ul class="plain" aria-label="Connectors">${connectors.map(connectorRow)}</ul>` : html`<p class="muted">No connectors yet.</p>`}
<form method="get" action="/settings/connectors/new" style="margin-top:14px"><button type="submit">Add custom connector</button></form>
</div>`,
    ),
  );
}

export function addConnectorPage(values: { name: string; url: string; revision?: SpecRevision } = { name: '', url: '' }, error?: string): string {
  return render(
    'Add custom connector',
    html`<section class="card" role="dialog" aria-labelledby="add-title">
<h1 id="add-title">Add custom connector <span class="muted small">BETA</span></h1>
<form method="post" action="/settings/connectors/new" novalidate>
<label for="connector-name">Name</label>
<input id="connector-name" name="name" type="text" autocomplete="off" value="${values.name}">
<label for="connector-url">Remote MCP server URL</label>
<input id="connector-url" name="url" type="url" autocomplete="off" spellcheck="false" value="${values.url}">
${revisionSelect(values.revision)}
<p class="muted small">Only use connectors from developers you trust. Anthropic does not control which tools developers make available.</p>
${error ? html`<p role="alert" class="error">${error}</p>` : ''}
<div class="row" style="margin-top:14px"><a class="button" href="/settings/connectors">Cancel</a><button type="submit" class="primary">Add</button></div>
</form></section>`,
  );
}

/** `prompts`: the connector's Prompts panel (promptPanel.ts), shown while connected. */
export function connectorPage(connector: ServerConnection, prompts: SafeHtml = html``): string {
  const failure = connector.failure ? errorText(claudeErrorTexts, connector.failure, connector.name) : undefined;
  return render(
    connector.name,
    html`<p><a href="/settings/connectors">← Connectors</a></p>
<section class="card" aria-labelledby="connector-title">
<h1 id="connector-title">${connector.name}</h1>
<dl class="facts"><dt>Status</dt><dd><span id="connection-status" class="status" role="status">${STATUS_TEXT[connector.status]}</span></dd><dt>URL</dt><dd>${connector.mcpUrl}</dd><dt>MCP protocol version</dt><dd>${connector.revision}</dd></dl>
${failure ? html`<p role="alert" class="error" data-testid="connector-error">${failure}</p>` : ''}
<div class="row" style="margin-top:12px">
${
  connector.status === 'connected'
    ? html`<form method="post" action="/settings/connectors/${connector.id}/refresh"><button type="submit">Refresh tools</button></form>
<form method="post" action="/settings/connectors/${connector.id}/disconnect"><button type="submit">Disconnect</button></form>`
    : html`<form method="post" action="/settings/connectors/${connector.id}/connect"><button type="submit" class="primary">Connect</button></form>`
}
<form method="post" action="/settings/connectors/${connector.id}/remove"><button type="submit">Remove</button></form>
</div>
${connector.status === 'connected' ? html`${toolList(connector, TOOL_WORDS)}${toolCallForm(connector, `/settings/connectors/${connector.id}/call`, TOOL_WORDS)}${prompts}` : ''}
</section>`,
  );
}

export function callbackErrorPage(message: string): string {
  return render('Connection error', html`<div class="card"><h1>Couldn't connect</h1><p role="alert" class="error">${message}</p><p><a href="/settings/connectors">Back to Connectors</a></p></div>`);
}
