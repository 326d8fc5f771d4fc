/**
 * The consent step (`/interaction/:uid` when oidc-provider asks for consent, and the one form's
 * POST `/interaction/:uid/consent`). Buttons say what to do with `action`:
 *   save-key:<connector>  validate and save an API key (UP-04), back to the page
 *   connect:<connector>   off to the vendor's OAuth page (UP-02); the callback brings the user back
 *   authorize             every ticked connector must be Connected (or need no sign-in); records
 *                         the oidc grant, the grants (tools, prompts, resources), the per-user
 *                         approval (AS-08) with its elicitation/sampling choice, then returns to
 *                         the client
 *   cancel                access_denied to the client
 * Every POST carries a CSRF token bound to this interaction and client.
 */
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Catalog } from '../connectors/catalog.ts';
import { InvalidRequest } from '../errors/wireErrors.ts';
import type { Csrf } from '../http/csrf.ts';
import { readForm } from '../http/formBody.ts';
import { page } from '../http/page.ts';
import type { Logger } from '../logging/logger.ts';
import type { ConnectorToolCatalog } from '../tools/connectorToolCatalog.ts';
import type { ToolListNotifier } from '../tools/toolListNotifier.ts';
import { isLoopbackRedirect } from '../oauth/loopbackRedirects.ts';
import { ALL_PERMITTED, type GatewayStore } from '../store/store.ts';
import type { PromptCatalog } from '../prompts/promptCatalog.ts';
import type { ResourceCatalog } from '../resources/resourceCatalog.ts';
import type { ConnectionService } from '../upstream/connectionService.ts';
import { connectionStatus, isReady } from '../upstream/connectionStatus.ts';
import type { OAuthResolver } from '../upstream/oauthResolver.ts';
import { carriesChoices, draftFromForm, EMPTY_DRAFT, keptConnectionMessage, parseDraft, type ConsentDraft, type RowMessage } from './consentDraft.ts';
import { consentPage } from './consentPage.ts';
import { consentRows } from './consentRows.ts';
import { consentPurpose, finishInteraction, loadInteraction, type InteractionDetails, type InteractionOutcome, type OutcomeLookup } from './interactionSession.ts';

const DRAFT_TTL_MS = 60 * 60_000;

export interface ConsentDeps {
  readonly provider: Provider;
  readonly store: GatewayStore;
  readonly csrf: Csrf;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly catalog: Catalog;
  readonly connections: ConnectionService;
  readonly tools: ConnectorToolCatalog;
  readonly prompts: PromptCatalog;
  readonly resources: ResourceCatalog;
  readonly resolveOAuth: OAuthResolver;
  readonly notifier: ToolListNotifier;
  readonly gatewayTools: () => readonly { name: string; description: string }[];
  /** The connector whose own MCP endpoint a resource indicator names (`<mcpUrl>/<connector>`), if any. */
  readonly endpointConnectorOf?: (resource: string) => string | undefined;
}

export interface ConsentHandlers {
  render(ctx: Context, details: InteractionDetails): Promise<void>;
  submit(ctx: Context): Promise<void>;
  /** Form-action CSP sources of the vendors' authorization pages. */
  vendorSources(): Promise<string[]>;
  /** Shows the outcome of a vendor OAuth round trip on that connector's row. */
  noteUpstreamResult(uid: string, accountId: string, connectorId: string, message: RowMessage): Promise<void>;
  /** How a finished interaction ended, while the store still remembers it. */
  outcomeOf: OutcomeLookup;
}

