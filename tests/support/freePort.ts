/**
 * A port free on 127.0.0.1 right now, for a process that must be told its port before it starts
 * (a child configured by environment, a foreign server with no listening callback). The kernel
 * picks it; a race with another process taking it meanwhile is unlikely on loopback.
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
