/**
 * The little script ChatGPT's pages need: the profile menu opens and closes, and "Create" stays
 * disabled until the name and URL are filled and "I understand and want to continue" is ticked,
 * and a tool's widget frame (widgetFrame.ts) gets its MCP Apps host bridge: `ui/initialize` is
 * answered, then the tool's input and result are sent (`ui/notifications/tool-input`,
 * `ui/notifications/tool-result`); other widget requests get "method not found". Everything else
 * works as plain forms.
 */
export const CHATGPT_SCRIPT = `
const button = document.getElementById('profile-button');
const menu = document.getElementById('profile-menu');
if (button && menu) {
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') === 'true';
    button.setAttribute('aria-expanded', String(!open));
    menu.hidden = open;
    if (!open) menu.querySelector('[role=menuitem]')?.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !menu.hidden) { menu.hidden = true; button.setAttribute('aria-expanded', 'false'); button.focus(); }
  });
}
const form = document.getElementById('create-app-form');
if (form) {
  const create = document.getElementById('create-app');
  const ready = () => {
    create.disabled = !(form.elements.name.value.trim() && form.elements.url.value.trim() && form.elements.acknowledged.checked);
  };
  form.addEventListener('input', ready);
  form.addEventListener('change', ready);
  ready();
}
for (const frame of document.querySelectorAll('iframe.widget')) {
  const result = JSON.parse(frame.dataset.toolResult || 'null');
  const input = JSON.parse(frame.dataset.toolInput || '{}');
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow) return;
    const message = event.data;
    if (!message || message.jsonrpc !== '2.0' || typeof message.method !== 'string') return;
    // The frame's origin is opaque ("null"): '*' is the only target it can be reached by.
    const send = (payload) => frame.contentWindow.postMessage({ jsonrpc: '2.0', ...payload }, '*');
    if (message.method === 'ui/initialize' && message.id !== undefined) {
      send({ id: message.id, result: { protocolVersion: (message.params && message.params.protocolVersion) || '2026-01-26', hostInfo: { name: 'chatgpt', version: '1.0.0' }, hostCapabilities: {}, hostContext: { theme: 'light', displayMode: 'inline', locale: 'en-US' } } });
    } else if (message.method === 'ui/notifications/initialized') {
      send({ method: 'ui/notifications/tool-input', params: { arguments: input } });
      send({ method: 'ui/notifications/tool-result', params: result });
    } else if (message.id !== undefined) {
      send({ id: message.id, error: { code: -32601, message: 'This host does not support ' + message.method } });
    }
  });
  frame.srcdoc = frame.dataset.widgetDocument || '';
}
`;
