/**
 * The AI clients a scenario uses: the look-alikes in mock-clients/, and the adapter that drives
 * each one's pages.
 */
import { startMockClients, type MockClients } from '../../mock-clients/index.ts';
import type { ClientAdapter } from '../adapters/clients/clientAdapter.ts';
import { chatgptAdapter } from '../adapters/clients/chatgptAdapter.ts';
import { claudeAdapter } from '../adapters/clients/claudeAdapter.ts';
import { inspectorAdapter } from '../adapters/clients/inspectorAdapter.ts';
import type { ClientProfile } from '../model/scenario.ts';

export type ClientLookalikes = MockClients;

export const startClientLookalikes = (): Promise<ClientLookalikes> => startMockClients();

export function clientAdapterFor(profile: ClientProfile, clients: ClientLookalikes): ClientAdapter {
  const info = clients.profiles[profile];
  switch (profile) {
    case 'chatgpt':
      return chatgptAdapter(info);
    case 'claude':
      return claudeAdapter(info);
    case 'inspector':
      return inspectorAdapter(info);
  }
}
