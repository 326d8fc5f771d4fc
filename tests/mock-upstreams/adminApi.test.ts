/**
 * The loopback admin API itself: guarded by the secret, strict about its input (a typo in a knob
 * name is a 400 naming it, never a silent no-op), counted knobs visibly count down.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_SECRET_HEADER } from '../../mock-upstreams/index.ts';
import { adminClient } from './support/adminClient.ts';
import { connectAs } from './support/connectAs.ts';
import { TEST_ADMIN_SECRET, useMockUpstreams } from './support/harness.ts';

const mocks = useMockUpstreams();
const admin = () => adminClient(mocks.current.vendors.slack, TEST_ADMIN_SECRET);

describe('admin API guard', () => {
  it('refuses requests without the secret or with a wrong one, and changes nothing', async () => {
    const url = `${mocks.current.vendors.slack.adminUrl}/faults`;
    const none = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mcpDown: true }) });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'unauthorized' });
    const wrong = await adminClient(mocks.current.vendors.slack, 'not-the-admin-secret-at-all').setFaults({ mcpDown: true });
    expect(wrong.status).toBe(401);
    expect(mocks.current.vendors.slack.control.faults().mcpDown).toBe(false);
    const reset = await fetch(`${mocks.current.vendors.slack.adminUrl}/reset`, { method: 'POST', headers: { [ADMIN_SECRET_HEADER]: '' } });
    expect(reset.status).toBe(401);
  });

  it('each vendor has its own admin API on its own origin', async () => {
    for (const vendor of Object.values(mocks.current.vendors)) {
      expect(vendor.adminUrl).toBe(`${vendor.baseUrl}/__admin`);
      expect((await adminClient(vendor, TEST_ADMIN_SECRET).faults()).status).toBe(200);
    }
  });
});

describe('admin API input', () => {
  it('an unknown knob → 400 naming it', async () => {
    const answer = await admin().setFaults({ mcpDwon: true });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_request' });
    expect(JSON.stringify(answer.body)).toContain('mcpDwon');
  });

  it('out-of-range values → 400 naming the field', async () => {
    const answer = await admin().setFaults({ serverErrors: { count: 1, status: 404 } });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('serverErrors.status');
    expect((await admin().setFaults({ latencyMs: -5 })).status).toBe(400);
    expect((await admin().expireTokens({ account: 'x' })).status).toBe(400);
    expect((await admin().recording({ area: 'nowhere' })).status).toBe(400);
    expect((await admin().carrying('')).status).toBe(400);
  });

  it('a body that is not JSON → 400; an unknown admin route → 404', async () => {
    const response = await fetch(`${mocks.current.vendors.slack.adminUrl}/faults`, {
      method: 'POST',
      headers: { [ADMIN_SECRET_HEADER]: TEST_ADMIN_SECRET, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'the body is not valid JSON' });
    expect((await admin().call('GET', '/nothing-here')).status).toBe(404);
  });
});

describe('admin API state', () => {
  it('counted knobs count down as requests consume them; patches merge', async () => {
    expect((await admin().setFaults({ serverErrors: { count: 3 } })).body).toMatchObject({ serverErrors: { count: 3, status: 503 } });
    await admin().setFaults({ latencyMs: 10 });
    await expect(connectAs(mocks.current, 'slack')).rejects.toMatchObject({ code: 503 });
    expect((await admin().faults()).body).toMatchObject({ serverErrors: { count: 2, status: 503 }, latencyMs: 10 });
  });

  it('clearing the recording empties it; admin calls are never recorded', async () => {
    const client = await connectAs(mocks.current, 'slack');
    await client.close();
    expect((await admin().recording()).body.requests.length).toBeGreaterThan(0);
    expect((await admin().clearRecording()).status).toBe(204);
    await admin().faults();
    expect((await admin().recording()).body.requests).toEqual([]);
  });
});
