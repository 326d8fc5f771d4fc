/**
 * UP-04, the messages a person reads under an API-key field when the pasted text cannot be a key:
 * each says what is wrong with it (issue 11, item 16: "contains spaces or is far too long" left the
 * person guessing which), and neither reaches the vendor.
 */
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../gateway/connectors/loadCatalog.ts';
import { validateApiKey } from '../../gateway/upstream/apiKeyValidation.ts';
import { createMockUpstreams } from '../../mock-upstreams/index.ts';
import { mockCatalog } from '../../stack/mockCatalog.ts';
import { cite } from '../support/requirements.ts';

const upstreams = createMockUpstreams({ baseUrls: { atlassian: 'http://127.0.0.1:1', github: 'http://127.0.0.1:2', slack: 'http://127.0.0.1:3' } });
const github = parseCatalog(mockCatalog(upstreams.vendors), 'test').connectors.find((c) => c.id === 'github')!;
const neverCalled = () => Promise.reject(new Error('a key that cannot be one must not be sent to the vendor'));
const check = (key: string) => validateApiKey(github, { kind: 'api_key', key }, neverCalled);

describe(`API-key input errors ${cite('UP-04')}`, () => {
  it('a key with a space inside says it contains spaces, and nothing about its length', async () => {
    const answer = await check('ghp_abc def');
    expect(answer).toEqual({ ok: false, message: 'That does not look like an API key: it contains spaces. Paste the key alone, without spaces inside it.' });
  });

  it('a key far too long says how long it is and the limit, and nothing about spaces', async () => {
    const answer = await check(`ghp_${'x'.repeat(5000)}`);
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.message).toBe('That does not look like an API key: it is 5004 characters long (keys are at most 4096). Paste the key alone.');
  });
});
