/**
 * The User Portal's "setup details": the one MCP Server URL to paste into an AI client and the steps
 * to do it in ChatGPT and Claude, as the seed document describes them, and the way to the
 * Connections page (tools connected, clients authorized). Then each connector's own endpoint
 * (`/mcp/<connector>`, issue 13): for a client that should see one tool vendor only, with the
 * vendor's own tool names.
 */
import { connectorMcpUrl } from '../oauth/resourceIndicators.ts';
import { html, type SafeHtml } from '../../web/html.ts';

export interface SetupConnector {
  readonly id: string;
  readonly displayName: string;
}

function connectorEndpoints(mcpUrl: string, connectors: readonly SetupConnector[]): SafeHtml | string {
  if (connectors.length === 0) return '';
  return html`<section aria-labelledby="one-connector">
<h2 id="one-connector">One tool vendor only</h2>
<p>The URL above gives the AI every tool you authorize, each named <code>&lt;vendor&gt;__&lt;tool&gt;</code>. To give a client
one vendor's tools, prompts and resources under their own names, add that vendor's URL instead. Sign-in and
the tool choice are the same.</p>
<table>
<thead><tr><th scope="col">Vendor</th><th scope="col">MCP Server URL</th></tr></thead>
<tbody>${connectors.map((connector) => html`<tr><td>${connector.displayName}</td><td><code data-testid="mcp-server-url-${connector.id}">${connectorMcpUrl(mcpUrl, connector.id)}</code></td></tr>`)}</tbody>
</table>
</section>`;
}

export function setupPage(mcpUrl: string, connectors: readonly SetupConnector[] = []): SafeHtml {
  return html`<h1>Connect your AI client</h1>
<nav aria-label="Portal"><p><strong aria-current="page">Setup details</strong> · <a href="/portal/connections">Connections</a></p></nav>
<p>Add this one MCP server to ChatGPT, Claude or any MCP client. The gateway signs you in, lets you choose the
tools the AI may use and connects each tool with your own credentials.</p>
<section aria-labelledby="setup-details">
<h2 id="setup-details">Setup details</h2>
<dl class="facts">
  <dt>MCP Server URL</dt><dd><code data-testid="mcp-server-url">${mcpUrl}</code></dd>
  <dt>Authentication</dt><dd>OAuth</dd>
</dl>
</section>
<section aria-labelledby="chatgpt-steps">
<h2 id="chatgpt-steps">ChatGPT</h2>
<ol class="steps">
  <li>Go to ChatGPT in your browser.</li>
  <li>Select your profile icon and go to <strong>Settings</strong>.</li>
  <li>Go to <strong>Apps</strong> &gt; <strong>Advanced settings</strong>, then toggle on <strong>Developer mode</strong>.</li>
  <li>Return to <strong>Apps</strong>, then click <strong>Create an app</strong>.</li>
  <li>Enter a <strong>Name</strong> and the <strong>MCP Server URL</strong>: <code>${mcpUrl}</code></li>
  <li>Leave authentication as <strong>OAuth</strong> and select the checkbox to agree.</li>
  <li>Click <strong>Create</strong>. You are redirected here to authorize your tools.</li>
  <li>Back in ChatGPT, under <strong>Information</strong>, click <strong>Refresh</strong> whenever you change your tools.</li>
</ol>
</section>
<section aria-labelledby="claude-steps">
<h2 id="claude-steps">Claude</h2>
<ol class="steps">
  <li>Open <strong>Settings</strong> &gt; <strong>Connectors</strong>.</li>
  <li>Click <strong>Add custom connector</strong>, enter a name and the URL <code>${mcpUrl}</code>.</li>
  <li>Click <strong>Connect</strong>. You are redirected here to sign in and authorize your tools.</li>
</ol>
</section>
${connectorEndpoints(mcpUrl, connectors)}`;
}
