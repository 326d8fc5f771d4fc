/**
 * Discovery, in the order a client meets it: the 401 challenge (AUTH-02, AUTH-05), Protected
 * Resource Metadata reached the way the client looks for it, naming this MCP URL and an
 * authorization server (AUTH-01, AUTH-03, AUTH-04), that server's metadata at a location the
 * revision allows, with the right issuer and PKCE (AS-01, AS-02, AS-03), and what it offers for
 * registration and refresh (AS-05, AS-07, AUTH-11).
 */
import type { DoctorCheck, Evidence } from '../doctorCheck.ts';
import { asMetadataOf } from '../probes/discovery.ts';
import type { Fetched } from '../probes/discoveryRecord.ts';
import { RULES } from '../spec/specRules.ts';

const statusOf = (f: Fetched | undefined) => (f ? (f.status === 0 ? 'no answer' : `${f.status}${f.status === 200 && !f.document ? ' (not a JSON object)' : ''}`) : 'not requested');
const pathOf = (url: string) => URL.parse(url)?.pathname ?? url;

/** The endpoint answered without a token: it does not ask for authorization, so discovery does not apply. */
const openEndpoint = (e: Evidence) => (e.session.discovery.challenge && e.session.discovery.challenge.status < 400 ? `the MCP endpoint answered ${e.session.discovery.challenge.status} without a token: it does not require authorization` : undefined);

