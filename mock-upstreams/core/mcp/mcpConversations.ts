/**
 * What a stateless vendor MCP endpoint must still remember between POSTs, per credential (a SHA-256
 * fingerprint of the presented secret, never the secret): the capabilities the client declared in
 * `initialize` (a fresh McpServer per POST never sees that handshake, yet elicitation and sampling
 * may only be asked of a client that declared them), its resource subscriptions, and the
 * server-to-client requests (elicitation, sampling) still waiting for the client's answer POST.
 * Last `initialize` wins per credential: enough for a mock, where one credential is one client.
 */
import { createHash } from 'node:crypto';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { presentedCredential, secretsOf } from '../http/presentedCredential.ts';
import { ServerRequestRelay } from './serverRequestRelay.ts';

export function credentialFingerprint(request: Request): string {
  return createHash('sha256').update(secretsOf(presentedCredential(request)).join('\n')).digest('hex');
}

export class McpConversations {
  readonly relay = new ServerRequestRelay();
  readonly #capabilities = new Map<string, ClientCapabilities>();
  readonly #subscriptions = new Map<string, Set<string>>();

  rememberCapabilities(fingerprint: string, capabilities: ClientCapabilities): void {
    this.#capabilities.set(fingerprint, capabilities);
  }

  capabilitiesOf(fingerprint: string): ClientCapabilities {
    return this.#capabilities.get(fingerprint) ?? {};
  }

  subscribe(fingerprint: string, uri: string): void {
    const uris = this.#subscriptions.get(fingerprint) ?? new Set<string>();
    uris.add(uri);
    this.#subscriptions.set(fingerprint, uris);
  }

  unsubscribe(fingerprint: string, uri: string): void {
    this.#subscriptions.get(fingerprint)?.delete(uri);
  }

  isSubscribed(fingerprint: string, uri: string): boolean {
    return this.#subscriptions.get(fingerprint)?.has(uri) ?? false;
  }

  hasSubscriptions(fingerprint: string): boolean {
    return (this.#subscriptions.get(fingerprint)?.size ?? 0) > 0;
  }

  reset(): void {
    this.#capabilities.clear();
    this.#subscriptions.clear();
  }
}
