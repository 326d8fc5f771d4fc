/**
 * The choices on the consent page besides connecting (issue 13): per connector, the items of each
 * kind the AI may use — tools, prompts, resources and resource templates — each a fieldset of
 * checkboxes ticked by default; and per client, whether the tools may ask the user questions
 * (elicitation) or use the client's AI model (sampling). Each box is inside its own label, so a
 * click on the text or Space on the box toggles it; each group is a fieldset with a legend a
 * screen reader reads with the box. A `<kind>-shown` marker says the list was on the page
 * (consentDraft.ts: only a list that was shown can have items unticked); `<kind>-offered` names
 * each item offered, so "all ticked" is stored as "all", including items the upstream adds later.
 */
import { flag, html, type SafeHtml } from '../../web/html.ts';
import type { ClientPermissions } from '../store/store.ts';
import type { ItemKind } from './consentDraft.ts';

export interface ItemChoiceView {
  /** The upstream's own name (tool, prompt) or URI (resource) or URI template (resource template). */
  readonly value: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly checked: boolean;
}

/** One fieldset of items of `kind`; `marker` false for a second fieldset of the same kind (resource templates). */
export function itemChoices(connectorId: string, kind: ItemKind, legend: string, items: readonly ItemChoiceView[], marker = true): SafeHtml {
  return html`<fieldset class="tools ${kind}" data-kind="${kind}"><legend>${legend}</legend>
${marker ? html`<input type="hidden" name="${kind}-shown:${connectorId}" value="1">` : ''}
${items.map(
  (item) => html`<input type="hidden" name="${kind}-offered:${connectorId}" value="${item.value}"><label class="tool"><input type="checkbox" name="${kind}:${connectorId}" value="${item.value}"${flag('checked', item.checked)}> <strong>${item.title ?? item.value}</strong>${item.description ? html` <span class="muted">— ${item.description.slice(0, 240)}</span>` : ''}</label>`,
)}
</fieldset>`;
}

/** Names in prose: "Atlassian, GitHub and Slack". */
const listed = (names: readonly string[]) => (names.length < 2 ? (names[0] ?? 'the tools') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * The client-wide section: what the enterprise tools may ask of this client during a call. The
 * vendors are named in the legend (read with each box), not in the boxes' own labels, so a box's
 * name never contains a connector's — "GitHub" still names exactly one checkbox.
 */
export function clientPermissionChoices(clientName: string, vendors: readonly string[], permissions: ClientPermissions): SafeHtml {
  return html`<section id="client-permissions" aria-labelledby="client-permissions-heading">
<h2 id="client-permissions-heading">Requests from the tools</h2>
<fieldset class="permissions"><legend>What ${listed(vendors)} may ask while ${clientName} uses them</legend>
<input type="hidden" name="permissions-shown" value="1">
<label class="inline"><input type="checkbox" name="allow-elicitation" value="1"${flag('checked', permissions.elicitation)} aria-describedby="elicitation-help"> Allow the tools to ask you questions (elicitation)</label>
<p id="elicitation-help" class="muted small">A tool may need a detail from you mid-task; ${clientName} shows you its question.</p>
<label class="inline"><input type="checkbox" name="allow-sampling" value="1"${flag('checked', permissions.sampling)} aria-describedby="sampling-help"> Allow the tools to use ${clientName}'s AI model (sampling)</label>
<p id="sampling-help" class="muted small">A tool may ask ${clientName}'s model to write or summarize something for it.</p>
</fieldset>
<p class="muted small">You can change these later on the User Portal's Connections page.</p>
</section>`;
}
