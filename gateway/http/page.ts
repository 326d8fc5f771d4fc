/** The gateway's page layout: header with the signed-in user, one card of content. */
import { htmlDocument } from '../../web/document.ts';
import { html, type SafeHtml } from '../../web/html.ts';

const STYLE = `
  :root { color-scheme: light; --ink:#1b1f24; --muted:#57606a; --line:#d0d7de; --brand:#0b5cad; --ok:#1a7f37; --warn:#9a6700; --bad:#cf222e; }
  * { box-sizing: border-box; }
  body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background:#f6f8fa; }
  header.bar { background:#fff; border-bottom:1px solid var(--line); padding:12px 24px; display:flex; justify-content:space-between; align-items:center; }
  header.bar .brand { font-weight:700; color: var(--brand); text-decoration:none; }
  main { max-width: 720px; margin: 32px auto; background:#fff; border:1px solid var(--line); border-radius:8px; padding: 28px 32px; }
  h1 { font-size: 1.45rem; margin: 0 0 12px; }
  h2 { font-size: 1.1rem; margin: 24px 0 8px; }
  label { display:block; font-weight:600; margin: 14px 0 4px; }
  input[type=email], input[type=password], input[type=text] { width:100%; padding:8px 10px; border:1px solid var(--line); border-radius:6px; font: inherit; }
  button { font: inherit; padding: 8px 16px; border-radius: 6px; border:1px solid var(--line); background:#f6f8fa; cursor:pointer; }
  button.primary { background: var(--brand); color:#fff; border-color: var(--brand); }
  button:disabled { opacity: .5; cursor: not-allowed; }
  .actions { display:flex; gap: 12px; margin-top: 24px; }
  .muted { color: var(--muted); }
  .error { color: var(--bad); font-weight: 600; }
  .warning { border:1px solid var(--warn); background:#fff8c5; padding:8px 12px; border-radius:6px; }
  code, .copy { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; background:#f6f8fa; border:1px solid var(--line); border-radius:6px; padding: 2px 6px; }
  dl.facts { display:grid; grid-template-columns: max-content 1fr; gap: 6px 16px; }
  dl.facts dt { font-weight:600; }
  dl.facts dd { margin:0; word-break: break-all; }
  ul.connectors { list-style:none; padding:0; margin:0; }
  li.connector { border:1px solid var(--line); border-radius:8px; padding:12px 16px; margin:10px 0; }
  .row-head { display:flex; align-items:center; gap:10px; }
  .row-head label.connector-name { margin:0; flex:1; display:flex; align-items:center; gap:8px; }
  img.icon { border-radius:4px; }
  .status { font-size:.85rem; font-weight:600; padding:2px 10px; border-radius:999px; background:#eaeef2; color:var(--muted); }
  .status.connected, .status.no_credential { background:#dafbe1; color:var(--ok); }
  .status.needs_reconnect { background:#ffebe9; color:var(--bad); }
  .key-row { display:flex; gap:8px; }
  fieldset { border:1px solid var(--line); border-radius:6px; margin:10px 0; padding:8px 12px; }
  legend { font-weight:600; padding:0 4px; }
  label.inline, label.tool { display:block; font-weight:400; margin:4px 0; }
  .success { color: var(--ok); font-weight:600; }
  .info { background:#ddf4ff; border:1px solid #54aeff; padding:6px 10px; border-radius:6px; }
  [tabindex="-1"]:focus { outline: 2px solid var(--brand); outline-offset: 2px; }
  .confirm { border:1px solid var(--warn); background:#fff8c5; padding:12px 16px; border-radius:8px; }
  button.danger { background: var(--bad); color:#fff; border-color: var(--bad); }
  a.button { display:inline-block; padding: 8px 16px; border-radius: 6px; border:1px solid var(--line); background:#f6f8fa; color: var(--ink); text-decoration:none; }
  .small { font-size:.875rem; }
  table.list { width:100%; border-collapse:collapse; }
  table.list th, table.list td { text-align:left; border-bottom:1px solid var(--line); padding:6px 8px; vertical-align:top; }
  ol.steps li { margin: 4px 0; }
`;

export interface PageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  /** Signed-in user shown in the header, with a sign-out form when present. */
  readonly user?: { readonly name: string; readonly email: string } | undefined;
  readonly signOut?: { readonly action: string; readonly csrf: string } | undefined;
}

export function page({ title, body, user, signOut }: PageOptions): string {
  const header = html`<header class="bar"><a class="brand" href="/portal">Gangway AI Gateway</a>${
    user
      ? html`<span><span class="muted">Signed in as</span> <strong>${user.name}</strong>${
          signOut
            ? html` <form method="post" action="${signOut.action}" style="display:inline"><input type="hidden" name="csrf" value="${signOut.csrf}"><button type="submit">Sign out</button></form>`
            : ''
        }</span>`
      : ''
  }</header>`;
  return htmlDocument({ title: `${title} · Gangway`, style: STYLE, body: html`${header}
<main>
${body}
</main>` });
}
