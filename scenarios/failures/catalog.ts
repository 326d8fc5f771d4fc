/**
 * The failure catalogue a support engineer works from: the ten real-world gateway failures of
 * mcp-requirements.md (reproduced by the proxy's defects, scenarios/defects/catalog.ts) and seven
 * more a person runs into on the way through the seed flow — a form left incomplete, a wrong key,
 * Deny at the vendor, an upstream token that cannot be renewed, Refresh not pressed, clock skew.
 * Symptom texts come from the client look-alikes' error tables (mock-clients/*\/errorTexts.ts),
 * which record where each real text was seen, or quote the gateway's own pages.
 */
import { chatgptErrorTexts, chatgptNotices } from '../../mock-clients/chatgpt/errorTexts.ts';
import { claudeErrorTexts } from '../../mock-clients/claude/errorTexts.ts';
import { inspectorErrorTexts } from '../../mock-clients/inspector/errorTexts.ts';
import { FAILURE_SCENARIOS } from '../catalog/failureScenarios.ts';
import { SCENARIOS } from '../catalog/scenarios.ts';
import { DEFECTS } from '../defects/catalog.ts';
import type { Scenario } from '../model/scenario.ts';
import type { FailureEntry, Symptom } from './failureEntry.ts';

const chatgpt = chatgptErrorTexts.reasons;
const claude = claudeErrorTexts.reasons;
const inspector = inspectorErrorTexts.reasons;

function scenario(id: string): Scenario {
  const found = [...SCENARIOS, ...FAILURE_SCENARIOS].find((s) => s.id === id);
  if (!found) throw new Error(`failure catalogue: no scenario ${id}`);
  return found;
}

/** A gateway defect's entry: its ids and its reproduction come from the defect itself. */
function defectEntry(defectId: string, entry: Omit<FailureEntry, 'id' | 'kind' | 'requirementIds' | 'reproduction'> & { how: string }): FailureEntry {
  const defect = DEFECTS.find((d) => d.id === defectId);
  if (!defect) throw new Error(`failure catalogue: no defect ${defectId}`);
  const { how, ...rest } = entry;
  return { id: defectId, kind: 'gateway-defect', requirementIds: defect.requirementIds, reproduction: { scenario: scenario(`defect-${defectId}`), how }, ...rest };
}

const said = (where: Symptom['where'], text: string): Symptom => ({ where, text });

