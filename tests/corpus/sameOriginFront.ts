/**
 * Puts a target whose authorization server lives on another origin behind ONE origin: requests for
 * the MCP endpoint and its Protected Resource Metadata go to the MCP server, everything else to the
 * authorization server, and both real origins are swapped for the front's in everything that passes
 * (headers, bodies, redirects). The same target then looks like the common single-origin deployment,
 * so a test can show the doctor's verdict does not depend on where the AS lives.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { swapOrigins } from '../../scenarios/runner/proxy/originSwap.ts';
import { listen } from '../../web/listen.ts';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'content-encoding']);

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function sameOriginFront(mcpUrl: string, authorizationServer: string): Promise<{ mcpUrl: string; close(): Promise<void> }> {
  const mcp = new URL(mcpUrl);
  const as = new URL(authorizationServer).origin;
  const toFront = new Map<string, string>();
  let front = '';
  // URLs of the MCP endpoint (a `resource` parameter, say) go back to the MCP server; the rest of the front is the AS.
  const toBackends = (text: string) => {
    const mcpOnFront = `${front}${mcp.pathname}`;
    const mcpEncoded = encodeURIComponent(mcpOnFront);
    const marked = text.split(mcpOnFront).join('\u0000mcp').split(mcpEncoded).join('\u0000enc');
    return swapOrigins(marked, new Map([[front, as]])).split('\u0000mcp').join(mcpUrl).split('\u0000enc').join(encodeURIComponent(mcpUrl));
  };
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      const backend = path.startsWith(mcp.pathname) || path.startsWith('/.well-known/oauth-protected-resource') ? mcp.origin : as;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = toBackends(String(value));
      const text = await body(req);
      const answer = await fetch(`${backend}${toBackends(path)}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : toBackends(text),
        redirect: 'manual',
      });
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) out[name] = swapOrigins(value, toFront);
      });
      const payload = Buffer.from(swapOrigins(await answer.text(), toFront));
      res.writeHead(answer.status, { ...out, 'content-length': String(payload.length) });
      res.end(payload);
    })().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end((error as Error).message);
    });
  });
  const { port } = await listen(server, 0, '127.0.0.1');
  front = `http://127.0.0.1:${port}`;
  toFront.set(mcp.origin, front);
  toFront.set(as, front);
  return {
    mcpUrl: `${front}${mcp.pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
