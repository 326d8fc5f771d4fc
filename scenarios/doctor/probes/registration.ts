/**
 * Dynamic registration as each real client does it (AS-07, AUTH-12): its own body, with the
 * token endpoint auth method chosen from the AS's list as the client would (`none` when offered).
 * Skipped when the AS offers no registration endpoint: the checks then say whether CIMD covers it.
 */
import { tokenEndpointAuthMethod } from '../../../mock-clients/core/oauth/registration.ts';
import { asMetadataOf } from './discovery.ts';
import { DOCTOR_CLIENTS, doctorClientName, registrationProbeName, type DoctorClient } from './doctorClients.ts';
import { probe, stage, type ProbeSession } from './probeSession.ts';

export interface RegisteredClient {
  readonly client: DoctorClient;
  readonly clientId: string;
}

export async function probeRegistration(session: ProbeSession): Promise<RegisteredClient[]> {
  const registered: RegisteredClient[] = [];
  await stage(session, 'registration', async () => {
    const metadata = asMetadataOf(session.discovery);
    const endpoint = metadata?.registration_endpoint;
    if (!endpoint || !URL.canParse(endpoint)) return;
    for (const client of DOCTOR_CLIENTS) {
      const body = {
        ...client.metadata,
        client_name: doctorClientName(client),
        token_endpoint_auth_method: tokenEndpointAuthMethod(metadata.token_endpoint_auth_methods_supported),
        ...(session.discovery.scope ? { scope: session.discovery.scope } : {}),
      };
      const answer = await probe(session, registrationProbeName(client), endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const clientId = answer.json?.client_id;
      if (answer.status >= 200 && answer.status < 300 && typeof clientId === 'string') registered.push({ client, clientId });
    }
  });
  return registered;
}
