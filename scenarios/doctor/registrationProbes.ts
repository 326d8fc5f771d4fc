/**
 * AUTH-12, AS-07: dynamic client registration with the real callbacks of ChatGPT, Claude and the
 * Inspector, as each registers (public client, PKCE, refresh). Skipped when the gateway offers no
 * registration endpoint — the checks then say whether CIMD covers it (AS-05).
 */
import { asMetadataOf } from '../checks/checkContext.ts';
import { CLIENT_CALLBACKS, doctorClientName, type ClientCallbacks } from './clientCallbacks.ts';
import { jsonAnswer, probeRequest } from './probeRequest.ts';
import type { ProbeSession } from './probeSession.ts';

export interface RegisteredClient {
  readonly callbacks: ClientCallbacks;
  readonly clientId: string;
}

export const registrationProbe = (callbacks: ClientCallbacks) => `register-${callbacks.client}`;

export async function probeRegistration(session: ProbeSession): Promise<RegisteredClient[]> {
  const endpoint = asMetadataOf(session.context())?.registration_endpoint;
  if (!endpoint) return [];
  const registered: RegisteredClient[] = [];
  for (const callbacks of CLIENT_CALLBACKS) {
    const response = await probeRequest(registrationProbe(callbacks), endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: doctorClientName(callbacks),
        redirect_uris: callbacks.redirectUris,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      }),
    });
    const body = await jsonAnswer(response);
    if (response.status === 201 && typeof body?.client_id === 'string') registered.push({ callbacks, clientId: body.client_id });
  }
  return registered;
}
