/**
 * The look-alikes' HTML shell: one stylesheet with a per-brand accent, the page body, optional
 * inline script. Every value goes through `html` (SEC-05): app names, URLs and tool descriptions
 * come from people and upstreams.
 */
import { htmlDocument } from '../../../web/document.ts';
import type { SafeHtml } from '../../../web/html.ts';

export interface Brand {
  readonly name: string;
  readonly accent: string;
  readonly background: string;
}

const STYLE = `
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1f2328; background: var(--bg); }
header.top { display:flex; align-items:center; justify-content:space-between; padding:10px 20px; border-bottom:1px solid #e5e7eb; background:#fff; }
header.top .brand { font-weight:700; color: var(--accent); text-decoration:none; }
main { max-width: 760px; margin: 28px auto; padding: 0 16px; }
.card { background:#fff; border:1px solid #e5e7eb; border-radius:12px; padding: 22px 26px; margin-bottom:16px; }
h1 { font-size:1.4rem; margin:0 0 12px; } h2 { font-size:1.15rem; margin:0 0 10px; } h3 { font-size:1rem; margin:18px 0 8px; }
label { display:block; font-weight:600; margin: 12px 0 4px; }
label.inline { display:flex; gap:8px; align-items:flex-start; font-weight:400; }
input[type=text], input[type=url], select, textarea { width:100%; padding:8px 10px; border:1px solid #d0d7de; border-radius:8px; font: inherit; }
textarea { font-family: ui-monospace, Menlo, monospace; min-height: 80px; }
button, a.button { font: inherit; padding:7px 14px; border-radius:8px; border:1px solid #d0d7de; background:#fff; cursor:pointer; color:inherit; text-decoration:none; display:inline-block; }
button.primary { background: var(--accent); border-color: var(--accent); color:#fff; }
button:disabled { opacity:.45; cursor:not-allowed; }
.row { display:flex; gap:10px; align-items:center; flex-wrap:wrap; }
.muted { color:#59636e; } .small { font-size:.875rem; }
.error { color:#b42318; font-weight:600; } .ok { color:#1a7f37; font-weight:600; }
.status { font-weight:600; }
ul.plain { list-style:none; padding:0; margin:0; } ul.plain > li { border-top:1px solid #eef0f2; padding:8px 0; }
pre { background:#f6f8fa; border:1px solid #e5e7eb; border-radius:8px; padding:10px; white-space:pre-wrap; word-break:break-word; max-height: 360px; overflow:auto; }
[role=switch] { width:44px; height:24px; border-radius:12px; padding:0; background:#d0d7de; position:relative; }
[role=switch][aria-checked=true] { background: var(--accent); }
[role=switch]::after { content:''; position:absolute; top:3px; left:3px; width:18px; height:18px; border-radius:50%; background:#fff; transition:left .1s; }
[role=switch][aria-checked=true]::after { left:23px; }
[role=menu] { position:absolute; background:#fff; border:1px solid #e5e7eb; border-radius:10px; padding:6px; box-shadow:0 6px 20px rgba(0,0,0,.08); }
[role=menuitem] { display:block; padding:6px 12px; border-radius:6px; color:inherit; text-decoration:none; }
nav[role=tablist] { display:flex; gap:6px; margin-bottom:14px; } nav[role=tablist] a { padding:6px 12px; border-radius:8px; text-decoration:none; color:inherit; }
nav[role=tablist] a[aria-selected=true] { background:#eef0f2; font-weight:600; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 14px; } dl.facts dt { font-weight:600; } dl.facts dd { margin:0; word-break:break-all; }
`;

export function pageShell(brand: Brand, title: string, body: SafeHtml, script?: string): string {
  return htmlDocument({ title: `${title} · ${brand.name}`, style: `:root { --accent:${brand.accent}; --bg:${brand.background}; }${STYLE}`, body, script });
}