export const discoveryChecks: readonly DoctorCheck[] = [
  {
    id: 'challenge-resource-metadata',
    title: 'The 401 names its Protected Resource Metadata by absolute URL',
    requirementIds: ['AUTH-02'],
    rules: [RULES.challengeHeader0618, RULES.challengeHeaderShould],
    needs: ['unauthenticated'],
    fix: 'Answer unauthenticated MCP requests with 401 and WWW-Authenticate: Bearer resource_metadata="<absolute URL of your Protected Resource Metadata>".',
    evaluate(e) {
      const challenge = e.session.discovery.challenge;
      if (!challenge) return { pass: false, details: 'the MCP endpoint gave no answer' };
      const open = openEndpoint(e);
      if (open) return { notApplicable: open };
      const url = challenge.resourceMetadata;
      const absolute = Boolean(url && /^https?:\/\//i.test(url));
      return {
        pass: challenge.status === 401 && absolute,
        details: challenge.status !== 401 ? `answered ${challenge.status}, not 401` : url ? `resource_metadata="${url}"${absolute ? '' : ' (not an absolute URL)'}` : `WWW-Authenticate: ${challenge.header || '(missing)'}`,
      };
    },
  },
  {
    id: 'challenge-scope',
    title: 'The 401 challenge says which scope to ask for',
    requirementIds: ['AUTH-05'],
    rules: [RULES.challengeScope],
    needs: ['unauthenticated'],
    fix: 'Add scope="<the scopes a client needs>" to the 401 challenge.',
    evaluate(e) {
      const challenge = e.session.discovery.challenge;
      const open = openEndpoint(e);
      if (open) return { notApplicable: open };
      return { pass: Boolean(challenge?.scope), details: challenge?.header || 'no challenge seen' };
    },
  },
  {
    id: 'prm-reachable',
    title: 'Protected Resource Metadata answers where the client looks for it',
    requirementIds: ['AUTH-03'],
    rules: [RULES.metadataUrlAnswers, RULES.prmDiscoveryOneOf],
    needs: ['prm'],
    fix: 'Serve Protected Resource Metadata (RFC 9728) at the URL your 401 names, or — without one — at /.well-known/oauth-protected-resource<MCP path> or the root.',
    evaluate(e) {
      const { prmAt, challenge } = e.session.discovery;
      const open = openEndpoint(e);
      if (open) return { notApplicable: open };
      const seen = `challenge's resource_metadata: ${challenge?.resourceMetadata ? statusOf(prmAt.challenge) : 'none'}; ${pathOf(prmAt.path?.url ?? '')}: ${statusOf(prmAt.path)}; ${pathOf(prmAt.root?.url ?? '')}: ${statusOf(prmAt.root)}`;
      // A client that was given a URL uses it and does not fall back (RFC 9728 §5.1; MCP 2025-11-25).
      if (challenge?.resourceMetadata) return { pass: Boolean(prmAt.challenge?.document), details: seen };
      return { pass: Boolean(prmAt.path?.document || prmAt.root?.document), details: seen };
    },
  },
  {
    id: 'prm-resource',
    title: 'Protected Resource Metadata names exactly the MCP URL it was fetched for',
    requirementIds: ['AUTH-04'],
    rules: [RULES.prmResourceIdentical],
    needs: ['prm'],
    fix: 'Set the metadata\'s "resource" to exactly the MCP URL users enter (path included, no trailing slash).',
    evaluate(e) {
      const { prmAt } = e.session.discovery;
      const mcpUrl = e.session.mcpUrl;
      // Every location that answered is judged by how it was reached: the challenge's URL and the
      // path-suffixed one stand for the MCP URL; at the root RFC 9728's identifier is the origin,
      // and MCP clients accept the MCP URL there too.
      const answered = (['challenge', 'path', 'root'] as const).filter((at) => prmAt[at]?.document).map((at) => ({ at, doc: prmAt[at]! }));
      if (answered.length === 0) return { notApplicable: 'no Protected Resource Metadata answered' };
      const judged = answered.map(({ at, doc }) => {
        const resource = doc.document!.resource;
        const allowed = at === 'root' ? [mcpUrl, new URL(mcpUrl).origin] : [mcpUrl];
        return { ok: typeof resource === 'string' && allowed.includes(resource), text: `${pathOf(doc.url)} (${at === 'challenge' ? "the challenge's URL" : at}): ${JSON.stringify(resource ?? null)}${at === 'root' ? '' : `, must be ${mcpUrl}`}` };
      });
      return { pass: judged.every((j) => j.ok), details: `resource at ${judged.map((j) => j.text).join('; ')}` };
    },
  },
  {
    id: 'prm-authorization-servers',
    title: 'Protected Resource Metadata lists an authorization server',
    requirementIds: ['AUTH-01'],
    rules: [RULES.prmAuthorizationServers],
    needs: ['prm'],
    fix: 'List your authorization server\'s issuer URL in "authorization_servers".',
    evaluate(e) {
      const prm = e.session.discovery.prm;
      if (!prm) return { notApplicable: 'no Protected Resource Metadata answered' };
      const servers = prm.document?.authorization_servers;
      return { pass: Array.isArray(servers) && servers.length > 0 && Boolean(e.session.discovery.issuer), details: `authorization_servers: ${JSON.stringify(servers ?? null)}` };
    },
  },
  {
    id: 'as-metadata-found',
    title: 'Authorization server metadata answers at a location clients of this revision try',
    requirementIds: ['AS-02'],
    rules: [RULES.asMetadataRfc8414, RULES.asMetadataOneOf],
    needs: ['as-metadata'],
    fix: 'Serve RFC 8414 metadata at /.well-known/oauth-authorization-server (with the issuer\'s path inserted); OpenID Connect discovery is an alternative from 2025-11-25 on.',
    evaluate(e, revision) {
      const { asLocations, issuer } = e.session.discovery;
      if (!issuer) return { notApplicable: 'no authorization server to look up' };
      const answered = asLocations.filter((l) => l.document && typeof l.document.issuer === 'string');
      const details = asLocations.map((l) => `${l.url}: ${statusOf(l)}`).join('; ');
      return { pass: revision === '2025-06-18' ? answered.some((l) => l.kind === 'rfc8414') : answered.length > 0, details };
    },
  },
  {
    id: 'as-issuer',
    title: 'The metadata\'s issuer is the identifier it was fetched for',
    requirementIds: ['AS-01'],
    rules: [RULES.asIssuerIdentical],
    needs: ['as-metadata'],
    fix: 'Make the metadata\'s "issuer" exactly the URL listed in authorization_servers (same scheme, host, path).',
    evaluate(e) {
      const { asLocations, issuer } = e.session.discovery;
      const answered = asLocations.filter((l) => l.document && typeof l.document.issuer === 'string');
      if (!issuer || answered.length === 0) return { notApplicable: 'no authorization server metadata answered' };
      const wrong = answered.filter((l) => l.document!.issuer !== issuer);
      return { pass: wrong.length === 0, details: `fetched for ${issuer}; ${answered.map((l) => `${pathOf(l.url)} says ${String(l.document!.issuer)}`).join('; ')}` };
    },
  },
  {
    id: 'pkce-advertised',
    title: 'PKCE S256 is advertised',
    requirementIds: ['AS-03'],
    rules: [RULES.pkceAdvertised1125, RULES.pkceAdvertised0618],
    needs: ['as-metadata'],
    fix: 'Advertise code_challenge_methods_supported: ["S256"]; clients refuse an authorization server without it.',
    evaluate(e) {
      const metadata = asMetadataOf(e.session.discovery);
      if (!metadata) return { notApplicable: 'no authorization server metadata answered' };
      return { pass: Boolean(metadata.code_challenge_methods_supported?.includes('S256')), details: `code_challenge_methods_supported: ${JSON.stringify(metadata.code_challenge_methods_supported ?? null)}` };
    },
  },
  {
    id: 'registration-available',
    title: 'A client can register: Client ID Metadata Documents or dynamic registration',
    requirementIds: ['AS-05', 'AS-07'],
    rules: [RULES.dynamicRegistration],
    needs: ['as-metadata'],
    fix: 'Offer dynamic client registration (registration_endpoint) or Client ID Metadata Documents (client_id_metadata_document_supported: true).',
    evaluate(e) {
      const metadata = asMetadataOf(e.session.discovery);
      if (!metadata) return { notApplicable: 'no authorization server metadata answered' };
      return {
        pass: Boolean(metadata.client_id_metadata_document_supported === true || metadata.registration_endpoint),
        details: `client_id_metadata_document_supported: ${String(metadata.client_id_metadata_document_supported ?? false)}; registration_endpoint: ${metadata.registration_endpoint ?? '(none)'}`,
      };
    },
  },
  {
    id: 'cimd-advertised',
    title: 'Client ID Metadata Documents are advertised',
    requirementIds: ['AS-05'],
    rules: [RULES.cimd],
    needs: ['as-metadata'],
    fix: 'Support Client ID Metadata Documents and advertise client_id_metadata_document_supported: true (ChatGPT prefers them; 2026-07-28 deprecates dynamic registration).',
    evaluate(e) {
      const metadata = asMetadataOf(e.session.discovery);
      if (!metadata) return { notApplicable: 'no authorization server metadata answered' };
      return { pass: metadata.client_id_metadata_document_supported === true, details: `client_id_metadata_document_supported: ${String(metadata.client_id_metadata_document_supported ?? '(absent)')}` };
    },
  },
  {
    id: 'refresh-advertised',
    title: 'Refresh tokens are offered (grant_types_supported lists refresh_token)',
    requirementIds: ['AUTH-11'],
    rules: [RULES.refresh],
    needs: ['as-metadata'],
    fix: 'Issue refresh tokens (refresh_token grant, offline_access scope) and rotate them, or connections expire with the first access token.',
    evaluate(e) {
      const metadata = asMetadataOf(e.session.discovery);
      if (!metadata) return { notApplicable: 'no authorization server metadata answered' };
      const grants = metadata.grant_types_supported;
      return { pass: Boolean(grants?.includes('refresh_token')), details: `grant_types_supported: ${JSON.stringify(grants ?? '(absent: authorization_code only)')}` };
    },
  },
];
