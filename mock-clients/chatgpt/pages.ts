/**
 * ChatGPT's pages, after the seed document: profile menu → Settings → Apps → Advanced settings →
 * Developer mode → Create app (Name, MCP Server URL, Authentication, "I understand and want to
 * continue", Create) → the app page (Information with status and Refresh, Actions, calling one).
 */
import { html, type SafeHtml } from '../../web/html.ts';
import type { ConnectionStatus, ServerConnection } from '../core/connections/connection.ts';
import { revisionSelect } from '../core/connections/revisionField.ts';
import type { SpecRevision } from '../../wire/protocolVersions.ts';
import { errorText } from '../core/flowFailure.ts';
import { pageShell, type Brand } from '../core/http/pageShell.ts';
import { toolCallForm, toolList, toolPanelWords } from '../core/http/toolPanels.ts';
import { chatgptErrorTexts, chatgptNotices } from './errorTexts.ts';
import type { ToolWidget } from './toolWidget.ts';
import { widgetSection } from './widgetFrame.ts';

export const CHATGPT_BRAND: Brand = { name: 'ChatGPT', accent: '#10a37f', background: '#f7f7f8' };
export const CHATGPT_SCRIPT_PATH = '/assets/chatgpt.js';

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  authorizing: 'Waiting for authorization',
  'not-connected': 'Not connected',
  'needs-reconnect': 'Connection expired',
};

const TOOL_WORDS = toolPanelWords({
  listHeading: 'Actions',
  emptyText: chatgptNotices.noActions.text,
  callHeading: 'Call a tool',
});

function topBar(): SafeHtml {
  return html`<header class="top"><a class="brand" href="/">ChatGPT</a>
<div style="position:relative">
<button type="button" id="profile-button" aria-label="Open profile menu" aria-haspopup="menu" aria-expanded="false" aria-controls="profile-menu">You</button>
<div role="menu" id="profile-menu" aria-label="Profile" hidden style="right:0;top:40px;min-width:160px"><a role="menuitem" href="/settings/general">Settings</a><a role="menuitem" href="/">Help</a></div>
</div></header>`;
}

function render(title: string, body: SafeHtml): string {
  return pageShell(CHATGPT_BRAND, title, html`${topBar()}<main>${body}</main>`, CHATGPT_SCRIPT_PATH);
}

export function homePage(): string {
  return render('ChatGPT', html`<div class="card"><h1>What can I help with?</h1><p class="muted">Open your profile menu to manage Settings and Apps.</p></div>`);
}

function settingsDialog(tab: 'general' | 'apps', body: SafeHtml): SafeHtml {
  const tabLink = (id: 'general' | 'apps', label: string) => html`<a role="tab" href="/settings/${id}" aria-selected="${tab === id ? 'true' : 'false'}">${label}</a>`;
  return html`<section class="card" role="dialog" aria-labelledby="settings-title">
<div class="row" style="justify-content:space-between"><h1 id="settings-title">Settings</h1><a class="button" href="/" aria-label="Close settings">Close</a></div>
<nav role="tablist" aria-label="Settings sections">${tabLink('general', 'General')}${tabLink('apps', 'Apps')}</nav>
<div role="tabpanel">${body}</div>
</section>`;
}

export function generalSettingsPage(): string {
  return render('Settings', settingsDialog('general', html`<h2>General</h2><dl class="facts"><dt>Theme</dt><dd>System</dd><dt>Language</dt><dd>Auto-detect</dd></dl>`));
}

export function appsPage(apps: readonly ServerConnection[], developerMode: boolean): string {
  return render(
    'Apps',
    settingsDialog(
      'apps',
      html`<h2>Apps</h2>
<h3>Drafts</h3>
${apps.length === 0 ? html`<p class="muted">No apps yet.</p>` : html`<ul class="plain" aria-label="Drafts">${apps.map((app) => html`<li><a href="/settings/apps/${app.id}">${app.name}</a> <span class="muted small">${STATUS_TEXT[app.status]}</span></li>`)}</ul>`}
${developerMode ? html`<form method="get" action="/settings/apps/create" class="row" style="margin-top:14px"><button type="submit" class="primary">Create app</button></form>` : ''}
<form method="get" action="/settings/apps/advanced" style="margin-top:18px"><button type="submit">Advanced settings</button></form>`,
    ),
  );
}

