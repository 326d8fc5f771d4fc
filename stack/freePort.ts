/**
 * A loopback port free right now, for a child that must be told its port before it starts (each
 * replica keeps its port across restarts, because nginx's upstream list names it). The kernel picks
 * it (port 0); another process taking it meanwhile is unlikely on loopback.
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
