/**
 * "Authorize Tool Access for <client>": the consent page (AS-06, AS-08) and the heart of the seed
 * flow. It names the client, the host the browser returns to and each permission; warns when the
 * client can only redirect to this computer; and lists the enterprise tools — a row per connector
 * with a checkbox, its connection method (API key field + Save, or Connect via OAuth), a status
 * that turns green "Connected", and, once connected, its tools — and the prompts, resources and
 * resource templates it offers (issue 13) — to untick one by one (consentChoices.ts). A public
 * connector (no credential) has no connect step: its status says "No sign-in needed" and its lists
 * are shown at once. Below the tools, per client: may the tools ask the user questions (elicitation)
 * or use the client's model (sampling). "Authorize tools" is enabled only when every ticked
 * connector is ready.
 * Each API-key field and its Save belong to a small form of the row's own (the `form` attribute), so
 * Enter in Slack's key field saves Slack's key — in one big form the browser would press the first
 * Save on the page. After a Save the row's message is autofocused: focus does not fall to <body>
 * and a screen reader reads the outcome. Rows are focusable (tabindex=-1) because the way back
 * from a vendor's sign-in names the row (#connector-x): Chromium focuses a focusable fragment
 * target and otherwise drops focus to <body>, script or not.
 * Every string from a client or an upstream (names, tool descriptions) is escaped by `html` (SEC-05).
 */
import { flag, html, type SafeHtml } from '../../web/html.ts';
import { SCOPE_DESCRIPTIONS } from '../oauth/scopes.ts';
import type { ClientPermissions, ConnectionMethod } from '../store/store.ts';
import { CONNECTOR_STATUS_TEXT, isReady, type ConnectorStatus } from '../upstream/connectionStatus.ts';
import { clientPermissionChoices, itemChoices, type ItemChoiceView } from './consentChoices.ts';
import type { RowMessage } from './consentDraft.ts';

export interface ConnectorRowView {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string | undefined;
  readonly icon?: string | undefined;
  /** Empty for a public connector: nothing to connect. */
  readonly methods: readonly ConnectionMethod[];
  readonly method?: ConnectionMethod | undefined;
  readonly selected: boolean;
  readonly status: ConnectorStatus;
  readonly connectedVia?: ConnectionMethod | undefined;
  readonly message?: RowMessage | undefined;
  readonly apiKey?: { readonly placeholder?: string | undefined; readonly docsUrl: string; readonly needsUsername: boolean; readonly usernameDefault?: string | undefined } | undefined;
  /** Each list once the connector is ready; prompts, resources and templates only when it offers some. */
  readonly tools?: readonly ItemChoiceView[] | undefined;
  readonly prompts?: readonly ItemChoiceView[] | undefined;
  readonly resources?: readonly ItemChoiceView[] | undefined;
  readonly templates?: readonly ItemChoiceView[] | undefined;
  /** Why a list could not be shown (authorizing then allows all of that kind). */
  readonly listErrors?: readonly string[] | undefined;
}

export interface ConsentView {
  readonly uid: string;
  readonly csrf: string;
  readonly clientName: string;
  readonly clientId: string;
  readonly redirectHost: string;
  readonly localhostOnly: boolean;
  /** The client signs in for one connector's own endpoint: it will see that connector's tools only. */
  readonly endpoint?: { readonly displayName: string; readonly url: string } | undefined;
  readonly metadataDocumentHost: string | undefined;
  readonly scopes: readonly string[];
  readonly gatewayTools: readonly { readonly name: string; readonly description: string }[];
  readonly connectors: readonly ConnectorRowView[];
  /** What the tools may ask of this client (elicitation, sampling). */
  readonly permissions: ClientPermissions;
  /** Every ticked connector is connected. */
  readonly ready: boolean;
  readonly notice?: string | undefined;
  /** The connector whose row message takes focus on this render. */
  readonly focus?: string | undefined;
}

const METHOD_TEXT = { api_key: 'API key', oauth: 'OAuth' } as const;

