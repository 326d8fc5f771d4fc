/**
 * "Authorize Tool Access for <client>": the consent page (AS-06, AS-08). It names the client, the
 * host the browser will be sent back to, and each permission in plain words; warns when the client
 * can only redirect to this computer; and holds the tool section that the connector catalogue fills
 * (issue 4) — today the gateway's own tools. Every client-supplied string is escaped by `html`.
 */
import { html, type SafeHtml } from '../http/html.ts';
import { SCOPE_DESCRIPTIONS } from '../oauth/scopes.ts';

export interface ConsentView {
  readonly uid: string;
  readonly csrf: string;
  readonly clientName: string;
  readonly clientId: string;
  /** Host (and port) of the redirect URI this authorization returns to. */
  readonly redirectHost: string;
  /** The client registered only loopback redirect URIs. */
  readonly localhostOnly: boolean;
  /** The client_id is a Client ID Metadata Document URL (its host vouches for the client). */
  readonly metadataDocumentHost: string | undefined;
  readonly scopes: readonly string[];
  readonly tools: readonly { readonly name: string; readonly description: string }[];
}

export function consentPage(view: ConsentView): SafeHtml {
  const action = (verb: 'confirm' | 'abort') => `/interaction/${encodeURIComponent(view.uid)}/${verb}`;
  return html`<h1>Authorize Tool Access for ${view.clientName}</h1>
<p><strong>${view.clientName}</strong> wants to use tools through Gangway on your behalf.</p>
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
<section aria-labelledby="permissions-heading">
<h2 id="permissions-heading">It will be able to</h2>
<ul data-testid="scopes">
${view.scopes.map((scope) => html`<li data-scope="${scope}">${SCOPE_DESCRIPTIONS[scope] ?? scope} <span class="muted">(${scope})</span></li>`)}
</ul>
</section>
<form method="post" action="${action('confirm')}" aria-label="Authorize tool access">
<input type="hidden" name="csrf" value="${view.csrf}">
<section id="tools" aria-labelledby="tools-heading">
<h2 id="tools-heading">Tools</h2>
<ul>
${view.tools.map((tool) => html`<li><strong>${tool.name}</strong> — <span class="muted">${tool.description}</span></li>`)}
</ul>
</section>
<div class="actions">
<button class="primary" type="submit">Authorize tools</button>
<button type="submit" formaction="${action('abort')}">Cancel</button>
</div>
</form>`;
}
