/**
 * The parts of a connection page that ChatGPT and Claude share: the tool list as last fetched, a
 * form to call one (tool select, JSON arguments), and the last result. Only the words differ.
 */
import { html, type SafeHtml } from '../../../web/html.ts';
import type { ServerConnection } from '../connections/connection.ts';

export interface ToolPanelWords {
  readonly listHeading: string;
  readonly emptyText: string;
  readonly callHeading: string;
  readonly toolLabel: string;
  readonly argumentsLabel: string;
  readonly callButton: string;
  readonly resultHeading: string;
  readonly succeeded: string;
  readonly failed: string;
}

/** The words both hosted clients use; each profile names its list, empty state and call section. */
export function toolPanelWords(own: Pick<ToolPanelWords, 'listHeading' | 'emptyText' | 'callHeading'>): ToolPanelWords {
  return { ...own, toolLabel: 'Tool', argumentsLabel: 'Arguments (JSON)', callButton: 'Call tool', resultHeading: 'Result', succeeded: 'Tool call succeeded', failed: 'Tool call failed' };
}

export function toolList(connection: ServerConnection, words: ToolPanelWords): SafeHtml {
  return html`<section aria-labelledby="tools-heading">
<h3 id="tools-heading">${words.listHeading}</h3>
${
  connection.tools.length === 0
    ? html`<p class="muted" data-testid="no-tools">${words.emptyText}</p>`
    : html`<ul class="plain" aria-label="${words.listHeading}" data-testid="tool-list">${connection.tools.map(
        (tool) => html`<li data-tool="${tool.name}"><strong>${tool.name}</strong>${tool.description ? html` <span class="muted small">— ${tool.description.slice(0, 300)}</span>` : ''}</li>`,
      )}</ul>`
}
</section>`;
}

export function toolCallForm(connection: ServerConnection, action: string, words: ToolPanelWords): SafeHtml {
  if (connection.tools.length === 0) return html``;
  const selected = connection.lastCall?.tool;
  return html`<section aria-labelledby="call-heading">
<h3 id="call-heading">${words.callHeading}</h3>
<form method="post" action="${action}">
<label for="tool">${words.toolLabel}</label>
<select id="tool" name="tool">${connection.tools.map((tool) => html`<option value="${tool.name}"${tool.name === selected ? html` selected` : ''}>${tool.name}</option>`)}</select>
<label for="arguments">${words.argumentsLabel}</label>
<textarea id="arguments" name="arguments" spellcheck="false">${connection.lastCall?.argumentsText ?? '{}'}</textarea>
<div class="row" style="margin-top:10px"><button type="submit" class="primary">${words.callButton}</button></div>
</form>
${toolCallResult(connection, words)}
</section>`;
}

function toolCallResult(connection: ServerConnection, words: ToolPanelWords): SafeHtml {
  const call = connection.lastCall;
  if (!call) return html``;
  return html`<section aria-labelledby="result-heading">
<h3 id="result-heading">${words.resultHeading}</h3>
<p role="status" id="tool-call-status" class="${call.ok ? 'ok' : 'error'}">${call.ok ? words.succeeded : words.failed}: ${call.tool}</p>
<pre id="tool-result" data-testid="tool-result">${call.text}</pre>
</section>`;
}