function icon(row: ConnectorRowView): SafeHtml | string {
  const safe = row.icon && (/^https:\/\//.test(row.icon) || /^data:image\/(png|svg\+xml|jpeg|gif);/.test(row.icon));
  return safe ? html`<img class="icon" src="${row.icon!}" alt="" width="20" height="20">` : '';
}

const keyFormId = (connectorId: string) => `key-form-${connectorId}`;

const MESSAGE_CLASS = { error: 'error', success: 'success', info: 'info' } as const;

function rowMessage(row: ConnectorRowView, focused: boolean): SafeHtml | string {
  if (!row.message) return '';
  const role = row.message.kind === 'error' ? 'alert' : 'status';
  return html`<p id="message-${row.id}" class="${MESSAGE_CLASS[row.message.kind]}" role="${role}" tabindex="-1"${focused ? html` autofocus` : ''} data-testid="message-${row.id}">${row.message.text}</p>`;
}

function connectorRow(row: ConnectorRowView, focus: string | undefined): SafeHtml {
  const id = row.id;
  const own = keyFormId(id);
  const methodChoice =
    row.methods.length === 0
      ? ''
      : row.methods.length > 1
        ? html`<fieldset class="methods"><legend>How to connect ${row.displayName}</legend>${row.methods.map(
            (method) =>
              html`<label class="inline"><input type="radio" name="method:${id}" value="${method}"${flag('checked', row.method === method)}> ${METHOD_TEXT[method]}</label>`,
          )}</fieldset>`
        : html`<input type="hidden" name="method:${id}" value="${row.method ?? ''}">`;

  const apiKeyForm =
    row.apiKey && row.methods.includes('api_key')
      ? html`<div class="method" data-method="api_key">
${row.apiKey.needsUsername ? html`<label for="user-${id}">${row.displayName} account email</label><input id="user-${id}" form="${own}" name="api_user:${id}" type="email" autocomplete="off" value="${row.apiKey.usernameDefault ?? ''}">` : ''}
<label for="key-${id}">${row.displayName} API key</label>
<div class="key-row"><input id="key-${id}" form="${own}" name="api_key:${id}" type="password" autocomplete="off" spellcheck="false" placeholder="${row.apiKey.placeholder ?? ''}" aria-describedby="key-help-${id}"><button type="submit" form="${own}" name="action" value="save-key:${id}">Save</button></div>
<p id="key-help-${id}" class="muted small"><a href="${row.apiKey.docsUrl}" target="_blank" rel="noopener noreferrer">Where do I find my ${row.displayName} API key?</a></p>
</div>`
      : '';
  const oauthForm = row.methods.includes('oauth')
    ? html`<div class="method" data-method="oauth"><button type="submit" name="action" value="connect:${id}">${row.status === 'connected' && row.connectedVia === 'oauth' ? 'Reconnect via OAuth' : 'Connect via OAuth'}</button></div>`
    : '';

  const some = (items: readonly ItemChoiceView[] | undefined): items is readonly ItemChoiceView[] => items !== undefined && items.length > 0;
  const lists = html`${row.tools ? itemChoices(id, 'tools', `${row.displayName} tools the AI may use`, row.tools) : ''}
${some(row.prompts) ? itemChoices(id, 'prompts', `${row.displayName} prompts the AI may use`, row.prompts) : ''}
${some(row.resources) ? itemChoices(id, 'resources', `${row.displayName} resources the AI may read`, row.resources) : ''}
${some(row.templates) ? itemChoices(id, 'resources', `${row.displayName} resource templates the AI may read`, row.templates, !some(row.resources)) : ''}
${(row.listErrors ?? []).map((error) => html`<p class="muted small">${error}</p>`)}`;

  return html`<li class="connector" id="connector-${id}" tabindex="-1" data-connector="${id}" data-connected="${isReady(row.status) ? 'true' : 'false'}">
<div class="row-head">
<input type="checkbox" id="use-${id}" name="connectors" value="${id}"${flag('checked', row.selected)} aria-describedby="status-${id}">
<label for="use-${id}" class="connector-name">${icon(row)}${row.displayName}</label>
<span class="status ${row.status}" id="status-${id}" role="status">${CONNECTOR_STATUS_TEXT[row.status]}${row.status === 'connected' && row.connectedVia ? html` <span class="muted">(${METHOD_TEXT[row.connectedVia]})</span>` : ''}</span>
</div>
${row.description ? html`<p class="muted small">${row.description}</p>` : ''}
<div class="connector-body">
${rowMessage(row, focus === id)}
${methodChoice}
${apiKeyForm}
${oauthForm}
${lists}
</div>
</li>`;
}

export function consentPage(view: ConsentView): SafeHtml {
  return html`<h1>Authorize Tool Access for ${view.clientName}</h1>
<p><strong>${view.clientName}</strong> wants to use tools through Gangway on your behalf. Select each tool you want it to access and connect it.</p>
<dl class="facts" aria-label="Application details">
  <dt>Application</dt><dd data-testid="client-name">${view.clientName}</dd>
  <dt>Returns you to</dt><dd data-testid="redirect-host">${view.redirectHost}</dd>
  <dt>Client ID</dt><dd><code>${view.clientId}</code>${view.metadataDocumentHost ? html` <span class="muted">(published by ${view.metadataDocumentHost})</span>` : ''}</dd>
</dl>
${
  view.localhostOnly
    ? html`<p class="warning" role="note" data-testid="localhost-warning">This application runs on your own computer: it can only send you back to <strong>${view.redirectHost}</strong>. Continue only if you started it yourself.</p>`
    : ''
}
${
  view.endpoint
    ? html`<p class="info" role="note" data-testid="endpoint-note">${view.clientName} connects to the <strong>${view.endpoint.displayName}</strong> endpoint (<code>${view.endpoint.url}</code>): it will see ${view.endpoint.displayName}'s tools, prompts and resources only, under their own names. ${view.endpoint.displayName} is ticked below; tools you tick for other vendors are not reachable there.</p>`
    : ''
}
${view.notice ? html`<p class="error" role="alert" tabindex="-1" autofocus data-testid="notice">${view.notice}</p>` : ''}
<form method="post" action="/interaction/${view.uid}/consent" aria-label="Authorize tool access" id="consent-form">
<input type="hidden" name="csrf" value="${view.csrf}">
<input type="hidden" name="choices" value="1">
<section id="tools" aria-labelledby="tools-heading">
<h2 id="tools-heading">Enterprise tools</h2>
${view.connectors.length ? html`<ul class="connectors">${view.connectors.map((row) => connectorRow(row, view.focus))}</ul>` : html`<p class="muted">No enterprise tools are configured on this gateway.</p>`}
<p class="muted small">Always available: ${view.gatewayTools.map((tool, i) => html`${i ? ', ' : ''}<strong>${tool.name}</strong> (${tool.description})`)}</p>
</section>
${clientPermissionChoices(view.clientName, view.connectors.map((row) => row.displayName), view.permissions)}
<section aria-labelledby="permissions-heading">
<h2 id="permissions-heading">${view.clientName} will be able to</h2>
<ul data-testid="scopes">
${view.scopes.map((scope) => html`<li data-scope="${scope}">${SCOPE_DESCRIPTIONS[scope] ?? scope} <span class="muted">(${scope})</span></li>`)}
</ul>
</section>
<div class="actions">
<button class="primary" type="submit" name="action" value="authorize" id="authorize-tools"${flag('disabled', !view.ready)} aria-describedby="authorize-hint">Authorize tools</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</div>
<p id="authorize-hint" class="muted small"${flag('hidden', view.ready)}>Connect every selected tool to continue.</p>
</form>
${view.connectors
  .filter((row) => row.apiKey && row.methods.includes('api_key'))
  .map((row) => html`<form id="${keyFormId(row.id)}" method="post" action="/interaction/${view.uid}/consent" data-key-form="${row.id}"><input type="hidden" name="csrf" value="${view.csrf}"></form>`)}
<script src="/assets/consent.js"></script>`;
}