export function advancedSettingsPage(developerMode: boolean): string {
  return render(
    'Advanced settings',
    settingsDialog(
      'apps',
      html`<h2>Advanced settings</h2>
<form method="post" action="/settings/apps/advanced" class="row" style="justify-content:space-between">
<input type="hidden" name="developer_mode" value="${developerMode ? 'off' : 'on'}">
<span id="developer-mode-label"><strong>Developer mode</strong></span>
<button type="submit" role="switch" id="developer-mode" aria-checked="${developerMode ? 'true' : 'false'}" aria-labelledby="developer-mode-label" aria-describedby="developer-mode-help"></button>
</form>
<p id="developer-mode-help" class="muted small">Allows adding unverified apps (custom MCP servers). Use with caution: unverified apps can read and change your data.</p>
<form method="get" action="/settings/apps"><button type="submit">Back</button></form>`,
    ),
  );
}

export interface CreateFormValues {
  readonly name: string;
  readonly url: string;
  readonly authentication: 'oauth' | 'none';
  readonly revision?: SpecRevision;
}

export function createAppPage(values: CreateFormValues = { name: '', url: '', authentication: 'oauth' }, error?: string): string {
  return render(
    'New App',
    html`<section class="card" role="dialog" aria-labelledby="new-app-title">
<h1 id="new-app-title">New App</h1>
<form method="post" action="/settings/apps/create" id="create-app-form" novalidate>
<label for="app-name">Name</label>
<input id="app-name" name="name" type="text" autocomplete="off" value="${values.name}">
<label for="app-description">Description (optional)</label>
<input id="app-description" name="description" type="text" autocomplete="off">
<label for="app-url">MCP Server URL</label>
<input id="app-url" name="url" type="url" autocomplete="off" spellcheck="false" placeholder="https://example.com/mcp" value="${values.url}">
<label for="app-auth">Authentication</label>
<select id="app-auth" name="authentication"><option value="oauth"${values.authentication === 'oauth' ? html` selected` : ''}>OAuth</option><option value="none"${values.authentication === 'none' ? html` selected` : ''}>No authentication</option></select>
${revisionSelect(values.revision)}
<p class="muted small">Custom MCP servers are not verified by OpenAI. A malicious server can read or change data in your connected accounts.</p>
<label class="inline"><input type="checkbox" id="app-ack" name="acknowledged" value="yes"> I understand and want to continue</label>
${error ? html`<p role="alert" class="error" data-testid="create-error">${error}</p>` : ''}
<div class="row" style="margin-top:14px"><button type="submit" class="primary" id="create-app" disabled>Create</button><a class="button" href="/settings/apps">Cancel</a></div>
</form>
</section>`,
  );
}

/** The app page; `widget` is the last call's widget when that tool has one (toolWidget.ts). */
export function appPage(app: ServerConnection, widget?: ToolWidget): string {
  const failure = app.failure ? errorText(chatgptErrorTexts, app.failure, app.name) : undefined;
  const canConnect = app.status !== 'connected';
  return render(
    app.name,
    html`<p><a href="/settings/apps">← Apps</a></p>
<section class="card" aria-labelledby="app-title">
<h1 id="app-title">${app.name}</h1>
<section aria-labelledby="information-heading">
<h2 id="information-heading">Information</h2>
<dl class="facts">
<dt>Status</dt><dd><span id="connection-status" class="status" role="status">${STATUS_TEXT[app.status]}</span></dd>
<dt>MCP Server URL</dt><dd>${app.mcpUrl}</dd>
<dt>Authentication</dt><dd>${app.authentication === 'oauth' ? 'OAuth' : 'No authentication'}</dd>
<dt>MCP protocol version</dt><dd>${app.revision}</dd>
<dt>Actions refreshed</dt><dd>${app.toolsListedAt ? new Date(app.toolsListedAt).toISOString() : 'never'}</dd>
</dl>
${failure ? html`<p role="alert" class="error" data-testid="app-error">${failure}${app.status === 'needs-reconnect' ? html` <span class="muted">${chatgptNotices.reconnectHint.text}</span>` : ''}</p>` : ''}
<div class="row" style="margin-top:12px">
<form method="post" action="/settings/apps/${app.id}/refresh"><button type="submit">Refresh</button></form>
${canConnect ? html`<form method="post" action="/settings/apps/${app.id}/connect"><button type="submit" class="primary">${app.status === 'needs-reconnect' ? 'Reconnect' : 'Connect'}</button></form>` : ''}
<form method="post" action="/settings/apps/${app.id}/delete"><button type="submit">Delete app</button></form>
</div>
</section>
${toolList(app, TOOL_WORDS)}
${toolCallForm(app, `/settings/apps/${app.id}/call`, TOOL_WORDS)}
${widgetSection(widget)}
</section>`,
  );
}

export function callbackErrorPage(message: string): string {
  return render('Connection error', html`<div class="card"><h1>Couldn't connect</h1><p role="alert" class="error">${message}</p><p><a href="/settings/apps">Back to Apps</a></p></div>`);
}
