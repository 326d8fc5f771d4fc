/**
 * A manifest as the reference gateway's connector catalogue entry — what an administrator would
 * write for this vendor. `mcpUrl` may be replaced by the harness's upstream relay (upstreamRelay.ts)
 * so the scenarios can watch and disturb the gateway's upstream traffic. The entry is validated by
 * the gateway's own catalogue parser, so a manifest the gateway would refuse fails here, by name.
 */
import { parseCatalog, type CatalogInput } from '../../gateway/index.ts';
import { ManifestError } from './loadManifest.ts';
import { toolPrefixOf, type ConnectorManifest } from './manifestSchema.ts';

type ConnectorInput = CatalogInput['connectors'][number];

export function catalogEntryOf(manifest: ConnectorManifest, mcpUrl: string = manifest.mcpUrl): ConnectorInput {
  const { apiKey, oauth, none } = manifest.auth;
  return {
    id: manifest.id,
    displayName: manifest.name,
    ...(manifest.description ? { description: manifest.description } : {}),
    mcpUrl,
    toolPrefix: toolPrefixOf(manifest),
    ...(manifest.timeoutMs ? { timeoutMs: manifest.timeoutMs } : {}),
    auth: {
      ...(apiKey && {
        apiKey: {
          scheme: apiKey.scheme,
          ...(apiKey.header ? { header: apiKey.header } : {}),
          validation: { url: apiKey.validationUrl, method: apiKey.validationMethod },
          docsUrl: apiKey.docsUrl,
          ...(apiKey.placeholder ? { placeholder: apiKey.placeholder } : {}),
          ...(apiKey.prefixes ? { prefixes: apiKey.prefixes } : {}),
          ...(apiKey.requiredScopes ? { requiredScopes: apiKey.requiredScopes } : {}),
        },
      }),
      ...(oauth && {
        oauth: {
          ...(oauth.discovery ? { discovery: oauth.discovery } : {}),
          ...(oauth.authorizationUrl ? { authorizationUrl: oauth.authorizationUrl } : {}),
          ...(oauth.tokenUrl ? { tokenUrl: oauth.tokenUrl } : {}),
          ...(oauth.revocationUrl ? { revocationUrl: oauth.revocationUrl } : {}),
          ...(oauth.testClient?.clientId ? { clientId: oauth.testClient.clientId } : {}),
          ...(oauth.testClient?.clientSecret ? { clientSecret: oauth.testClient.clientSecret } : {}),
          ...(oauth.testClient?.clientAuthMethod ? { clientAuthMethod: oauth.testClient.clientAuthMethod } : {}),
          tokenRequestFormat: oauth.tokenRequestFormat,
          tokenResponse: oauth.tokenResponse,
          scopes: oauth.scopes,
          scopeSeparator: oauth.scopeSeparator,
          ...(oauth.userScopes ? { userScopes: oauth.userScopes } : {}),
          extraAuthorizeParams: oauth.extraAuthorizeParams,
          pkce: true,
        },
      }),
      ...(none && { none: {} }),
    },
  };
}

/** The one-connector catalogue the gateway is started with; the gateway's own validation, as a ManifestError. */
export function catalogOf(manifest: ConnectorManifest, mcpUrl?: string): CatalogInput {
  const catalog: CatalogInput = { connectors: [catalogEntryOf(manifest, mcpUrl)] };
  try {
    parseCatalog(catalog, `for ${manifest.id}`, {});
  } catch (error) {
    throw new ManifestError(`The gateway would refuse this connector: ${(error as Error).message}`);
  }
  return catalog;
}
