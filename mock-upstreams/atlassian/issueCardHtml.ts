/**
 * The Jira issue card widget: one self-contained HTML document (no network, no external script),
 * rendered by an MCP Apps host (it announces itself with `ui/initialize` and draws the tool result's
 * structuredContent from `ui/notifications/tool-result`) or by ChatGPT's apps runtime
 * (`window.openai.toolOutput`). Text goes in with textContent only, never as markup.
 */
export const ISSUE_CARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Jira issue</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; padding: 12px; color: #172b4d; }
  article { border: 1px solid #dfe1e6; border-radius: 6px; padding: 12px 16px; max-width: 480px; }
  .key { color: #0052cc; font-weight: 600; }
  .status { display: inline-block; padding: 0 6px; border-radius: 3px; background: #dfe1e6; font-size: 12px; text-transform: uppercase; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
  dt { color: #5e6c84; }
</style>
</head>
<body>
<article id="card" aria-live="polite"><p>Loading issue…</p></article>
<script>
  const card = document.getElementById('card');
  function el(tag, text, className) { const e = document.createElement(tag); e.textContent = text; if (className) e.className = className; return e; }
  function render(issue) {
    if (!issue || typeof issue.key !== 'string') return;
    const heading = document.createElement('h1');
    heading.style.fontSize = '16px';
    heading.append(el('span', issue.key, 'key'), ' ', el('span', issue.summary));
    const facts = document.createElement('dl');
    for (const [label, value] of [['Status', issue.status], ['Type', issue.issueType], ['Priority', issue.priority], ['Assignee', issue.assignee || 'Unassigned']]) {
      facts.append(el('dt', label), el('dd', String(value)));
    }
    card.replaceChildren(heading, el('span', issue.status, 'status'), facts);
  }
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.jsonrpc !== '2.0') return;
    if (message.id === 1 && message.result) window.parent.postMessage({ jsonrpc: '2.0', method: 'ui/notifications/initialized', params: {} }, '*');
    if (message.method === 'ui/notifications/tool-result') render(message.params && message.params.structuredContent);
  });
  if (window.openai && window.openai.toolOutput) render(window.openai.toolOutput);
  window.parent.postMessage({ jsonrpc: '2.0', id: 1, method: 'ui/initialize', params: { appInfo: { name: 'jira-issue-card', version: '1.0.0' }, appCapabilities: {}, protocolVersion: '2026-01-26' } }, '*');
</script>
</body>
</html>
`;
