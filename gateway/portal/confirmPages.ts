/**
 * The second step of the portal's destructive buttons. Disconnect and Revoke access first post
 * `confirm=ask` and land here; only the button on this page (`confirm=yes`) acts. Plain forms, so
 * the step works without JavaScript; Cancel is a link back, which changes nothing.
 */
import { html, type SafeHtml } from '../../web/html.ts';

export interface ConfirmView {
  readonly heading: string;
  readonly consequence: string;
  readonly action: string;
  readonly csrf: string;
  readonly confirmLabel: string;
  readonly backTo: string;
  /** Extra hidden fields the action needs (e.g. client_id). */
  readonly fields?: Readonly<Record<string, string>> | undefined;
}

export function confirmPage(view: ConfirmView): SafeHtml {
  return html`<h1 id="confirm-heading">${view.heading}</h1>
<div class="confirm"><p>${view.consequence}</p></div>
<form method="post" action="${view.action}" aria-labelledby="confirm-heading">
<input type="hidden" name="csrf" value="${view.csrf}">
<input type="hidden" name="confirm" value="yes">
${Object.entries(view.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<div class="actions"><button type="submit" class="danger" autofocus>${view.confirmLabel}</button><a class="button" href="${view.backTo}">Cancel</a></div>
</form>`;
}
