/**
 * Starts a server listening and resolves with where it listens, as an origin-ready host: the one
 * place the gateway, the mock tools and the mock clients bind a port. A taken port rejects with the
 * EADDRINUSE error (start-up commands turn it into a one-line message) instead of crashing later.
 */
import type { AddressInfo, Server } from 'node:net';

export interface BoundAddress {
  readonly port: number;
  /** The address as it goes into a URL (`127.0.0.1`, `[::1]`). */
  readonly urlHost: string;
}

export async function listen(server: Server, port: number, host: string): Promise<BoundAddress> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { port: address.port, urlHost: address.family === 'IPv6' ? `[${address.address}]` : address.address };
}
