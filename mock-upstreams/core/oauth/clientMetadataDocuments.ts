/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document, MCP 2026-07-28
 * "Client Registration") at a mock authorization server: a `client_id` that is a URL is fetched, and
 * the document is trusted only when it is JSON naming exactly that URL as its client_id, lists
 * redirect URIs, and describes a public client (`none`: the mocks take no private_key_jwt, and a
 * document can hold no secret). The fetched client is remembered for ten minutes (the registry), so
 * the token endpoint knows it too; its `client_name` is what the consent page shows.
 *
 * The spec requires https client_ids. The `clientIdMetadataDocuments` knob decides: `off` — URL
 * client_ids are unknown; `https` — only those; `https-and-loopback` — the explicit dev knob that
 * also takes http on 127.0.0.1, localhost or [::1], which is how a gateway on a loopback http URL
 * proves the flow against the mocks (the mocks only ever run on loopback themselves).
 */
import { z } from 'zod';
import type { VendorCore } from '../vendorCore.ts';
import type { OAuthClient } from './clientRegistry.ts';
import { isLoopbackHttp } from './redirectUris.ts';

const MAX_DOCUMENT_BYTES = 32 * 1024;
const FETCH_TIMEOUT_MS = 3000;

const documentSchema = z.looseObject({
  client_id: z.string(),
  client_name: z.string().min(1).max(200).optional(),
  redirect_uris: z.array(z.string()).min(1),
  token_endpoint_auth_method: z.literal('none').optional(),
  application_type: z.enum(['web', 'native']).optional(),
});

/** Why a URL client_id cannot be used; the authorize endpoint shows it on an error page (never a redirect). */
export class ClientMetadataRefused extends Error {
  override readonly name = 'ClientMetadataRefused';
}

/** Whether `clientId` is a URL this server would treat as a metadata document client_id. */
export function looksLikeDocumentClientId(clientId: string): boolean {
  return clientId.startsWith('https://') || clientId.startsWith('http://');
}

function checkClientIdUrl(clientId: string, mode: 'https' | 'https-and-loopback'): URL {
  const url = URL.parse(clientId);
  if (!url || url.hash || url.username || url.password || url.pathname === '/') {
    throw new ClientMetadataRefused('The client_id is not a usable metadata document URL (it needs a path, and no fragment or credentials).');
  }
  if (url.protocol === 'https:') return url;
  if (mode === 'https-and-loopback' && isLoopbackHttp(url)) return url;
  throw new ClientMetadataRefused(
    mode === 'https'
      ? 'A client_id metadata document URL must be https. (Loopback http URLs are accepted only with the clientIdMetadataDocuments: "https-and-loopback" knob.)'
      : 'A client_id metadata document URL must be https, or http on a loopback address.',
  );
}

async function fetchDocument(url: URL): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch {
    throw new ClientMetadataRefused('The client metadata document could not be fetched.');
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new ClientMetadataRefused(`The client metadata document answered HTTP ${response.status}.`);
  }
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw new ClientMetadataRefused('The client metadata document is too large.');
  try {
    return JSON.parse(text);
  } catch {
    throw new ClientMetadataRefused('The client metadata document is not JSON.');
  }
}

/**
 * The client a URL client_id stands for, fetched (or remembered); undefined when the knob is off.
 * Throws ClientMetadataRefused when the URL or the document is not acceptable.
 */
export async function documentClient(core: VendorCore, clientId: string): Promise<OAuthClient | undefined> {
  const mode = core.faults.settings.clientIdMetadataDocuments;
  if (mode === 'off' || !looksLikeDocumentClientId(clientId)) return undefined;
  const url = checkClientIdUrl(clientId, mode);
  const known = core.clients.documentClient(clientId);
  if (known) return known;
  const parsed = documentSchema.safeParse(await fetchDocument(url));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClientMetadataRefused(`The client metadata document is invalid: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim());
  }
  const document = parsed.data;
  if (document.client_id !== clientId) throw new ClientMetadataRefused('The client metadata document names another client_id than the URL it was fetched from.');
  if ('client_secret' in document) throw new ClientMetadataRefused('A client metadata document must not contain a client secret.');
  const client: OAuthClient = {
    clientId,
    clientSecret: undefined,
    name: document.client_name ?? url.host,
    redirectUris: document.redirect_uris,
    origin: 'metadata-document',
    applicationType: document.application_type,
  };
  core.clients.rememberDocumentClient(client);
  return client;
}
