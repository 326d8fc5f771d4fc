/**
 * The loopback admin API of one mock vendor, under `/__admin/`, guarded by the `X-Mock-Admin-Secret`
 * header (constant-time compare). Admin requests are neither recorded nor slowed or failed by the
 * knobs they set. Bad input → 400 with the offending field; wrong secret → 401.
 *
 *   GET    /__admin/faults                 current knobs
 *   POST   /__admin/faults                 merge knobs (JSON, see faults.ts)
 *   POST   /__admin/tokens/expire          {accountId?} every access token expires now
 *   POST   /__admin/tokens/revoke          {accountId?, apiKeys?} grants (and keys) revoked
 *   GET    /__admin/recording?area=&…      recorded requests, filtered by any recorded field
 *   POST   /__admin/recording/carrying     {secret} → sequence numbers of requests that carried it
 *   DELETE /__admin/recording              clear the recording
 *   POST   /__admin/reset                  back to the seeded state
 */
import { http, type HttpHandler } from 'msw';
import { z } from 'zod';
import { sameSecret } from './constantTime.ts';
import { jsonResponse } from './http/responses.ts';
import type { RecordingFilter } from './recording.ts';
import { faultPatchSchema } from './faults.ts';
import { tokenActionSchema, type VendorControl } from './vendorControl.ts';

export const ADMIN_SECRET_HEADER = 'x-mock-admin-secret';
const ADMIN_PREFIX = '/__admin';

const recordingQuery = z.strictObject({
  method: z.string().optional(),
  path: z.string().optional(),
  area: z.enum(['mcp', 'oauth', 'api']).optional(),
  credential: z.string().optional(),
  grantType: z.string().optional(),
  rpcMethod: z.string().optional(),
  tool: z.string().optional(),
  status: z.coerce.number().int().optional(),
  fault: z.string().optional(),
});

const carryingBody = z.strictObject({ secret: z.string().min(1) });

function authorized(request: Request, secret: string): boolean {
  return sameSecret(secret, request.headers.get(ADMIN_SECRET_HEADER) ?? '');
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  return JSON.parse(text) as unknown;
}

function problem(error: unknown): Response {
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    return jsonResponse({ error: 'invalid_request', message: issues.join('; '), issues }, 400);
  }
  if (error instanceof SyntaxError) return jsonResponse({ error: 'invalid_request', message: 'the body is not valid JSON' }, 400);
  throw error;
}

export function adminRoutes(baseUrl: string, adminSecret: string, control: VendorControl): HttpHandler[] {
  const at = (path: string) => `${baseUrl}${ADMIN_PREFIX}${path}`;
  const guarded =
    (handle: (request: Request) => Promise<Response> | Response) =>
    async ({ request }: { request: Request }): Promise<Response> => {
      if (!authorized(request, adminSecret)) return jsonResponse({ error: 'unauthorized', message: `send the admin secret in ${ADMIN_SECRET_HEADER}` }, 401);
      try {
        return await handle(request);
      } catch (error) {
        return problem(error);
      }
    };

  return [
    http.get(at('/faults'), guarded(() => jsonResponse(control.faults()))),
    http.post(at('/faults'), guarded(async (request) => jsonResponse(control.setFaults(faultPatchSchema.parse(await jsonBody(request)))))),
    http.post(at('/tokens/expire'), guarded(async (request) => jsonResponse(control.expireAccessTokens(tokenActionSchema.parse(await jsonBody(request)))))),
    http.post(at('/tokens/revoke'), guarded(async (request) => jsonResponse(control.revokeTokens(tokenActionSchema.parse(await jsonBody(request)))))),
    http.get(
      at('/recording'),
      guarded((request) => {
        const filter: RecordingFilter = recordingQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
        return jsonResponse({ requests: control.recording(filter) });
      }),
    ),
    http.post(
      at('/recording/carrying'),
      guarded(async (request) => jsonResponse({ requests: control.requestsCarrying(carryingBody.parse(await jsonBody(request)).secret) })),
    ),
    http.delete(
      at('/recording'),
      guarded(() => {
        control.clearRecording();
        return new Response(null, { status: 204 });
      }),
    ),
    http.post(
      at('/reset'),
      guarded(() => {
        control.reset();
        return new Response(null, { status: 204 });
      }),
    ),
    // Anything else under /__admin stays inside the admin API: never recorded, never a vendor route.
    http.all(at(''), guarded(() => jsonResponse({ error: 'not_found', message: 'unknown admin route' }, 404))),
    http.all(at('/*'), guarded(() => jsonResponse({ error: 'not_found', message: 'unknown admin route' }, 404))),
  ];
}
