/**
 * The Inspector's one page (also served at the OAuth callback paths): the classic 0.x layout —
 * sidebar with Transport Type, URL, Connect; a Tools panel with List Tools, the tools, and a tool
 * form with Run Tool, its progress, and the server's elicitation questions as a form. The bundled script (browser/inspectorPage.ts) brings it to life.
 */
import { html } from '../../web/html.ts';
import { pageShell, type Brand } from '../core/http/pageShell.ts';
import { inspectorNotices } from './errorTexts.ts';
import { INSPECTOR_SCRIPT_PATH } from './profile.ts';

export const INSPECTOR_BRAND: Brand = { name: 'MCP Inspector', accent: '#0f172a', background: '#f8fafc' };

export function inspectorPage(): string {
  return pageShell(
    INSPECTOR_BRAND,
    'MCP Inspector',
    html`<header class="top"><span class="brand">MCP Inspector</span><span class="muted small">look-alike</span></header>
<main style="max-width:1100px;display:grid;grid-template-columns:320px 1fr;gap:16px">
<aside class="card" aria-label="Connection">
<label for="transport-type">Transport Type</label>
<select id="transport-type"><option value="stdio">STDIO</option><option value="sse">SSE</option><option value="streamable-http">Streamable HTTP</option></select>
<label for="server-url">URL</label>
<input id="server-url" type="url" spellcheck="false" autocomplete="off" placeholder="http://localhost:3001/mcp">
<div class="row" style="margin-top:12px"><button type="button" id="connect" class="primary">Connect</button><button type="button" id="disconnect" hidden>Disconnect</button></div>
<p id="connection-status" class="status" role="status" style="margin-top:12px">${inspectorNotices.disconnected.text}</p>
<p id="connection-error" class="error small" role="alert" hidden></p>
</aside>
<section class="card" aria-labelledby="tools-heading">
<h2 id="tools-heading">Tools</h2>
<div class="row"><button type="button" id="list-tools" disabled>List Tools</button><button type="button" id="clear-tools" disabled>Clear</button></div>
<p id="tools-error" class="error small" role="alert" hidden></p>
<ul id="tool-list" class="plain" aria-label="Tools" style="margin-top:10px"></ul>
<div id="tool-panel" hidden>
<h3 id="selected-tool"></h3>
<p id="selected-tool-description" class="muted small"></p>
<label for="tool-arguments">Arguments (JSON)</label>
<textarea id="tool-arguments" spellcheck="false">{}</textarea>
<div class="row" style="margin-top:10px"><button type="button" id="run-tool" class="primary">Run Tool</button></div>
<div id="tool-progress" hidden style="margin-top:10px">
<label for="tool-progress-bar">Progress</label>
<progress id="tool-progress-bar" style="width:100%"></progress>
<p id="tool-progress-status" role="status" aria-live="polite" class="small"></p>
</div>
<p id="tool-result-status" role="status"></p>
<pre id="tool-result" data-testid="tool-result" hidden></pre>
</div>
</section>
<section id="elicitation" class="card" aria-labelledby="elicitation-heading" hidden style="grid-column:2">
<h2 id="elicitation-heading">Elicitation Request</h2>
<p id="elicitation-message"></p>
<form id="elicitation-form" novalidate>
<div id="elicitation-fields"></div>
<p id="elicitation-error" class="error small" role="alert" hidden></p>
<div class="row" style="margin-top:12px"><button type="submit" class="primary">Submit</button><button type="button" id="elicitation-decline">Decline</button><button type="button" id="elicitation-cancel">Cancel</button></div>
</form>
</section>
</main>`,
    INSPECTOR_SCRIPT_PATH,
  );
}
