/**
 * Issue 14, part 2, end to end: two gateways on one store (two connections to one SQLite data
 * directory, or two replicas on one PostgreSQL database) enforce one OAuth-endpoint limit and one
 * sign-in throttle per address between them — what each replica's own memory could not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/server.ts';
import { startDemoGateway } from '../../stack/demoGateway.ts';
import { CookieJar } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { storeKinds } from '../support/storeKinds.ts';
import { testGatewaySetup, type TestGatewaySetup } from '../support/testGateway.ts';

describe.each(storeKinds())('Two gateways on one $kind store', (kind) => {
  let setup: TestGatewaySetup;
  let replicas: RunningGateway[] = [];
  beforeAll(async () => {
    setup = testGatewaySetup({ trustProxy: true, registrationsPerIp: 3, ...(await kind.settings()) });
    replicas = [await startDemoGateway(setup.config, { logger: setup.logger }), await startDemoGateway(setup.config, { logger: setup.logger })];
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await kind.cleanup();
    setup?.cleanup();
  });

  const register = (replica: RunningGateway, ip: string) =>
    fetch(`${replica.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: 'none' }),
    });

  const signIn = async (replica: RunningGateway, ip: string, email: string, password: string) => {
    const jar = new CookieJar();
    const form = await (await jar.fetch(`${replica.url}/portal/sign-in`, { headers: { 'x-forwarded-for': ip } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    return jar.fetch(`${replica.url}/portal/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: new URLSearchParams({ csrf, email, password }).toString(),
    });
  };

  it(`${cite('AS-07')} counts one address's registrations on both: 3 in total, then 429 from either`, async () => {
    const [one, two] = replicas as [RunningGateway, RunningGateway];
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await register(i % 2 ? one : two, '203.0.113.9')).status);
    statuses.push((await register(one, '203.0.113.9')).status, (await register(two, '203.0.113.9')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect((await register(one, '198.51.100.7')).status).toBe(201);
  });

  it('five wrong passwords through one gateway lock that address out of the other; the real user goes on elsewhere', async () => {
    const [one, two] = replicas as [RunningGateway, RunningGateway];
    const person = one.app.directory[3]!;
    for (let i = 0; i < 5; i++) expect((await signIn(i % 2 ? one : two, '203.0.113.20', person.email, `nope-${i}`)).status).toBe(401);
    expect((await signIn(one, '203.0.113.20', person.email, person.password)).status).toBe(429);
    expect((await signIn(two, '203.0.113.20', person.email, person.password)).status).toBe(429);
    expect((await signIn(two, '198.51.100.8', person.email, person.password)).status).toBe(303);
  });
});