export const FAILURES: readonly FailureEntry[] = [
  defectEntry('no-resource-metadata', {
    title: 'The 401 names no Protected Resource Metadata',
    symptoms: [said('chatgpt', chatgpt['protected-resource-metadata'].text), said('claude', claude['protected-resource-metadata'].text), said('inspector', inspector['protected-resource-metadata'].text)],
    cause: 'The MCP endpoint answers 401 without WWW-Authenticate: Bearer resource_metadata="<absolute URL>" (or with a relative URL), so the client cannot find out where to sign in and OAuth never starts.',
    fix: {
      operator: 'Send `WWW-Authenticate: Bearer resource_metadata="https://<host>/.well-known/oauth-protected-resource/<mcp-path>"` (absolute URL) on every 401 of the MCP endpoint; check that a proxy or WAF in front does not strip the header.',
      user: 'Nothing to change on your side; send the gateway operator the MCP server URL and the time you tried.',
    },
    diagnosedBy: 'challenge-resource-metadata',
    how: 'The proxy removes resource_metadata from the 401 challenge of the reference gateway.',
  }),
  defectEntry('prm-root-only', {
    title: 'Protected Resource Metadata only at the root, or its resource without the path',
    symptoms: [said('chatgpt', chatgpt['resource-mismatch'].text), said('claude', claude['resource-mismatch'].text)],
    cause: 'Protected Resource Metadata is missing at /.well-known/oauth-protected-resource/<mcp-path>, or its `resource` is not exactly the MCP URL the user typed (path missing), so the client aborts right after the 401.',
    fix: {
      operator: 'Serve the metadata at both /.well-known/oauth-protected-resource/<mcp-path> and the root, with `resource` equal to the MCP URL, path included, no trailing slash.',
      user: 'Check that the MCP server URL you entered is exactly the one your gateway documents (path included); otherwise ask the operator.',
    },
    diagnosedBy: 'prm-locations',
    how: 'The proxy answers 404 at the path-suffixed location and strips the path from `resource`.',
  }),
  defectEntry('as-issuer-mismatch', {
    title: 'Authorization server metadata names another issuer',
    symptoms: [said('chatgpt', chatgpt['authorization-server-metadata'].text), said('claude', claude['authorization-server-metadata'].text)],
    cause: 'The authorization server metadata carries an `issuer` other than the one it was fetched for — typically an AS on another host, or endpoints built from the MCP origin — so the client distrusts it.',
    fix: {
      operator: 'Make `issuer` in /.well-known/oauth-authorization-server and /.well-known/openid-configuration identical to the authorization server URL listed in the Protected Resource Metadata; build endpoint URLs from the AS origin, not the MCP origin.',
      user: 'Nothing to change on your side; report the MCP server URL to the operator.',
    },
    diagnosedBy: 'as-issuer',
    how: 'The proxy appends /tenant to the issuer in the metadata.',
  }),
  defectEntry('resource-rejected', {
    title: 'The token endpoint rejects the RFC 8707 resource',
    symptoms: [said('chatgpt', chatgpt['token-exchange-failed'].text), said('claude', claude['token-exchange-failed'].text), said('chatgpt', 'invalid_target')],
    cause: 'The authorization server refuses the `resource` parameter clients must send (invalid_target, a trailing-slash mismatch, or an audience of the origin instead of the MCP URL), so the code is never exchanged for a token.',
    fix: {
      operator: 'Accept `resource` equal to the MCP URL on /authorize and /token (compare scheme and host case-insensitively) and put it in the token\'s `aud`.',
      user: 'Nothing to change on your side; report it to the operator.',
    },
    diagnosedBy: 'code-redeemed',
    how: 'The proxy answers the token request with 400 invalid_target whenever it carries `resource`.',
  }),
  defectEntry('token-refused', {
    title: 'Tokens issued, then every MCP request refused',
    symptoms: [said('chatgpt', chatgpt['connection-failed'].text), said('claude', claude['connection-failed'].text)],
    cause: 'The gateway issues a token but its MCP endpoint refuses it — usually an audience check against another URL than the one in the token — so no authenticated request ever succeeds.',
    fix: {
      operator: 'Validate `aud` against exactly the MCP URL published as `resource`; compare the issuer and signing keys the resource server trusts with those the authorization server uses.',
      user: 'Nothing to change on your side; report the time of the attempt to the operator.',
    },
    diagnosedBy: 'token-accepted',
    how: 'The proxy answers every MCP request that carries a token with 401 invalid_token (audience mismatch).',
  }),
  defectEntry('redirect-not-allowed', {
    title: "The redirect allow-list misses the client's real callback",
    symptoms: [said('gateway', 'invalid_redirect_uri: redirect_uri is not on the allow-list'), said('claude', claude['registration-failed'].text)],
    cause: "The gateway's redirect allow-list misses the client's real callback (ChatGPT's https://chatgpt.com/connector/oauth/{id}, claude.com next to claude.ai, loopback ports of native clients), so registration or the authorization request is refused.",
    fix: {
      operator: 'Allow https://chatgpt.com/connector/oauth/* (and the legacy /connector_platform_oauth_redirect), https://claude.ai/api/mcp/auth_callback and https://claude.com/api/mcp/auth_callback; match loopback redirect URIs on any port (RFC 8252 §7.3).',
      user: 'Nothing to change on your side; tell the operator which AI client you used.',
    },
    diagnosedBy: 'redirect-accepted',
    how: "The proxy refuses registrations and authorization requests that name a real client callback.",
  }),
  defectEntry('registrations-forgotten', {
    title: 'Dynamic registrations kept in memory, lost on restart',
    symptoms: [said('chatgpt', chatgpt['reconnect-required'].text), said('claude', claude['reconnect-required'].text), said('chatgpt', 'invalid_client')],
    cause: 'The gateway keeps dynamically registered clients in memory: after a restart the client_id the AI client cached is unknown and the token endpoint answers invalid_client.',
    fix: {
      operator: 'Persist client registrations (and their secrets) in the store, so they survive restarts and are shared by all replicas.',
      user: 'Remove the app or connector and add it again; if it keeps happening, report it to the operator.',
    },
    diagnosedBy: 'client-remembered',
    how: 'The proxy answers invalid_client at the token endpoint for a client that already received tokens, as after a restart.',
  }),
  defectEntry('no-registration', {
    title: 'Neither dynamic registration nor Client ID Metadata Documents',
    symptoms: [said('chatgpt', chatgpt['registration-unsupported'].text), said('claude', claude['registration-unsupported'].text)],
    cause: 'The authorization server offers no way for the client to get a client_id: no `registration_endpoint` (DCR) and no `client_id_metadata_document_supported` (CIMD).',
    fix: {
      operator: 'Advertise `client_id_metadata_document_supported: true` (ChatGPT prefers it) and a `registration_endpoint` for dynamic registration (Claude uses it), with `token_endpoint_auth_methods_supported` including `none`.',
      user: 'Nothing to change on your side; report it to the operator.',
    },
    diagnosedBy: 'registration-available',
    how: 'The proxy removes both from the authorization server metadata and answers 404 at the registration endpoint.',
  }),
  defectEntry('no-refresh-token', {
    title: 'No refresh tokens: the connection dies with the first access token',
    symptoms: [said('chatgpt', chatgpt['reconnect-required'].text), said('claude', claude['reconnect-required'].text)],
    cause: 'The token response carries no refresh token (no offline_access, no rotation), so when the short-lived access token expires the client cannot renew it.',
    fix: {
      operator: 'Issue a rotating refresh token with every authorization-code grant for public clients (advertise offline_access); keep access tokens short-lived.',
      user: 'Reconnect the app for now; report it to the operator.',
    },
    diagnosedBy: 'refresh-rotation',
    how: 'The proxy removes refresh_token from token responses; the access token lives 4 s and the scenario waits past it.',
  }),
  defectEntry('stale-tool-list', {
    title: 'Stale tool lists after grants change',
    symptoms: [said('chatgpt', 'New tools do not appear after Refresh'), said('claude', 'New tools do not appear after Refresh tools')],
    cause: 'tools/list does not follow the grants of the token (or is cached) and no notifications/tools/list_changed is sent, so a tool added later never shows, even after Refresh.',
    fix: {
      operator: 'Compute tools/list from the request\'s token (user and grants) on every call, invalidate caches when grants change, and send notifications/tools/list_changed.',
      user: 'Press Refresh in the app settings; if the tool still does not appear, report it to the operator.',
    },
    diagnosedBy: 'refresh-shows-new-tools',
    how: 'The proxy replays the first tools/list answer forever and drops list_changed notifications; a tool is added at the portal, then Refresh.',
  }),
  {
    id: 'create-unacknowledged',
    title: '"I understand and want to continue" not ticked',
    kind: 'user-mistake',
    symptoms: [said('chatgpt', 'The Create button stays disabled'), said('chatgpt', chatgptErrorTexts.input['acknowledgement-required'].text)],
    cause: 'ChatGPT enables Create only when Name, MCP Server URL and the risk acknowledgement "I understand and want to continue" are all filled; with the box unticked nothing is sent to the gateway at all.',
    requirementIds: ['CLIENT-CHATGPT-02'],
    fix: {
      operator: 'Nothing at the gateway: no request arrives. Say in the setup guide (step 6) that the checkbox must be ticked.',
      user: 'Tick "I understand and want to continue" under Authentication, then click Create.',
    },
    diagnosedBy: 'create-enabled',
    reproduction: { scenario: scenario('failure-create-unacknowledged'), how: "ChatGPT's look-alike: Name and URL filled, the box left unticked; the step reads the Create button's state." },
  },
  {
    id: 'tool-not-connected',
    title: 'A tool selected but not connected',
    kind: 'user-mistake',
    symptoms: [said('gateway', 'Authorize tools stays disabled, with the hint: Connect every selected tool to continue.')],
    cause: 'On "Authorize Tool Access", Authorize tools is enabled only when every ticked tool shows a green Connected; a ticked tool without a saved key or a finished OAuth keeps it disabled.',
    requirementIds: ['AS-08'],
    fix: {
      operator: 'Nothing to fix; if users stall here, make the connection method of each tool clearer in the connector catalogue (docs link, placeholder).',
      user: 'For each ticked tool, save your API key or finish Connect via OAuth until it shows Connected — or untick the tools you do not need — then click Authorize tools.',
    },
    diagnosedBy: 'authorize-enabled',
    reproduction: { scenario: scenario('failure-tool-not-connected'), how: 'GitHub is ticked on the consent page and not connected; the step reads the Authorize tools button.' },
  },
  {
    id: 'api-key-mistaken',
    title: 'An API key pasted with whitespace, or of the wrong kind',
    kind: 'user-mistake',
    symptoms: [
      said('gateway', 'The key is missing the scope search:read. Create a key that includes it.'),
      said('gateway', 'That is not the kind of key {name} needs here: expected a key starting with …'),
      said('gateway', '{name} did not accept the key: Bad credentials.'),
    ],
    cause: 'The pasted key is of the wrong kind — a Slack bot token (xoxb-) where the connector needs a user token (xoxp-) with user scopes such as search:read, or the other way round, or another vendor\'s key — or stray spaces and line breaks came along with it, which a gateway that does not trim sends to the vendor verbatim.',
    requirementIds: ['UP-04'],
    fix: {
      operator: 'Validate keys against the vendor before saving (UP-04) and say which kind is needed; trim pasted whitespace; put the expected prefix in the field\'s placeholder and a docs link under it.',
      user: 'Create the kind of key the row asks for (its placeholder and "Where do I find my … API key?" link say which), copy it without spaces, and Save again.',
    },
    diagnosedBy: 'api-key-accepted',
    reproduction: { scenario: scenario('failure-api-key-mistaken'), how: "The workspace's seeded bot token (xoxb-), with spaces around it, is saved in Slack's row; the mock Slack reports its scopes and the gateway refuses it." },
    referenceGateway: 'Trims pasted whitespace and a leading "Bearer " before validating (so whitespace alone does not fail here), checks the vendor\'s key prefix, then asks the vendor and refuses a key that lacks required scopes, saying which.',
  },
  {
    id: 'upstream-oauth-denied',
    title: 'Access denied at the tool vendor',
    kind: 'user-mistake',
    symptoms: [said('gateway', 'You declined access at {name}. Connect again and choose Allow to use its tools.')],
    cause: "On the vendor's consent page the person chose Deny (or their organisation's policy denied the app), so the vendor returned access_denied and the tool stays not connected.",
    requirementIds: ['UP-02'],
    fix: {
      operator: "If users report they never chose Deny, check the vendor's organisation policy for the gateway's OAuth app (e.g. GitHub third-party access restrictions) and approve it.",
      user: "Click Connect via OAuth again and choose Allow on the vendor's page; if Allow is not offered, ask your vendor admin to approve the app.",
    },
    diagnosedBy: 'upstream-oauth-granted',
    reproduction: { scenario: scenario('failure-upstream-oauth-denied'), how: "Claude's look-alike; GitHub via OAuth; the person signs in at the mock GitHub and clicks Deny." },
  },
  {
    id: 'upstream-token-expired',
    title: 'Upstream token expired, no usable refresh token',
    kind: 'upstream',
    symptoms: [said('chatgpt', chatgpt['tool-call-failed'].text), said('gateway', '{name} refused the saved connection (it was revoked or expired). Reconnect {name} at …/portal/connections and try again.')],
    cause: "The vendor's access token the gateway holds for this person expired and the gateway cannot renew it: no refresh token was issued (e.g. Atlassian without offline_access), or the vendor refused the refresh (invalid_grant: rotated twice, revoked). The gateway marks the connection \"reconnect needed\".",
    requirementIds: ['UP-03', 'UP-05'],
    fix: {
      operator: "Request offline access where the vendor needs it (Atlassian offline_access, GitHub expiring tokens), refresh before expiry with one refresh in flight per user and vendor, and keep the rotated refresh token (UP-03).",
      user: 'Open the gateway\'s portal, Reconnect the tool named in the error, then call the tool again.',
    },
    diagnosedBy: 'upstream-credential-renewed',
    reproduction: { scenario: scenario('failure-upstream-token-expired'), how: "Mock GitHub's knobs after a good connection: every access token expires now and refreshes answer invalid_grant; then a tool call." },
    referenceGateway: 'Refreshes on the vendor\'s 401 and retries once; when the refresh is refused it marks the connection for reconnection and answers the call with a tool error naming the portal (UP-05).',
  },
  {
    id: 'refresh-not-pressed',
    title: 'Refresh not pressed after adding a tool',
    kind: 'user-mistake',
    symptoms: [said('chatgpt', 'The new tool is not in the app\'s Actions'), said('chatgpt', chatgptNotices.noActions.text)],
    cause: 'ChatGPT lists an app\'s tools when it connects and when Refresh is pressed in the app\'s settings — not on notifications/tools/list_changed — so a tool added at the gateway later stays invisible until Refresh.',
    requirementIds: ['CLIENT-CHATGPT-07', 'LISTCHANGED-05'],
    fix: {
      operator: 'Nothing to fix; the portal should remind people to press Refresh in their AI client after changing tools.',
      user: 'In ChatGPT open Settings → Apps → the app, and click Refresh under Information.',
    },
    diagnosedBy: 'refresh-after-grant',
    reproduction: { scenario: scenario('failure-refresh-not-pressed'), how: 'After a good connection, Slack is added for the app at the portal; the person goes to use it without pressing Refresh.' },
  },
  {
    id: 'clock-skew',
    title: 'Clock skew invalidates fresh tokens',
    kind: 'deployment',
    symptoms: [said('chatgpt', chatgpt['connection-failed'].text), said('chatgpt', chatgpt['reconnect-required'].text), said('claude', claude['connection-failed'].text)],
    cause: 'A server that validates tokens has a clock that runs ahead of the one that issued them (NTP broken on one replica or host), so tokens are "expired" — or not yet valid — the moment they arrive; refreshing does not help because the new token is judged the same way.',
    requirementIds: ['AUTH-08', 'AUTH-07'],
    fix: {
      operator: 'Synchronise every host\'s clock (NTP/chrony) and alert on drift; allow a small leeway (seconds, not minutes) when checking exp, nbf and iat.',
      user: 'Nothing to change on your side; report the time of the attempt to the operator.',
    },
    diagnosedBy: 'token-lifetime-honoured',
    reproduction: { scenario: scenario('failure-clock-skew'), how: 'The proxy plays a resource-server replica whose clock runs ten minutes fast: it refuses each token the gateway issued (five-minute lifetime) as expired.' },
    referenceGateway: 'Allows 5 s of skew when checking its own tokens; one process issues and validates them, so only a multi-host deployment with drifting clocks shows this.',
  },
];
