/**
 * The one HTML document every Gangway page is served in — the gateway's, the mock vendors', the
 * mock clients' and the scenario report: doctype, language, charset, viewport, no referrer (URLs
 * on these pages carry OAuth state and codes), the page's title and its trusted stylesheet.
 */
import { html, SafeHtml } from './html.ts';

export interface DocumentParts {
  readonly title: string;
  /** Trusted CSS written by us: raw text inside <style> is not entity-decoded, so it is not escaped. */
  readonly style: string;
  readonly body: SafeHtml;
  /** A module script URL, for pages that run code in the browser. */
  readonly script?: string | undefined;
}

export function htmlDocument({ title, style, body, script }: DocumentParts): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${new SafeHtml(style)}</style>
</head>
<body>
${body}
${script ? html`<script type="module" src="${script}"></script>` : ''}
</body>
</html>`.value;
}
