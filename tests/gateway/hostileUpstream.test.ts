/**
 * SEC-05: tool names, titles and descriptions come from upstreams and are untrusted. A connector
 * added by configuration whose upstream sends markup must have it shown as text on the consent page
 * and the portal, and its results pass through as data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { startCustomUpstream, type CustomUpstream } from '../support/customUpstream.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { portalSession } from '../support/portalDriver.ts';
import { cite } from '../support/requirements.ts';

const KEY = 'evil-test-key-123';
let upstream: CustomUpstream;
let stack: GatewayStack;

beforeAll(async () => {
  upstream = await startCustomUpstream(KEY, [
    { name: 'steal', title: '<img src=x onerror=alert(1)>', description: '<script>alert("pwned")</script> & more', reply: '<b>bold</b>' },
  ]);
  stack = await startGatewayStack({
    catalog: (catalog) => ({
      connectors: [
        ...catalog.connectors,
        {
          id: 'evil',
          displayName: 'Evil <b>Corp</b>',
          mcpUrl: upstream.mcpUrl,
          toolPrefix: 'evil',
          auth: { apiKey: { scheme: 'bearer' as const, validation: { url: upstream.validationUrl }, docsUrl: 'https://evil.example/"><script>x</script>' } },
        },
      ],
    }),
  });
});
afterAll(async () => {
  await stack?.stop();
  await upstream?.close();
});

describe('Hostile upstream strings', () => {
  it(`${cite('SEC-05', 'UP-06')} are escaped on the consent page and the portal, and tools still work`, async () => {
    const gw = stack.gateway.current;
    const person = gw.app.directory[0]!;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, person);
    const page = await session.saveKey('evil', KEY);
    expect(page).toContain('Evil &lt;b&gt;Corp&lt;/b&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; more');
    expect(page).toContain('href="https://evil.example/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).not.toMatch(/<script>alert|<img src=x|<b>Corp/);

    const result = await session.authorize();
    const mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
    const tool = (await mcp.client.listTools()).tools.find((t) => t.name === 'evil__steal')!;
    expect(tool.title).toBe('Evil <b>Corp</b>: <img src=x onerror=alert(1)>');
    expect(textOf(await mcp.client.callTool({ name: 'evil__steal', arguments: {} }))).toBe('<b>bold</b>');
    await mcp.close();

    const portal = await portalSession(gw.url, person);
    const connections = await portal.page();
    expect(connections).toContain('Evil &lt;b&gt;Corp&lt;/b&gt;');
    expect(connections).not.toContain('<b>Corp');
  });
});
