/**
 * The Slack look-alike: OAuth v2 with bot and user scopes and token rotation, auth.test, and an MCP
 * server with channel, message and user tools, schedule_message (asks when, by elicitation), channel
 * history as subscribable resources and a summarize_channel prompt — configured onto the shared core.
 */
import { SLACK_BOT_SCOPES, SLACK_USER_SCOPES, type SlackFixture } from '../../fixtures/vendors/index.ts';
import { bearerChallenge } from '../core/http/bearerChallenge.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { mcpEndpoint } from '../core/mcp/mcpEndpoint.ts';
import type { VendorModule } from '../core/mockVendor.ts';
import { slackOAuthRoutes } from './oauthRoutes.ts';
import { slackProfile } from './profile.ts';
import { SLACK_AUTH_ERRORS, slackRestRoutes } from './restRoutes.ts';
import { McpConversations } from '../core/mcp/mcpConversations.ts';
import { registerSlackPrompts } from './prompts.ts';
import { registerSlackResources } from './resources.ts';
import { ELICITING_TOOLS, registerScheduleMessageTool } from './scheduleMessageTool.ts';
import { registerSlackTools } from './tools.ts';
import { SlackWorkspace } from './workspace.ts';

export const slackVendor: VendorModule<SlackFixture> = {
  profile: slackProfile,
  fixtureOf: (fixtures) => fixtures.slack,
  clientsOf: (fixture, redirectUris) => fixture.oauthClients.map((c) => ({ ...c, redirectUris, origin: 'preregistered' as const })),
  build(core, fixture) {
    const workspace = new SlackWorkspace(fixture);
    const conversations = new McpConversations();
    const [app] = fixture.oauthClients;
    return {
      routes: [
        ...slackOAuthRoutes(core, fixture),
        ...slackRestRoutes(core, fixture),
        ...mcpEndpoint(core, {
          serverInfo: { name: 'slack-mcp-server', title: 'Slack (mock)', version: '0.1.0' },
          instructions: 'Channels, messages and members of the Acme Slack workspace visible to this token.',
          unauthorized: (failure) => jsonResponse({ ok: false, error: SLACK_AUTH_ERRORS[failure] }, 401, { 'www-authenticate': bearerChallenge(failure) }),
          capabilities: { resources: { subscribe: true, listChanged: false }, prompts: { listChanged: false } },
          talkingTools: ELICITING_TOOLS,
          conversations,
          registerTools: (server, caller, context) => {
            registerSlackTools(server, context, workspace);
            registerScheduleMessageTool(server, context, workspace);
            registerSlackResources(server, caller, workspace);
            registerSlackPrompts(server, caller, workspace);
          },
        }),
      ],
      endpoints: {
        oauth: {
          authorizationUrl: core.url('/oauth/v2/authorize'),
          tokenUrl: core.url('/api/oauth.v2.access'),
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          clientAuthMethod: 'client_secret_post',
          tokenRequestFormat: 'form',
          tokenResponseStyle: 'slack-ok-envelope',
          scopes: [...SLACK_BOT_SCOPES],
          scopeSeparator: ',',
          userScopes: [...SLACK_USER_SCOPES],
          extraAuthorizeParams: {},
          pkce: 'S256',
          refreshTokens: 'rotating',
          userInfoUrl: core.url('/api/auth.test'),
          redirectUris: core.clients.find(app.clientId)?.redirectUris ?? 'any-loopback',
        },
        apiKey: {
          scheme: 'bearer',
          formats: [
            { kind: 'bot-token', prefix: 'xoxb-' },
            { kind: 'user-token', prefix: 'xoxp-' },
          ],
          validationUrl: core.url('/api/auth.test'),
          validationMethod: 'POST',
          validationSuccess: 'HTTP 200 {"ok":true,…}; the token scopes in x-oauth-scopes; errors are HTTP 200 {"ok":false,"error":…}',
          docsUrl: 'https://docs.slack.dev/authentication/tokens',
          requiredScopes: ['channels:read', 'channels:history', 'chat:write', 'search:read', 'users:read'],
        },
      },
      resetData: () => {
        workspace.reset();
        conversations.reset();
      },
    };
  },
};
