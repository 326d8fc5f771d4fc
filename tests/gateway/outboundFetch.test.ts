/**
 * The SSRF guard every gateway fetch of a client- or upstream-supplied URL goes through.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundFetch, isPublicAddress, OutboundFetchError, readLimitedBody } from '../../gateway/net/outboundFetch.ts';
import { cite } from '../support/requirements.ts';
import { json, startTlsTestServer, type TlsTestServer } from '../support/tlsTestServer.ts';

let site: TlsTestServer;
let plain: Server;
let plainOrigin: string;
beforeAll(async () => {
  site = await startTlsTestServer();
  site.route('/doc', json({ ok: true }));
  site.route('/to-private', (_req, res) => res.writeHead(302, { location: 'https://10.0.0.7/doc' }).end());
  site.route('/to-localhost', (_req, res) => res.writeHead(307, { location: `https://localhost:${site.port}/doc` }).end());
  site.route('/to-self', (_req, res) => res.writeHead(302, { location: '/doc' }).end());
  site.route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
  site.route('/slow', (_req, res) => setTimeout(() => res.writeHead(200).end('late'), 1500));
  site.route('/big', (_req, res) => res.writeHead(200).end('x'.repeat(20_000)));
  plain = createServer((_req, res) => res.writeHead(200).end('plain'));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainOrigin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await site?.close();
  plain?.close();
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(OutboundFetchError);
  return (error as OutboundFetchError).reason;
};

describe('SSRF guard', () => {
  it(`${cite('SEC-03')} classifies addresses: only public unicast is fetchable`, () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '172.16.3.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::']) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it(`${cite('SEC-03')} fetches an allow-listed loopback origin over https with the extra CA`, async () => {
    const fetchGuarded = createOutboundFetch({ allowOrigins: [site.origin], extraCa: site.cert });
    const response = await fetchGuarded(`${site.origin}/doc`);
    expect(await response.json()).toEqual({ ok: true });
  });

  it(`${cite('SEC-03')} refuses http unless the origin is allow-listed`, async () => {
    expect(await refusal(createOutboundFetch({ allowOrigins: [] })(`${plainOrigin}/`))).toBe('scheme');
    expect(await (await createOutboundFetch({ allowOrigins: [plainOrigin] })(`${plainOrigin}/`)).text()).toBe('plain');
  });

  it(`${cite('SEC-03')} refuses a host name that resolves to a private address`, async () => {
    const fetchGuarded = createOutboundFetch({ allowOrigins: [], extraCa: site.cert });
    expect(await refusal(fetchGuarded(`https://localhost:${site.port}/doc`))).toBe('private-address');
  });

  it(`${cite('SEC-03')} re-checks every redirect hop`, async () => {
    const fetchGuarded = createOutboundFetch({ allowOrigins: [site.origin], extraCa: site.cert });
    expect(await refusal(fetchGuarded(`${site.origin}/to-private`, { redirect: 'follow' }))).toBe('private-address');
    expect(await refusal(fetchGuarded(`${site.origin}/to-localhost`, { redirect: 'follow' }))).toBe('private-address');
    expect(await (await fetchGuarded(`${site.origin}/to-self`, { redirect: 'follow' })).json()).toEqual({ ok: true });
    expect(await refusal(fetchGuarded(`${site.origin}/loop`, { redirect: 'follow' }))).toBe('redirect');
    const manual = await fetchGuarded(`${site.origin}/to-private`);
    expect(manual.status).toBe(302);
  });

  it(`${cite('SEC-03')} reaches a real host name at a loopback look-alike only when mapped (connect-to), verifying TLS for that name`, async () => {
    const named = await startTlsTestServer(['client.example']);
    named.route('/doc', json({ named: true }));
    try {
      const mapped = createOutboundFetch({ allowOrigins: [], extraCa: named.cert, connectTo: { 'client.example:443': `127.0.0.1:${named.port}` } });
      expect(await (await mapped('https://client.example/doc')).json()).toEqual({ named: true });
      const unmapped = createOutboundFetch({ allowOrigins: [], extraCa: named.cert });
      expect(await refusal(unmapped('https://client.example/doc'))).toBe('network');
      const wrongName = createOutboundFetch({ allowOrigins: [], extraCa: named.cert, connectTo: { 'other.example:443': `127.0.0.1:${named.port}` } });
      expect(await refusal(wrongName('https://other.example/doc'))).toBe('network');
    } finally {
      await named.close();
    }
  });

  it(`${cite('SEC-03')} bounds time and size`, async () => {
    const fetchGuarded = createOutboundFetch({ allowOrigins: [site.origin], extraCa: site.cert, timeoutMs: 300 });
    expect(await refusal(fetchGuarded(`${site.origin}/slow`))).toBe('timeout');
    const big = await fetchGuarded(`${site.origin}/big`);
    expect(await refusal(readLimitedBody(big, 10_000))).toBe('too-large');
    const small = await fetchGuarded(`${site.origin}/doc`);
    expect(JSON.parse((await readLimitedBody(small, 10_000)).toString())).toEqual({ ok: true });
  });
});
