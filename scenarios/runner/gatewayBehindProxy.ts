/**
 * The settings of a reference gateway the harness starts behind its observing proxy. The gateway
 * believes it lives at the proxy's origin (as behind any reverse proxy), so every URL it hands out —
 * its own and the upstream OAuth callback — leads back through the proxy; it reaches the client
 * look-alikes' real host names (ChatGPT's metadata document) at loopback and trusts their CA.
 */
import { join } from 'node:path';
import type { SettingName } from '../../gateway/index.ts';
import type { ClientLookalikes } from './clientLookalikes.ts';

export function gatewaySettingsBehindProxy(proxyUrl: string, clients: ClientLookalikes, root: string): Partial<Record<SettingName, unknown>> {
  return {
    port: 0,
    publicUrl: proxyUrl,
    dataDir: join(root, 'data'),
    vaultKeyFile: join(root, 'vault.key'),
    logLevel: 'warn',
    outboundConnectTo: clients.connectTo,
    outboundCaFile: clients.caFile,
  };
}
