/**
 * The connector rows of the consent page: each connector's status and connect methods, and — once
 * it is ready — the lists the user picks from: its tools (those the administrator offers), and the
 * prompts, resources and resource templates its upstream offers (issue 13). Every list is loaded at
 * once with a time limit; one that fails says so on its row, and authorizing then allows all of
 * that kind, as before the lists existed. So does a list too long to choose from one by one
 * (`maxChoices`, resources and templates counted together): every box posts its value twice (offered
 * and ticked), and hundreds of Confluence pages would take the form past the gateway's 32 KB body
 * limit and the page past what a person can read. Boxes are ticked as the user left them in this
 * interaction's draft, else as their earlier grant for this client had them, else all.
 */
import type { Prompt, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { PromptCatalog } from '../prompts/promptCatalog.ts';
import type { ResourceCatalog } from '../resources/resourceCatalog.ts';
import { grantsItem, type DirectoryUser, type ToolGrant, type UpstreamConnection } from '../store/store.ts';
import type { ConnectorToolCatalog } from '../tools/connectorToolCatalog.ts';
import { connectMethodsOf, connectionStatus, isReady } from '../upstream/connectionStatus.ts';
import type { ItemChoiceView } from './consentChoices.ts';
import type { ConsentDraft, ItemKind } from './consentDraft.ts';
import type { ConnectorRowView } from './consentPage.ts';

const LIST_TIMEOUT_MS = 5000;
/** ~180 bytes of form body per item: 100 of them leave room for the tools' boxes in 32 KB. */
export const MAX_CHOICES = 100;

export interface ConsentRowDeps {
  readonly catalog: Catalog;
  readonly tools: ConnectorToolCatalog;
  readonly prompts: PromptCatalog;
  readonly resources: ResourceCatalog;
  /** How many prompts, or resources and templates together, a row lists one by one at most. */
  readonly maxChoices?: number;
}

export interface RowInputs {
  readonly accountId: string;
  readonly user: DirectoryUser | undefined;
  readonly connections: readonly UpstreamConnection[];
  readonly previousGrants: readonly ToolGrant[];
  readonly draft: ConsentDraft | undefined;
  /** The connector whose own endpoint (`/mcp/<connector>`) the client signs in for: ticked from the start. */
  readonly endpointConnector?: string | undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]).finally(() => clearTimeout(timer));
}

type Loaded<T> = { ok: true; value: T } | { ok: false };
const settle = <T>(promise: Promise<T>): Promise<Loaded<T>> => withTimeout(promise, LIST_TIMEOUT_MS).then((value) => ({ ok: true as const, value }), () => ({ ok: false as const }));

interface Lists {
  readonly tools: Loaded<Tool[]>;
  readonly prompts: Loaded<Prompt[]>;
  readonly resources: Loaded<{ resources: Resource[]; templates: ResourceTemplate[] }>;
}

/** Each item's label: its title when no other item has the same one, otherwise its (upstream-unique) name. */
function labelled<T extends { name: string; title?: string | undefined }>(items: readonly T[]): (T & { label: string })[] {
  const uses = new Map<string, number>();
  for (const item of items) if (item.title) uses.set(item.title, (uses.get(item.title) ?? 0) + 1);
  return items.map((item) => ({ ...item, label: item.title && uses.get(item.title) === 1 ? item.title : item.name }));
}

export function consentRows(deps: ConsentRowDeps) {
  const { catalog, maxChoices = MAX_CHOICES } = deps;
  const load = async (accountId: string, connector: ConnectorConfig): Promise<Lists> => {
    const [tools, prompts, resources] = await Promise.all([
      settle(deps.tools.upstreamTools(accountId, connector).then((all) => all.filter((tool) => catalog.offers(connector, tool.name)))),
      settle(deps.prompts.offered(accountId, connector)),
      settle(deps.resources.offered(accountId, connector)),
    ]);
    return { tools, prompts, resources };
  };

  return async ({ accountId, user, connections, previousGrants, draft, endpointConnector }: RowInputs): Promise<ConnectorRowView[]> => {
    const connectionOf = new Map(connections.map((connection) => [connection.connectorId, connection]));
    const grantOf = new Map(previousGrants.map((grant) => [grant.connectorId, grant]));
    return Promise.all(
      catalog.connectors.map(async (connector): Promise<ConnectorRowView> => {
        const connection = connectionOf.get(connector.id);
        const status = connectionStatus(connector, connection);
        const methods = connectMethodsOf(connector);
        const method = draft?.methods[connector.id] ?? connection?.method ?? methods[0];
        const previous = grantOf.get(connector.id);
        const checked = (kind: ItemKind, name: string) => {
          const drafted = draft?.[kind][connector.id];
          if (drafted) return drafted.includes(name);
          return draft || !previous ? true : grantsItem(previous[kind], name);
        };
        const choice = (kind: ItemKind, value: string, title?: string, description?: string): ItemChoiceView => ({ value, title, description, checked: checked(kind, value) });
        const lists = isReady(status) ? await load(accountId, connector) : undefined;
        const failed = (kind: string) => `${connector.displayName}'s ${kind} list could not be loaded right now; authorizing it allows all of its ${kind}s.`;
        const tooMany = (kind: string, count: number) => `${connector.displayName} offers ${count} ${kind}s, too many to choose one by one here; authorizing it allows all of them.`;
        const promptCount = lists?.prompts.ok ? lists.prompts.value.length : 0;
        const resourceCount = lists?.resources.ok ? lists.resources.value.resources.length + lists.resources.value.templates.length : 0;
        const prompts = lists?.prompts.ok && promptCount <= maxChoices ? lists.prompts.value : undefined;
        const resources = lists?.resources.ok && resourceCount <= maxChoices ? lists.resources.value : undefined;
        return {
          id: connector.id,
          displayName: connector.displayName,
          description: connector.description,
          icon: connector.icon,
          methods,
          method: method && methods.includes(method) ? method : methods[0],
          selected: draft ? draft.selected.includes(connector.id) : previous !== undefined || connector.id === endpointConnector,
          status,
          connectedVia: connection?.method,
          message: draft?.messages[connector.id] ?? (status === 'needs_reconnect' ? { kind: 'error', text: `${connector.displayName} refused the saved connection. Connect it again.` } : undefined),
          apiKey: connector.auth.apiKey && {
            placeholder: connector.auth.apiKey.placeholder,
            docsUrl: connector.auth.apiKey.docsUrl,
            needsUsername: connector.auth.apiKey.scheme === 'basic-email-token',
            usernameDefault: user?.email,
          },
          tools: lists?.tools.ok ? lists.tools.value.map((tool) => choice('tools', tool.name, tool.title ?? tool.annotations?.title ?? tool.name, tool.description)) : undefined,
          prompts: prompts?.map((prompt) => choice('prompts', prompt.name, prompt.title ?? prompt.name, prompt.description)),
          // Shown by the URI itself: resources listed by a template often share its title ("Repository file").
          resources: resources && labelled(resources.resources).map((resource) => choice('resources', resource.uri, resource.label, resource.uri)),
          templates: resources && labelled(resources.templates).map((template) => choice('resources', template.uriTemplate, template.label, template.uriTemplate)),
          listErrors: lists && [
            ...(lists.tools.ok ? [] : [failed('tool')]),
            ...(!lists.prompts.ok ? [failed('prompt')] : prompts ? [] : [tooMany('prompt', promptCount)]),
            ...(!lists.resources.ok ? [failed('resource')] : resources ? [] : [tooMany('resource', resourceCount)]),
          ],
        };
      }),
    );
  };
}
