/**
 * The 2026-07-28 handlers (the SDK v2's `createMcpHandler`, strict: 2025 traffic never reaches
 * them), one per caller — user, client and endpoint — because each has its own change-event bus:
 * a `subscriptions/listen` stream must hear of its own user's list and resource changes only, and
 * the SDK's bus carries no user. Bounded (oldest closed first), like the 2025 session registry.
 */
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { ListKind } from '../../tools/toolListNotifier.ts';
import type { EndpointServices } from '../connectorScope.ts';
import { InputRounds } from './inputRounds.ts';

/**
 * The SDK v2 and our server on it are loaded on the first 2026-07-28 request, not at start-up:
 * about 100 ms of module loading a gateway serving only 2025 clients never needs (cold start).
 */
let loading: Promise<[typeof import('@modelcontextprotocol/server'), typeof import('./modernServer.ts')]> | undefined;
const modernModules = () => (loading ??= Promise.all([import('@modelcontextprotocol/server'), import('./modernServer.ts')]));
/** The SDK v2 itself (modernLeg.ts classifies requests with it), loaded as above. */
export const modernSdk = async () => (await modernModules())[0];

const MAX_HANDLERS = 10_000;
const NOTIFY = { tools: 'toolsChanged', prompts: 'promptsChanged', resources: 'resourcesChanged' } as const;

interface Entry {
  readonly subject: string;
  readonly clientId: string;
  readonly handler: McpHttpHandler;
  readonly services: EndpointServices;
}

export class ModernHandlers {
  /** caller key → handler, least recently used first. */
  readonly #handlers = new Map<string, Entry>();
  /** subject → that user's entries: a notification touches only them (as sessionRegistry.ts does). */
  readonly #bySubject = new Map<string, Map<string, Entry>>();
  readonly #rounds: InputRounds;

  /** `replicaId` marks this process's multi-round states, so another replica can send a retry back here. */
  constructor(replicaId?: string) {
    this.#rounds = new InputRounds(replicaId);
  }

  /** The caller's handler for this endpoint (`services`), created on first use. */
  async for(auth: AuthInfo, services: EndpointServices): Promise<McpHttpHandler> {
    const subject = String(auth.extra?.subject);
    const key = `${subject}\n${auth.clientId}\n${auth.resource?.href}`;
    let entry = this.#handlers.get(key);
    if (entry) {
      this.#handlers.delete(key);
    } else {
      const [{ createMcpHandler }, { createModernServer }] = await modernModules();
      const raced = this.#handlers.get(key);
      if (raced) return raced.handler;
      const handler = createMcpHandler(() => createModernServer(services, this.#rounds), { legacy: 'reject' });
      entry = { subject, clientId: auth.clientId, handler, services };
      let mine = this.#bySubject.get(subject);
      if (!mine) this.#bySubject.set(subject, (mine = new Map()));
      mine.set(key, entry);
    }
    this.#handlers.set(key, entry);
    if (this.#handlers.size > MAX_HANDLERS) this.#evict(this.#handlers.keys().next().value as string);
    return entry.handler;
  }

  /** list_changed to the user's open `subscriptions/listen` streams (only one client's when `clientId` is given). */
  listChanged(accountId: string, kinds: readonly ListKind[], clientId?: string): void {
    for (const entry of this.#mine(accountId, clientId)) {
      for (const kind of kinds) entry.handler.notify[NOTIFY[kind]]();
    }
  }

  /** resources/updated for a gateway URI, under the URI each endpoint's client knows it by. */
  resourceUpdated(accountId: string, gatewayUri: string): void {
    for (const entry of this.#mine(accountId)) {
      const uri = entry.services.naming.uriOut(gatewayUri);
      if (uri !== undefined) entry.handler.notify.resourceUpdated(uri);
    }
  }

  async closeAll(): Promise<void> {
    const entries = [...this.#handlers.values()];
    this.#handlers.clear();
    this.#bySubject.clear();
    await Promise.all(entries.map((entry) => entry.handler.close().catch(() => undefined)));
  }

  *#mine(accountId: string, clientId?: string): Iterable<Entry> {
    for (const entry of this.#bySubject.get(accountId)?.values() ?? []) if (clientId === undefined || entry.clientId === clientId) yield entry;
  }

  #evict(key: string): void {
    const entry = this.#handlers.get(key)!;
    this.#handlers.delete(key);
    const mine = this.#bySubject.get(entry.subject);
    mine?.delete(key);
    if (mine?.size === 0) this.#bySubject.delete(entry.subject);
    void entry.handler.close().catch(() => undefined);
  }
}