export function consentHandlers(deps: ConsentDeps): ConsentHandlers {
  const { provider, store, csrf, catalog, audit } = deps;
  const buildRows = consentRows(deps);
  const vendorSources = async (): Promise<string[]> => {
    const origins = await Promise.all(
      catalog.connectors
        .filter((connector) => connector.auth.oauth)
        .map((connector) => deps.resolveOAuth(connector).then((oauth) => new URL(oauth.authorizationUrl).origin, () => new URL(connector.mcpUrl).origin)),
    );
    return [...new Set(origins)];
  };

  const loadDraft = async (uid: string, accountId: string): Promise<ConsentDraft | undefined> => {
    const stored = await store.consentDrafts.get(uid, Date.now());
    const draft = stored && stored.accountId === accountId ? parseDraft(stored.draft) : undefined;
    return draft?.completed ? undefined : draft;
  };
  const saveDraft = (uid: string, accountId: string, draft: ConsentDraft) => store.consentDrafts.save(uid, accountId, JSON.stringify(draft), Date.now() + DRAFT_TTL_MS);
  // The interaction is over: keep only how it ended, so back and reload can say so.
  const saveOutcome = (uid: string, accountId: string, completed: InteractionOutcome) => saveDraft(uid, accountId, { ...EMPTY_DRAFT, completed });
  const outcomeOf: OutcomeLookup = async (uid) => {
    const stored = await store.consentDrafts.get(uid, Date.now());
    return stored ? parseDraft(stored.draft).completed : undefined;
  };
  /** The row's message (focused on the next render); the row is ticked, since the person just worked on it. */
  const withMessage = (draft: ConsentDraft, connectorId: string, message: RowMessage | undefined, select = true): ConsentDraft => {
    const messages = { ...draft.messages };
    if (message) messages[connectorId] = message;
    else delete messages[connectorId];
    const selected = select && !draft.selected.includes(connectorId) ? [...draft.selected, connectorId] : draft.selected;
    return { ...draft, selected, messages, notice: undefined, focus: message ? connectorId : undefined };
  };

  const render = async (ctx: Context, details: InteractionDetails) => {
    const clientId = String(details.params.client_id);
    const accountId = String(details.session?.accountId);
    const client = await provider.Client.find(clientId);
    const clientName = client?.clientName ?? clientId;
    const redirectUri = String(details.params.redirect_uri);
    const user = await store.directory.findById(accountId);
    const requested = new Set(String(details.params.scope ?? '').split(' ').filter(Boolean));
    // Refresh tokens go to any client allowed the grant (createProvider.ts): say so.
    if (client?.grantTypeAllowed('refresh_token')) requested.add('offline_access');

    const [connections, previousGrants, draft, approval] = await Promise.all([
      store.connections.listForAccount(accountId),
      store.toolGrants.listForClient(accountId, clientId),
      loadDraft(details.uid, accountId),
      store.approvals.find(accountId, clientId),
    ]);

    // A client signing in for one connector's endpoint gets that connector ticked, and is told it sees only that one.
    const endpointConnector = [details.params.resource ?? []].flat().map((resource) => deps.endpointConnectorOf?.(String(resource))).find(Boolean);
    const rows = await buildRows({ accountId, user, connections, previousGrants, draft, endpointConnector });

    // Focus goes to a row's message once, right after the action that produced it, not on every reload.
    if (draft?.focus) await saveDraft(details.uid, accountId, { ...draft, focus: undefined });
    ctx.type = 'html';
    ctx.body = page({
      title: `Authorize Tool Access for ${clientName}`,
      user,
      body: consentPage({
        uid: details.uid,
        csrf: csrf.token(ctx, consentPurpose(details.uid, clientId)),
        clientName,
        clientId,
        redirectHost: URL.parse(redirectUri)?.host ?? redirectUri,
        localhostOnly: (client?.redirectUris ?? [redirectUri]).every(isLoopbackRedirect),
        metadataDocumentHost: clientId.startsWith('https://') ? URL.parse(clientId)?.host : undefined,
        scopes: [...requested],
        gatewayTools: deps.gatewayTools(),
        connectors: rows,
        endpoint: endpointConnector ? { displayName: catalog.byId(endpointConnector)?.displayName ?? endpointConnector, url: String([details.params.resource].flat()[0]) } : undefined,
        permissions: draft?.permissions ?? approval?.permissions ?? ALL_PERMITTED,
        ready: rows.every((row) => !row.selected || isReady(row.status)),
        notice: draft?.notice,
        focus: draft?.focus,
      }),
    });
  };

  const backToPage = (ctx: Context, uid: string, anchor?: string) => {
    ctx.status = 303;
    ctx.redirect(`/interaction/${encodeURIComponent(uid)}${anchor ? `#${anchor}` : ''}`);
  };

  const grantAccess = async (ctx: Context, details: InteractionDetails, accountId: string, clientId: string, draft: ConsentDraft) => {
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
      : new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    const toolGrants = draft.selected.map((connectorId) => ({
      connectorId,
      tools: draft.tools[connectorId] ?? ('*' as const),
      prompts: draft.prompts[connectorId] ?? ('*' as const),
      resources: draft.resources[connectorId] ?? ('*' as const),
    }));
    await store.toolGrants.replaceForClient(accountId, clientId, toolGrants, Date.now());
    // Not chosen on this page (an old draft): an earlier approval keeps its own, a new one allows both.
    await store.approvals.save(accountId, clientId, grantId, Date.now(), draft.permissions);
    await saveOutcome(details.uid, accountId, 'authorized');
    await audit.record({ event: 'consent.granted', accountId, clientId, outcome: 'ok', detail: { connectors: toolGrants.map((g) => g.connectorId), permissions: draft.permissions ?? 'unchanged' } });
    await deps.notifier.toolsChanged(accountId, clientId);
    await finishInteraction(provider, ctx, { consent: { grantId } });
  };

  const submit = async (ctx: Context) => {
    const details = await loadInteraction(provider, ctx, await vendorSources(), outcomeOf);
    const clientId = String(details.params.client_id);
    const form = await readForm(ctx);
    csrf.verify(ctx, consentPurpose(details.uid, clientId), form.get('csrf'));
    const accountId = details.session?.accountId;
    if (details.prompt.name !== 'consent' || !accountId) throw new InvalidRequest('this authorization step is not waiting for consent');

    const previous = (await loadDraft(details.uid, accountId)) ?? parseDraft(undefined);
    let draft = carriesChoices(form) ? draftFromForm(form, catalog, previous) : previous;
    const [verb, connectorId = ''] = (form.get('action') ?? '').split(':');
    const connector = catalog.byId(connectorId);

    switch (verb) {
      case 'save-key': {
        if (!connector?.auth.apiKey) throw new InvalidRequest('unknown connector or it takes no API key');
        const check = await deps.connections.saveApiKey(accountId, connector, form.get(`api_key:${connector.id}`) ?? '', form.get(`api_user:${connector.id}`) ?? undefined);
        draft = withMessage({ ...draft, methods: { ...draft.methods, [connector.id]: 'api_key' } }, connector.id, check.ok ? { kind: 'success', text: `${connector.displayName} is connected.` } : { kind: 'error', text: check.message });
        await saveDraft(details.uid, accountId, draft);
        // No #fragment: browsers skip autofocus when the URL targets an element, and the row's
        // message is autofocused instead (it scrolls into view and a screen reader reads it).
        return backToPage(ctx, details.uid);
      }
      case 'connect': {
        if (!connector?.auth.oauth) throw new InvalidRequest('unknown connector or it offers no OAuth');
        try {
          const url = await deps.connections.beginOAuth(accountId, connector, { interactionUid: details.uid, returnTo: `/interaction/${details.uid}` });
          await saveDraft(details.uid, accountId, withMessage({ ...draft, methods: { ...draft.methods, [connector.id]: 'oauth' } }, connector.id, undefined));
          ctx.status = 303;
          return ctx.redirect(url);
        } catch (error) {
          deps.logger.warn('upstream.oauth_start_failed', { connector_id: connector.id, error: (error as Error)?.message });
          await saveDraft(details.uid, accountId, withMessage(draft, connector.id, { kind: 'error', text: `Could not start connecting ${connector.displayName}: ${(error as Error)?.message ?? 'unknown error'}.` }));
          return backToPage(ctx, details.uid, `connector-${connector.id}`);
        }
      }
      case 'authorize': {
        const connections = new Map((await store.connections.listForAccount(accountId)).map((c) => [c.connectorId, c]));
        const notReady = draft.selected.map((id) => catalog.byId(id)!).filter((c) => !isReady(connectionStatus(c, connections.get(c.id)))).map((c) => c.displayName);
        if (notReady.length) {
          await saveDraft(details.uid, accountId, { ...draft, notice: `Connect ${notReady.join(', ')} first, or untick ${notReady.length === 1 ? 'it' : 'them'}.` });
          return backToPage(ctx, details.uid);
        }
        return grantAccess(ctx, details, accountId, clientId, draft);
      }
      case 'cancel': {
        await saveOutcome(details.uid, accountId, 'cancelled');
        await audit.record({ event: 'consent.denied', accountId, clientId, outcome: 'denied' });
        return finishInteraction(provider, ctx, { error: 'access_denied', error_description: 'The user cancelled the authorization.' });
      }
      default:
        throw new InvalidRequest('unknown consent action');
    }
  };

  const noteUpstreamResult = async (uid: string, accountId: string, connectorId: string, message: RowMessage) => {
    const draft = (await loadDraft(uid, accountId)) ?? parseDraft(undefined);
    const connector = catalog.byId(connectorId);
    // A reconnect that did not finish (declined, vendor error) leaves the working connection in
    // place: a red error beside the green "Connected" would contradict it.
    const kept = message.kind === 'error' && connector && isReady(connectionStatus(connector, await store.connections.get(accountId, connectorId)));
    await saveDraft(uid, accountId, withMessage(draft, connectorId, kept ? keptConnectionMessage(connector.displayName) : message));
  };

  return { render, submit, vendorSources, noteUpstreamResult, outcomeOf };
}
