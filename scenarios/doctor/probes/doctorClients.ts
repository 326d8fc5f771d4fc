/**
 * The clients the doctor registers as: ChatGPT, Claude and the MCP Inspector, each with exactly
 * the metadata the real client sends (taken from the client look-alikes' profiles, one source) —
 * real callbacks, `application_type` where the client sends one. A made-up callback would pass an
 * allow-list that refuses the real one, and a body unlike the client's gets refusals the client
 * never sees (AUTH-12, CLIENT-*-01).
 */
import { chatgptRegistrationMetadata } from '../../../mock-clients/chatgpt/profile.ts';
import { claudeRegistrationMetadata } from '../../../mock-clients/claude/profile.ts';
import { inspectorClientMetadata } from '../../../mock-clients/inspector/profile.ts';
import type { ClientProfileId } from '../../../mock-clients/core/profileTypes.ts';

export interface DoctorClient {
  readonly client: ClientProfileId;
  readonly name: string;
  readonly requirementId: string;
  /** The registration body as the real client sends it, token_endpoint_auth_method aside (it follows the AS's list). */
  readonly metadata: { readonly redirect_uris: readonly string[] } & Record<string, unknown>;
}

export const DOCTOR_CLIENTS: readonly DoctorClient[] = [
  { client: 'chatgpt', name: 'ChatGPT', requirementId: 'CLIENT-CHATGPT-01', metadata: chatgptRegistrationMetadata('gangway-doctor') },
  { client: 'claude', name: 'Claude', requirementId: 'CLIENT-CLAUDE-01', metadata: claudeRegistrationMetadata() },
  { client: 'inspector', name: 'MCP Inspector', requirementId: 'CLIENT-INSPECTOR-01', metadata: inspectorClientMetadata() },
];

/** The client_name the doctor registers under, so an operator can tell its clients apart. */
export const doctorClientName = (client: DoctorClient) => `gangway doctor (${client.name})`;

export const registrationProbeName = (client: DoctorClient) => `register-${client.client}`;
export const authorizeProbeName = (client: DoctorClient) => `authorize-${client.client}`;
