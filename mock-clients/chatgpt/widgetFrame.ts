/**
 * The widget as ChatGPT shows it: the template's HTML in a sandboxed iframe (srcdoc,
 * `sandbox="allow-scripts"` and no `allow-same-origin`, so the widget runs in an opaque origin and
 * can reach neither the page nor its cookies). Two runtimes feed it the tool result, as hosts do:
 * the Apps SDK's `window.openai` (toolInput, toolOutput = structuredContent), set before the
 * widget's own scripts run, and the MCP Apps bridge (`ui/initialize` answered, then
 * `ui/notifications/tool-result`) driven by the page script from the frame's data attributes. The
 * page script sets `srcdoc` itself once its message listener is in place, so the widget's first
 * `ui/initialize` cannot arrive before anyone listens.
 */
import { html, type SafeHtml } from '../../web/html.ts';
import type { ToolWidget } from './toolWidget.ts';

/** JSON safe inside an inline <script>: no `</script>`, no line separators that end a JS string. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The template with ChatGPT's `window.openai` globals defined first thing in its <head>. */
export function widgetDocument(widget: ToolWidget & { html: string }): string {
  const globals = `<script>window.openai = Object.freeze({ toolInput: ${scriptJson(widget.toolInput)}, toolOutput: ${scriptJson(widget.structuredContent)}, toolResponseMetadata: null, widgetState: null, theme: "light", displayMode: "inline", locale: "en-US", maxHeight: 480 });</script>`;
  const head = /<head[^>]*>/i.exec(widget.html);
  return head ? `${widget.html.slice(0, head.index + head[0].length)}${globals}${widget.html.slice(head.index + head[0].length)}` : `${globals}${widget.html}`;
}

export function widgetSection(widget: ToolWidget | undefined): SafeHtml {
  if (!widget) return html``;
  return html`<section aria-labelledby="widget-heading" data-testid="tool-widget">
<h3 id="widget-heading">${widget.tool}</h3>
${
  widget.html !== undefined
    ? html`<iframe class="widget" title="${widget.tool} widget" sandbox="allow-scripts" data-template-uri="${widget.templateUri}" data-tool-result="${JSON.stringify({ content: widget.content, structuredContent: widget.structuredContent })}" data-tool-input="${JSON.stringify(widget.toolInput)}" data-widget-document="${widgetDocument({ ...widget, html: widget.html })}" style="width:100%;min-height:220px;border:1px solid #e5e7eb;border-radius:12px"></iframe>`
    : html`<p role="alert" class="error" data-testid="widget-error">${widget.error ?? ''}</p>`
}
</section>`;
}
