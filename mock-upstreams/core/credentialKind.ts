/**
 * The recording's description of a request's credential — a kind, never a value:
 *  - token endpoints: how the client authenticated (`client-secret-post`, `public-client`, …);
 *  - Bearer: the kind of a token this vendor issued, else of a seeded key, else the vendor format
 *    it looks like, else `unrecognised-bearer` (e.g. a gateway's own token that should not be here);
 *  - Basic: `api-token` when it is a seeded Atlassian key, else `unrecognised-basic`;
 *  - nothing: `browser-session` when the vendor's login cookie is present, else `none`.
 */
import { presentedCredential } from './http/presentedCredential.ts';
import type { Params } from './http/requestParams.ts';
import { clientCredentialKind } from './oauth/clientCredentials.ts';
import type { VendorCore } from './vendorCore.ts';

export function credentialKind(core: VendorCore, request: Request, params: Params): string {
  if (params.has('grant_type')) return clientCredentialKind(request, params);
  const presented = presentedCredential(request);
  switch (presented.type) {
    case 'none':
      return core.sessions.find(request) ? 'browser-session' : 'none';
    case 'malformed':
      return 'malformed-authorization';
    case 'basic':
      return core.apiKeys.findBasic(presented.username, presented.password)?.key.kind ?? 'unrecognised-basic';
    case 'bearer':
      return (
        core.tokens.kindOf(presented.token) ??
        core.apiKeys.findBearer(presented.token)?.key.kind ??
        core.profile.credentialFormats.find((f) => f.pattern.test(presented.token))?.kind ??
        'unrecognised-bearer'
      );
  }
}
