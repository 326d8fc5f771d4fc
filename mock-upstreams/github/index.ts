/**
 * The GitHub look-alike: OAuth app (authorize, access_token), GET /user, and an MCP server with
 * repository, issue, file, pull-request and Actions tools, repository
 * contents as resources (with subscriptions) and a pull-request prompt — configured onto the shared core.
 */
import type { GitHubFixture } from '../../fixtures/vendors/index.ts';
import { bearerChallenge } from '../core/http/bearerChallenge.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { mcpEndpoint } from '../core/mcp/mcpEndpoint.ts';
import type { VendorModule } from '../core/mockVendor.ts';
import { githubOAuthRoutes } from './oauthRoutes.ts';
import { githubProfile } from './profile.ts';
import { githubRestRoutes } from './restRoutes.ts';
import { registerGitHubActionsTools } from './actionsTools.ts';
import { McpConversations } from '../core/mcp/mcpConversations.ts';
import { registerGitHubPrompts } from './prompts.ts';
import { registerGitHubResources } from './resources.ts';
import { registerGitHubTools } from './tools.ts';
import { GitHubWorkspace } from './workspace.ts';

export const githubVendor: VendorModule<GitHubFixture> = {
  profile: githubProfile,
  fixtureOf: (fixtures) => fixtures.github,
  clientsOf: (fixture, redirectUris) =>
    fixture.oauthClients.map((c) => ({ ...c, redirectUris, origin: 'preregistered' as const })),
  build(core, fixture) {
    const workspace = new GitHubWorkspace(fixture);
    const conversations = new McpConversations();
    const [app] = fixture.oauthClients;
    return {
      routes: [
        ...githubOAuthRoutes(core),
        ...githubRestRoutes(core, fixture),
        ...mcpEndpoint(core, {
          serverInfo: { name: 'github-mcp-server', title: 'GitHub (mock)', version: '0.1.0' },
          instructions: 'GitHub repositories, issues, files and pull requests visible to the authenticated user.',
          unauthorized: (failure) =>
            jsonResponse({ message: failure === 'missing' ? 'Requires authentication' : 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }, 401, {
              'www-authenticate': bearerChallenge(failure, { realm: 'GitHub' }),
            }),
          capabilities: { resources: { subscribe: true, listChanged: false }, prompts: { listChanged: false } },
          conversations,
          registerTools: (server, caller, context) => {
            registerGitHubTools(server, caller, workspace, core.baseUrl);
            registerGitHubActionsTools(server, context, workspace, core.baseUrl);
            registerGitHubResources(server, caller, workspace);
            registerGitHubPrompts(server, caller, workspace);
          },
        }),
      ],
      endpoints: {
        oauth: {
          authorizationUrl: core.url('/login/oauth/authorize'),
          tokenUrl: core.url('/login/oauth/access_token'),
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          clientAuthMethod: 'client_secret_post',
          tokenRequestFormat: 'form',
          tokenResponseStyle: 'github-form-unless-accept-json',
          scopes: ['repo', 'read:user', 'user:email'],
          scopeSeparator: ' ',
          extraAuthorizeParams: {},
          pkce: 'S256',
          refreshTokens: 'rotating',
          userInfoUrl: core.url('/user'),
          redirectUris: core.clients.find(app.clientId)?.redirectUris ?? 'any-loopback',
        },
        apiKey: {
          scheme: 'bearer',
          formats: [
            { kind: 'classic-pat', prefix: 'ghp_' },
            { kind: 'fine-grained-pat', prefix: 'github_pat_' },
          ],
          validationUrl: core.url('/user'),
          validationMethod: 'GET',
          validationSuccess: 'HTTP 200 with the user; classic keys list their scopes in X-OAuth-Scopes',
          docsUrl: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
          requiredScopes: ['repo'],
        },
      },
      resetData: () => {
        workspace.reset();
        conversations.reset();
      },
    };
  },
};
