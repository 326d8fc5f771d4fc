/**
 * What the user has chosen on the consent page so far. The page's main form (ticks, methods, tool
 * boxes, Connect via OAuth, Authorize tools) submits all of it, so ticks survive the round trips to
 * the vendors. Each API-key row is a form of its own (Enter saves the row typed in); its post
 * carries the main form's choices only when the page's script adds them (`choices=1`), otherwise
 * the stored choices stand. Kept per interaction in the store, for the interaction's lifetime, and
 * a while after it ends as its outcome (back and reload then say the authorization is complete).
 */
import type { Catalog } from '../connectors/catalog.ts';
import type { ClientPermissions } from '../store/store.ts';
import type { InteractionOutcome } from './interactionSession.ts';

/** `info`: nothing went wrong that needs fixing, e.g. a declined reconnect kept the old connection. */
export type RowMessage = { readonly kind: 'error' | 'success' | 'info'; readonly text: string };

export interface ConsentDraft {
  /** Connector ids ticked. */
  readonly selected: readonly string[];
  /** Connection method chosen per connector when it offers both. */
  readonly methods: Readonly<Record<string, 'api_key' | 'oauth'>>;
  /** Tools left ticked per connector; absent = all of them. */
  readonly tools: Readonly<Record<string, readonly string[]>>;
  /** Prompts (upstream names) left ticked per connector; absent = all of them. */
  readonly prompts: Readonly<Record<string, readonly string[]>>;
  /** Resources (upstream URIs) and resource templates (URI templates) left ticked per connector; absent = all of them. */
  readonly resources: Readonly<Record<string, readonly string[]>>;
  /** What the client may be asked for; absent = not chosen on this page yet. */
  readonly permissions?: ClientPermissions | undefined;
  /** A message under a connector's row (a refused key, a declined OAuth, a success). */
  readonly messages: Readonly<Record<string, RowMessage>>;
  /** A message for the page as a whole (e.g. why Authorize was refused). */
  readonly notice?: string | undefined;
  /** The connector whose row message takes focus on the next render (after Save or a vendor round trip). */
  readonly focus?: string | undefined;
  /** Set when the interaction ended; nothing else in the draft matters then. */
  readonly completed?: InteractionOutcome | undefined;
}

/** A reconnect that did not finish, while the earlier connection still works (said neutrally). */
export const keptConnectionMessage = (displayName: string): RowMessage => ({
  kind: 'info',
  text: `Reconnecting ${displayName} was not completed, so your existing ${displayName} connection was kept.`,
});

/** Whether a submitted form carries the main form's choices (ticks, methods, tool boxes). */
export const carriesChoices = (form: URLSearchParams): boolean => form.get('choices') === '1';

export const EMPTY_DRAFT: ConsentDraft = { selected: [], methods: {}, tools: {}, prompts: {}, resources: {}, messages: {} };

/** The per-item choices of a connector row, each a fieldset posting `<kind>:<connector>` boxes. */
export const ITEM_KINDS = ['tools', 'prompts', 'resources'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export function parseDraft(json: string | undefined): ConsentDraft {
  if (!json) return EMPTY_DRAFT;
  try {
    return { ...EMPTY_DRAFT, ...(JSON.parse(json) as Partial<ConsentDraft>) };
  } catch {
    return EMPTY_DRAFT;
  }
}

/** The choices carried by a submitted consent form; row messages come from the previous draft. */
export function draftFromForm(form: URLSearchParams, catalog: Catalog, previous: ConsentDraft): ConsentDraft {
  const known = (id: string) => catalog.byId(id) !== undefined;
  const selected = [...new Set(form.getAll('connectors').filter(known))];
  const methods: Record<string, 'api_key' | 'oauth'> = { ...previous.methods };
  const items = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, { ...previous[kind] }])) as Record<ItemKind, Record<string, readonly string[]>>;
  for (const connector of catalog.connectors) {
    const method = form.get(`method:${connector.id}`);
    if (method === 'api_key' || method === 'oauth') methods[connector.id] = method;
    for (const kind of ITEM_KINDS) {
      // Only a connector whose list of this kind was on the page can have items of it unticked.
      if (form.get(`${kind}-shown:${connector.id}`) !== '1') continue;
      const offered = form.getAll(`${kind}-offered:${connector.id}`);
      const ticked = [...new Set(form.getAll(`${kind}:${connector.id}`).filter((name) => offered.includes(name)))];
      if (ticked.length === new Set(offered).size) delete items[kind][connector.id];
      else items[kind][connector.id] = ticked;
    }
  }
  // An unticked checkbox posts nothing: the marker says the boxes were on the page.
  const permissions = form.get('permissions-shown') === '1' ? { elicitation: form.get('allow-elicitation') === '1', sampling: form.get('allow-sampling') === '1' } : previous.permissions;
  return { selected, methods, ...items, permissions, messages: previous.messages };
}
