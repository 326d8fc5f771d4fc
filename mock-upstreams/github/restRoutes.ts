/**
 * GitHub's REST check endpoint, GET /user: who a token or PAT belongs to. As on GitHub, classic PATs
 * and OAuth tokens list their scopes in `X-OAuth-Scopes` (how a gateway spots a key lacking `repo`);
 * fine-grained PATs do not. Failures are 401 "Requires authentication" / "Bad credentials".
 */
import { http, type HttpHandler } from 'msw';
import type { GitHubFixture } from '../../fixtures/vendors/index.ts';
import { jsonResponse } from '../core/http/responses.ts';
import type { VendorCore } from '../core/vendorCore.ts';

const DOCS = 'https://docs.github.com/rest';

export function githubRestRoutes(core: VendorCore, fixture: GitHubFixture): HttpHandler[] {
  return [
    http.get(core.url('/user'), ({ request }) => {
      const outcome = core.authenticate(request);
      if (!outcome.ok) {
        const message = outcome.failure === 'missing' ? 'Requires authentication' : 'Bad credentials';
        return jsonResponse({ message, documentation_url: DOCS, status: '401' }, 401);
      }
      const { caller } = outcome;
      const account = fixture.accounts.find((a) => a.id === caller.accountId);
      if (!account) return jsonResponse({ message: 'Not Found', documentation_url: DOCS, status: '404' }, 404);
      const headers: Record<string, string> = { 'x-accepted-oauth-scopes': '', 'x-github-media-type': 'github.v3; format=json' };
      if (caller.credential !== 'fine-grained-pat') headers['x-oauth-scopes'] = [...caller.scopes].join(', ');
      return jsonResponse(
        {
          login: account.login,
          id: Number(account.id),
          node_id: `U_${Buffer.from(account.id).toString('base64url')}`,
          html_url: `${core.baseUrl}/${account.login}`,
          type: 'User',
          site_admin: false,
          name: account.name,
          email: caller.scopes.has('user:email') || caller.scopes.has('read:user') ? account.email : null,
        },
        200,
        headers,
      );
    }),
  ];
}
