/**
 * Which MCP revision a hosted look-alike's app or connector speaks, chosen when it is added. Real
 * ChatGPT and Claude do not ask; the look-alikes do so that one scenario can drive the same pages
 * in 2025-11-25 and in 2026-07-28 (as the Inspector's `?protocolVersion=`). Only the two a hosted
 * client can be asked for are offered: the stateful path lets the v1 SDK negotiate (it offers
 * 2025-11-25 and accepts 2025-06-18 from the server), so 2025-06-18 cannot be chosen here.
 */
import { html, type SafeHtml } from '../../../web/html.ts';
import { LATEST_STATEFUL_REVISION, STATELESS_REVISION, type SpecRevision } from '../../../wire/protocolVersions.ts';
import { HttpError } from '../http/httpError.ts';

export const REVISION_FIELD = 'protocol_version';
const OFFERED: readonly SpecRevision[] = [LATEST_STATEFUL_REVISION, STATELESS_REVISION];

/** The posted choice; absent means the default. A value the form never offered is a broken form, not a person's mistake. */
export function checkServerRevision(value: string | null | undefined): SpecRevision {
  if (value === null || value === undefined || value === '') return LATEST_STATEFUL_REVISION;
  const offered = OFFERED.find((revision) => revision === value);
  if (!offered) throw new HttpError(400, `${REVISION_FIELD} must be one of ${OFFERED.join(', ')}`);
  return offered;
}

/** The labelled select both add-a-server forms show. */
export function revisionSelect(selected: SpecRevision = LATEST_STATEFUL_REVISION): SafeHtml {
  const option = (revision: SpecRevision) => html`<option value="${revision}"${revision === selected ? html` selected` : ''}>${revision}</option>`;
  return html`<label for="server-protocol-version">MCP protocol version</label>
<select id="server-protocol-version" name="${REVISION_FIELD}">${OFFERED.map(option)}</select>`;
}
