/**
 * Atlassian's cheap check endpoint, `myself`: on the site (`/rest/api/3/myself`, API token as
 * Basic `email:token`) and through the API gateway (`/ex/jira/{cloudId}/rest/api/3/myself`,
 * OAuth Bearer). It needs read:jira-user: a scoped API token without it gets Atlassian's
 * "Unauthorized; scope does not match"; a bad or revoked token gets "Client must be authenticated".
 */
import { http, type HttpHandler } from 'msw';
import type { AtlassianFixture } from '../../fixtures/vendors/index.ts';
import { jsonResponse } from '../core/http/responses.ts';
import type { VendorCore } from '../core/vendorCore.ts';

export function atlassianRestRoutes(core: VendorCore, fixture: AtlassianFixture): HttpHandler[] {
  const myself = (request: Request): Response => {
    const outcome = core.authenticate(request);
    if (!outcome.ok) {
      return jsonResponse({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }, 401, {
        'www-authenticate': 'Basic realm="protected", Bearer',
      });
    }
    if (!outcome.caller.scopes.has('read:jira-user')) return jsonResponse({ code: 401, message: 'Unauthorized; scope does not match' }, 401);
    const account = fixture.accounts.find((a) => a.id === outcome.caller.accountId);
    if (!account) return jsonResponse({ errorMessages: ['User does not exist'], errors: {} }, 404);
    return jsonResponse({
      self: core.url(`/rest/api/3/user?accountId=${encodeURIComponent(account.id)}`),
      accountId: account.id,
      accountType: 'atlassian',
      emailAddress: account.email,
      displayName: account.name,
      active: true,
      timeZone: 'Etc/UTC',
      locale: 'en_US',
    });
  };

  return [
    http.get(core.url('/rest/api/3/myself'), ({ request }) => myself(request)),
    http.get(core.url('/ex/jira/:cloudId/rest/api/3/myself'), ({ request, params }) =>
      params.cloudId === fixture.site.cloudId ? myself(request) : jsonResponse({ code: 404, message: 'Cannot find the site for this cloud id' }, 404),
    ),
  ];
}
