/**
 * The redirect URIs the real AI clients register (mcp-requirements.md, CLIENT-*-01). The doctor
 * registers with exactly these, because "redirect_uri not allowed" is the failure support hears
 * most and a made-up callback would pass an allow-list that refuses the real one (AUTH-12).
 * (The scenario adapters hold the same clients as prefixes for matching; a registration needs
 * concrete URIs, ChatGPT's with a callback id of its own.)
 */
import { INSPECTOR_CALLBACK_PATH, INSPECTOR_DEBUG_CALLBACK_PATH, INSPECTOR_ORIGIN } from '../../mock-clients/inspector/profile.ts';

export interface ClientCallbacks {
  readonly client: 'chatgpt' | 'claude' | 'inspector';
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly requirementId: string;
}

export const CLIENT_CALLBACKS: readonly ClientCallbacks[] = [
  { client: 'chatgpt', name: 'ChatGPT', redirectUris: ['https://chatgpt.com/connector/oauth/gangway-doctor'], requirementId: 'CLIENT-CHATGPT-01' },
  { client: 'claude', name: 'Claude', redirectUris: ['https://claude.ai/api/mcp/auth_callback', 'https://claude.com/api/mcp/auth_callback'], requirementId: 'CLIENT-CLAUDE-01' },
  { client: 'inspector', name: 'MCP Inspector', redirectUris: [`${INSPECTOR_ORIGIN}${INSPECTOR_CALLBACK_PATH}`, `${INSPECTOR_ORIGIN}${INSPECTOR_DEBUG_CALLBACK_PATH}`], requirementId: 'CLIENT-INSPECTOR-01' },
];

/** The client_name a registration carries, so an operator can tell the doctor's clients apart. */
export const doctorClientName = (callbacks: ClientCallbacks) => `gangway doctor (${callbacks.name} callbacks)`;
