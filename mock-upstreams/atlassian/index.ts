/**
 * The Atlassian look-alike: OAuth 2.0 (3LO) with accessible-resources, API tokens checked at
 * `myself`, and the remote MCP server (Jira and Confluence tools, the jira_issue_card widget, the
 * sampling summarize_issue tool, Confluence pages as resources, the draft_status_update prompt) with
 * its own MCP-OAuth discovery and registration — configured onto the shared core.
 */
import type { AtlassianFixture } from '../../fixtures/vendors/index.ts';
import { bearerChallenge, describeAuthFailure } from '../core/http/bearerChallenge.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { mcpEndpoint } from '../core/mcp/mcpEndpoint.ts';
import type { VendorModule } from '../core/mockVendor.ts';
import { atlassianMcpOAuthRoutes, protectedResourceMetadataUrl } from './mcpOAuthRoutes.ts';
import { atlassianOAuthRoutes } from './oauthRoutes.ts';
import { ATLASSIAN_AUDIENCE, atlassianProfile } from './profile.ts';
import { atlassianRestRoutes } from './restRoutes.ts';
import { McpConversations } from '../core/mcp/mcpConversations.ts';
import { registerConfluenceResources } from './confluenceResources.ts';
import { registerIssueCardWidget } from './issueCardWidget.ts';
import { registerAtlassianPrompts } from './prompts.ts';
import { registerSummarizeIssueTool, SAMPLING_TOOLS } from './summarizeIssueTool.ts';
import { registerAtlassianTools } from './tools.ts';
import { AtlassianWorkspace } from './workspace.ts';

export const atlassianVendor: VendorModule<AtlassianFixture> = {
  profile: atlassianProfile,
  fixtureOf: (fixtures) => fixtures.atlassian,
  clientsOf: (fixture, redirectUris) => fixture.oauthClients.map((c) => ({ ...c, redirectUris, origin: 'preregistered' as const })),
  build(core, fixture) {
    const workspace = new AtlassianWorkspace(fixture);
    const conversations = new McpConversations();
    const [app] = fixture.oauthClients;
    const prmUrl = protectedResourceMetadataUrl(core);
    return {
      routes: [
        ...atlassianOAuthRoutes(core, fixture),
        ...atlassianMcpOAuthRoutes(core),
        ...atlassianRestRoutes(core, fixture),
        ...mcpEndpoint(core, {
          serverInfo: { name: 'atlassian-rovo-mcp', title: 'Atlassian (mock)', version: '0.1.0' },
          instructions: 'Jira issues and Confluence pages of the Acme site, as the authenticated Atlassian account sees them.',
          resource: core.mcpUrl,
          unauthorized: (failure) =>
            jsonResponse({ error: failure === 'missing' ? 'unauthorized' : 'invalid_token', error_description: describeAuthFailure(failure) }, 401, {
              'www-authenticate': bearerChallenge(failure, { resourceMetadata: prmUrl }),
            }),
          // Pages never change in the mock: resources without subscriptions.
          capabilities: { resources: { subscribe: false, listChanged: false }, prompts: { listChanged: false } },
          talkingTools: SAMPLING_TOOLS,
          conversations,
          registerTools: (server, caller, context) => {
            registerAtlassianTools(server, caller, workspace, core.baseUrl);
            registerIssueCardWidget(server, caller, workspace, core.baseUrl);
            registerSummarizeIssueTool(server, context, workspace);
            registerConfluenceResources(server, caller, workspace);
            registerAtlassianPrompts(server, caller, workspace);
          },
        }),
      ],
      endpoints: {
        oauth: {
          authorizationUrl: core.url('/authorize'),
          tokenUrl: core.url('/oauth/token'),
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          clientAuthMethod: 'client_secret_post',
          tokenRequestFormat: 'json',
          tokenResponseStyle: 'json',
          scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'read:confluence-content.all', 'search:confluence', 'offline_access'],
          scopeSeparator: ' ',
          extraAuthorizeParams: { audience: ATLASSIAN_AUDIENCE, prompt: 'consent' },
          pkce: 'S256',
          refreshTokens: 'rotating',
          userInfoUrl: core.url(`/ex/jira/${fixture.site.cloudId}/rest/api/3/myself`),
          accessibleResourcesUrl: core.url('/oauth/token/accessible-resources'),
          redirectUris: core.clients.find(app.clientId)?.redirectUris ?? 'any-loopback',
        },
        mcpOAuth: {
          protectedResourceMetadataUrl: prmUrl,
          issuer: core.baseUrl,
          authorizationServerMetadataUrl: core.url('/.well-known/oauth-authorization-server'),
          registrationUrl: core.url('/v1/register'),
        },
        apiKey: {
          scheme: 'basic-email-token',
          formats: [{ kind: 'api-token', prefix: 'ATATT' }],
          validationUrl: core.url('/rest/api/3/myself'),
          validationMethod: 'GET',
          validationSuccess: 'HTTP 200 with accountId; 401 "scope does not match" when the token lacks read:jira-user',
          docsUrl: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
          requiredScopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'read:confluence-content.all', 'search:confluence'],
        },
      },
      resetData: () => {
        workspace.reset();
        conversations.reset();
      },
    };
  },
};
