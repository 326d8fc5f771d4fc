/**
 * The User Portal's Connections page (issue 4, point 8): every enterprise tool with its connection
 * (method, scopes, connected at, last used, expiry) and Disconnect / Connect; and every AI client
 * the user authorized, with the tools it may use (and how many of a connector's tools, prompts and
 * resources when the user chose some), whether tools may ask it for elicitation and sampling, and
 * Revoke. A public connector (no credential)
 * says so and offers neither: there is nothing of the user's to connect or remove. Upstream strings
 * are escaped (SEC-05). Disconnect and Revoke access post `confirm=ask` and get a confirmation page
 * first (confirmPages.ts); the message after a change is autofocused so a screen reader reads it.
 */
import { flag, html, type SafeHtml } from '../../web/html.ts';
import type { ClientPermissions, ConnectionMethod, GrantedItems } from '../store/store.ts';
import { CONNECTOR_STATUS_TEXT, type ConnectorStatus } from '../upstream/connectionStatus.ts';

export interface ConnectionRowView {
  readonly id: string;
  readonly displayName: string;
  readonly status: ConnectorStatus;
  readonly method?: ConnectionMethod | undefined;
  readonly scopes: readonly string[];
  readonly connectedAt?: number | undefined;
  readonly lastUsedAt?: number | undefined;
  readonly expiresAt?: number | undefined;
  readonly offers: { readonly apiKey?: { readonly docsUrl: string; readonly placeholder?: string | undefined; readonly needsUsername: boolean; readonly usernameDefault: string } | undefined; readonly oauth: boolean };
}

export interface ClientRowView {
  readonly clientId: string;
  readonly name: string;
  readonly approvedAt: number;
  readonly permissions: ClientPermissions;
  readonly connectors: readonly {
    readonly id: string;
    readonly displayName: string;
    readonly granted: boolean;
    readonly tools: GrantedItems | undefined;
    readonly prompts: GrantedItems | undefined;
    readonly resources: GrantedItems | undefined;
  }[];
}

export interface ConnectionsView {
  readonly csrf: (purpose: string) => string;
  readonly connections: readonly ConnectionRowView[];
  readonly clients: readonly ClientRowView[];
  readonly notice?: { readonly kind: 'error' | 'success'; readonly text: string } | undefined;
}

/** "(2 selected tools, all prompts, 1 selected resource)" when any kind is limited; nothing when all are granted. */
function selection(connector: ClientRowView['connectors'][number]): string {
  const kinds = [['tool', connector.tools], ['prompt', connector.prompts], ['resource', connector.resources]] as const;
  if (!connector.granted || kinds.every(([, items]) => items === undefined || items === '*')) return '';
  const part = ([kind, items]: (typeof kinds)[number]) => (items === undefined || items === '*' ? `all ${kind}s` : `${items.length} selected ${kind}${items.length === 1 ? '' : 's'}`);
  return `(${kinds.map(part).join(', ')})`;
}

const when = (ms: number | undefined) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');

function connectForms(row: ConnectionRowView, csrf: (purpose: string) => string): SafeHtml {
  const keyForm = row.offers.apiKey
    ? html`<form method="post" action="/portal/connections/${row.id}/api-key" class="inline-form" aria-label="Connect ${row.displayName} by API key">
<input type="hidden" name="csrf" value="${csrf(`portal:connect:${row.id}`)}">
${row.offers.apiKey.needsUsername ? html`<label for="user-${row.id}">${row.displayName} account email</label><input id="user-${row.id}" name="api_user" type="email" value="${row.offers.apiKey.usernameDefault}">` : ''}
<label for="key-${row.id}">${row.displayName} API key</label>
<div class="key-row"><input id="key-${row.id}" name="api_key" type="password" autocomplete="off" placeholder="${row.offers.apiKey.placeholder ?? ''}"><button type="submit">Save</button></div>
<p class="muted small"><a href="${row.offers.apiKey.docsUrl}" target="_blank" rel="noopener noreferrer">Where do I find my ${row.displayName} API key?</a></p>
</form>`
    : '';
  const oauthForm = row.offers.oauth
    ? html`<form method="post" action="/portal/connections/${row.id}/oauth" aria-label="Connect ${row.displayName} via OAuth"><input type="hidden" name="csrf" value="${csrf(`portal:connect:${row.id}`)}"><button type="submit">${row.status === 'not_connected' ? 'Connect via OAuth' : 'Reconnect via OAuth'}</button></form>`
    : '';
  return html`${keyForm}${oauthForm}`;
}

