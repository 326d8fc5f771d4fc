/**
 * Issue 13, item 1: the consent page's per-connector lists (consentRows.ts). Resources a template
 * lists under one shared title are labelled by their own names; a connector offering more resources
 * (or prompts) than can be chosen one by one shows none of them and says that authorizing it allows
 * all of them — its choice stays "all", and the form stays within the gateway's body limit.
 */
import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../gateway/connectors/catalog.ts';
import type { ConnectorConfig } from '../../gateway/connectors/catalogSchema.ts';
import { consentRows, type ConsentRowDeps } from '../../gateway/interactions/consentRows.ts';

const wiki = { id: 'wiki', displayName: 'Wiki', auth: { none: {} } } as unknown as ConnectorConfig;
const page = (n: number): Resource => ({ uri: `wiki://pages/${n}`, name: `Page ${n}`, title: 'Wiki page' });

function rows(pages: number, maxChoices: number) {
  const deps = {
    catalog: { connectors: [wiki], offers: () => true, byId: () => wiki } as unknown as Catalog,
    tools: { upstreamTools: async () => [] },
    prompts: { offered: async () => [] },
    resources: { offered: async () => ({ resources: Array.from({ length: pages }, (_, n) => page(n + 1)), templates: [{ uriTemplate: 'wiki://pages/{id}', name: 'page' }] }) },
    maxChoices,
  } as unknown as ConsentRowDeps;
  return consentRows(deps)({ accountId: 'u1', user: undefined, connections: [], previousGrants: [], draft: undefined });
}

describe('Consent rows: resources to choose from', () => {
  it('labels resources that share a title by their own names, all ticked, the template by its own', async () => {
    const [row] = await rows(3, 4);
    expect(row!.resources!.map((item) => [item.title, item.value, item.checked])).toEqual([
      ['Page 1', 'wiki://pages/1', true],
      ['Page 2', 'wiki://pages/2', true],
      ['Page 3', 'wiki://pages/3', true],
    ]);
    expect(row!.templates!.map((item) => item.value)).toEqual(['wiki://pages/{id}']);
    expect(row!.listErrors).toEqual([]);
  });

  it('lists none of them when there are more than can be chosen one by one, and says authorizing allows all', async () => {
    const [row] = await rows(4, 4);
    expect(row!.resources).toBeUndefined();
    expect(row!.templates).toBeUndefined();
    expect(row!.listErrors).toEqual(['Wiki offers 5 resources, too many to choose one by one here; authorizing it allows all of them.']);
  });
});
