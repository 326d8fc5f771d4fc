/**
 * The harness proxy's options beyond observing a gateway (observingProxy.test.ts covers that): the
 * relay in front of a vendor (played failures, credential fingerprints, streams passed on as they
 * come) and the conformance suite's front (a bearer added only where none was sent, nothing
 * recorded). A small loopback server stands in for the target.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstreamRelay } from '../../scenarios/connectors/upstreamRelay.ts';
import { startObservingProxy } from '../../scenarios/runner/proxy/observingProxy.ts';
import { listen } from '../../web/listen.ts';

let target: Server;
let targetUrl = '';
let release: () => void = () => undefined;

beforeAll(async () => {
  target = createServer((req, res) => {
    const seen = req.headers.authorization ?? 'none';
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { method?: string }).method;
      if (method !== 'tools/call') return void res.writeHead(200, { 'content-type': 'application/json', 'x-seen-authorization': seen }).end('{"jsonrpc":"2.0","id":1,"result":{}}');
      // A POST answered by an event stream that stays open until the test says so.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-seen-authorization': seen });
      res.write('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/progress"}\n\n');
      release = () => res.end('event: message\ndata: {"jsonrpc":"2.0","id":2,"result":{}}\n\n');
    });
  });
  targetUrl = `http://127.0.0.1:${(await listen(target, 0, '127.0.0.1')).port}`;
});
afterAll(() => new Promise<void>((resolve) => target.close(() => resolve())));

const rpc = (url: string, method: string, authorization?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ jsonrpc: '2.0', id: 2, method, params: {} }) });

describe('the upstream relay', () => {
  it('plays a vendor failure for the named JSON-RPC method only, as often as asked, and records who answered', async () => {
    const relay = await startUpstreamRelay(`${targetUrl}/mcp`);
    try {
      expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      relay.play({ status: 401, times: 1, rpcMethod: 'tools/call' });
      expect((await rpc(relay.url, 'tools/list', 'Bearer vendor-token-1')).status).toBe(200);
      const played = await rpc(relay.url, 'tools/call', 'Bearer vendor-token-1');
      expect(played.status).toBe(401);
      expect(played.headers.get('www-authenticate')).toContain('invalid_token');
      expect((await rpc(relay.url, 'tools/list', 'Bearer vendor-token-2')).status).toBe(200);
      expect(relay.requests.map((r) => [r.status, r.played])).toEqual([
        [200, false],
        [401, true],
        [200, false],
      ]);
      const [first, second, third] = relay.requests;
      expect(first!.credential).toBe(relay.fingerprint('Bearer vendor-token-1'));
      expect(second!.credential).toBe(first!.credential);
      expect(third!.credential).not.toBe(first!.credential);
      expect(JSON.stringify(relay.requests)).not.toContain('vendor-token');
    } finally {
      await relay.close();
    }
  });

  it('passes a POST event stream on as it comes, before the vendor ends it', async () => {
    const relay = await startUpstreamRelay(`${targetUrl}/mcp`);
    try {
      const firstEvent = rpc(relay.url, 'tools/call', 'Bearer t').then(async (answer) => {
        const reader = answer.body!.getReader();
        const { value } = await reader.read();
        await reader.cancel();
        return new TextDecoder().decode(value);
      });
      const outcome = await Promise.race([firstEvent, new Promise<'buffered'>((resolve) => setTimeout(() => resolve('buffered'), 2_000))]);
      release();
      expect(outcome).not.toBe('buffered');
      expect(await firstEvent).toContain('notifications/progress');
    } finally {
      await relay.close();
    }
  });
});

describe('a bearer-adding front (the conformance suite)', () => {
  it('adds the header only where the client sent none, and records nothing when asked not to', async () => {
    const proxy = await startObservingProxy(undefined, { rewrite: false, record: false, addHeaders: (request): Record<string, string> => (request.path === '/mcp' ? { authorization: 'Bearer added' } : {}) });
    try {
      proxy.setTarget(targetUrl);
      expect((await rpc(`${proxy.url}/mcp`, 'ping')).headers.get('x-seen-authorization')).toBe('Bearer added');
      expect((await rpc(`${proxy.url}/mcp`, 'ping', 'Bearer own')).headers.get('x-seen-authorization')).toBe('Bearer own');
      expect((await rpc(`${proxy.url}/elsewhere`, 'ping')).headers.get('x-seen-authorization')).toBe('none');
      expect(proxy.exchanges).toHaveLength(0);
    } finally {
      await proxy.close();
    }
  });
});