export function connectionsPage(view: ConnectionsView): SafeHtml {
  return html`<h1>Your connections</h1>
<nav aria-label="Portal"><p><a href="/portal">Setup details</a> · <strong aria-current="page">Connections</strong></p></nav>
${view.notice ? html`<p class="${view.notice.kind}" role="${view.notice.kind === 'error' ? 'alert' : 'status'}" tabindex="-1" autofocus data-testid="notice">${view.notice.text}</p>` : ''}
<section aria-labelledby="tools-heading">
<h2 id="tools-heading">Enterprise tools</h2>
<ul class="connectors">
${view.connections.map(
  (row) => html`<li class="connector" id="connector-${row.id}" data-connector="${row.id}">
<div class="row-head"><span class="connector-name"><strong>${row.displayName}</strong></span><span class="status ${row.status}" role="status">${CONNECTOR_STATUS_TEXT[row.status]}</span></div>
${
  row.status === 'no_credential'
    ? html`<p class="muted small">A public server: the gateway reaches it without a sign-in, and stores nothing for you.</p>`
    : row.status !== 'not_connected'
      ? html`<dl class="facts">
<dt>Method</dt><dd>${row.method === 'oauth' ? 'OAuth' : 'API key'}</dd>
<dt>Scopes</dt><dd>${row.scopes.length ? row.scopes.join(', ') : '—'}</dd>
<dt>Connected</dt><dd>${when(row.connectedAt)}</dd>
<dt>Last used</dt><dd>${when(row.lastUsedAt)}</dd>
<dt>Expires</dt><dd>${row.expiresAt ? when(row.expiresAt) : row.method === 'oauth' ? 'renewed automatically' : '—'}</dd>
</dl>
<form method="post" action="/portal/connections/${row.id}/disconnect" aria-label="Disconnect ${row.displayName}"><input type="hidden" name="csrf" value="${view.csrf(`portal:disconnect:${row.id}`)}"><input type="hidden" name="confirm" value="ask"><button type="submit">Disconnect</button></form>`
      : ''
}
${row.status === 'not_connected' || row.status === 'needs_reconnect' ? connectForms(row, view.csrf) : ''}
</li>`,
)}
</ul>
</section>
<section aria-labelledby="clients-heading">
<h2 id="clients-heading">AI clients you authorized</h2>
${
  view.clients.length
    ? html`<ul class="connectors">${view.clients.map(
        (client) => html`<li class="connector" data-client="${client.clientId}">
<div class="row-head"><span class="connector-name"><strong>${client.name}</strong></span><span class="muted small">since ${when(client.approvedAt)}</span></div>
<form method="post" action="/portal/clients/tools" aria-label="Tools ${client.name} may use">
<input type="hidden" name="csrf" value="${view.csrf(`portal:client:${client.clientId}`)}"><input type="hidden" name="client_id" value="${client.clientId}">
<fieldset><legend>Tools ${client.name} may use</legend>
${client.connectors.map(
  (connector) => html`<label class="inline"><input type="checkbox" name="connectors" value="${connector.id}"${flag('checked', connector.granted)}> ${connector.displayName}${selection(connector) ? html` <span class="muted">${selection(connector)}</span>` : ''}</label>`,
)}
</fieldset>
<fieldset><legend>While ${client.name} uses a tool, the tool may</legend>
<input type="hidden" name="permissions-shown" value="1">
<label class="inline"><input type="checkbox" name="allow-elicitation" value="1"${flag('checked', client.permissions.elicitation)}> Ask you questions (elicitation)</label>
<label class="inline"><input type="checkbox" name="allow-sampling" value="1"${flag('checked', client.permissions.sampling)}> Use ${client.name}'s AI model (sampling)</label>
</fieldset>
<div class="actions"><button type="submit">Save tools</button></div>
</form>
<form method="post" action="/portal/clients/revoke" aria-label="Revoke ${client.name}"><input type="hidden" name="csrf" value="${view.csrf(`portal:client:${client.clientId}`)}"><input type="hidden" name="client_id" value="${client.clientId}"><input type="hidden" name="confirm" value="ask"><button type="submit">Revoke access</button></form>
</li>`,
      )}</ul>`
    : html`<p class="muted">No AI client is authorized yet. Add the MCP server URL from <a href="/portal">Setup details</a> to one.</p>`
}
</section>`;
}
