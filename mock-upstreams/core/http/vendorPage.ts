/** The mock vendors' page layout, in each vendor's colour. */
import { htmlDocument } from '../../../web/document.ts';
import { html, type SafeHtml } from '../../../web/html.ts';

export interface Brand {
  /** Shown in the page header and title, e.g. "Atlassian". */
  readonly name: string;
  readonly color: string;
}

export function vendorPage(brand: Brand, title: string, body: SafeHtml): string {
  // The brand colour is ours (vendor definitions), not a request's: safe inside the stylesheet.
  const style = `
  body { margin:0; font: 15px/1.5 system-ui, sans-serif; color:#1b1f24; background:#f4f5f7; }
  header { background:${brand.color}; color:#fff; padding:12px 24px; font-weight:700; }
  main { max-width: 480px; margin: 40px auto; background:#fff; border:1px solid #dfe1e6; border-radius:8px; padding: 28px 32px; }
  h1 { font-size: 1.35rem; margin: 0 0 12px; }
  label { display:block; font-weight:600; margin: 14px 0 4px; }
  input { width:100%; box-sizing:border-box; padding:8px 10px; border:1px solid #c1c7d0; border-radius:4px; font: inherit; }
  .actions { display:flex; gap:12px; margin-top:24px; }
  button { font: inherit; padding: 8px 18px; border-radius:4px; border:1px solid #c1c7d0; background:#fff; cursor:pointer; }
  button.primary { background:${brand.color}; border-color:${brand.color}; color:#fff; }
  .error { color:#bf2600; font-weight:600; }
  .muted { color:#5e6c84; }
`;
  return htmlDocument({
    title: `${title} · ${brand.name} (mock)`,
    style,
    body: html`<header>${brand.name} <span class="muted" style="color:#fff;opacity:.7">mock</span></header>
<main>
${body}
</main>`,
  });
}
