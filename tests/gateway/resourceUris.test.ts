/** Resource URIs carry their connector's prefix through the gateway, and come back exactly (resourceUris.ts). */
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../gateway/connectors/catalog.ts';
import { parseCatalog } from '../../gateway/connectors/loadCatalog.ts';
import { fromGatewayUri, toGatewayUri, withGatewayWidgetUris } from '../../gateway/resources/resourceUris.ts';

const catalog = createCatalog(
  parseCatalog({ connectors: [{ id: 'github', displayName: 'GitHub', mcpUrl: 'http://127.0.0.1:1/mcp', toolPrefix: 'github', auth: { none: {} } }, { id: 'docs', displayName: 'Docs', mcpUrl: 'http://127.0.0.1:2/mcp', toolPrefix: 'team_docs', auth: { none: {} } }] }, 'test'),
);
const github = catalog.byId('github')!;
const docs = catalog.byId('docs')!;

describe('Resource URIs through the gateway', () => {
  it('puts the prefix in the authority, keeps the scheme, and gives back the upstream URI exactly', () => {
    const cases: [typeof github, string, string][] = [
      [github, 'repo://acme/x/contents/README.md', 'repo://github__acme/x/contents/README.md'],
      [docs, 'ui://jira/issue-card.html', 'ui://team_docs__jira/issue-card.html'],
      [github, 'file:///etc/motd', 'file://github__/etc/motd'],
      [github, 'urn:isbn:0451450523', `gangway://github/${encodeURIComponent('urn:isbn:0451450523')}`],
      [docs, 'gangway://other/x', `gangway://team_docs/${encodeURIComponent('gangway://other/x')}`],
    ];
    for (const [connector, upstream, gateway] of cases) {
      expect(toGatewayUri(connector, upstream)).toBe(gateway);
      expect(fromGatewayUri(catalog, gateway)).toEqual({ connector, uri: upstream });
    }
  });

  it('rewrites templates the same way, and names no connector for a URI without a known prefix', () => {
    expect(toGatewayUri(github, 'repo://{owner}/{repo}/contents/{+path}')).toBe('repo://github__{owner}/{repo}/contents/{+path}');
    for (const uri of ['repo://acme/x', 'repo://nobody__acme/x', 'gangway://nobody/x', 'gangway://github/%E0%A4%A', 'not a uri']) expect(fromGatewayUri(catalog, uri), uri).toBeUndefined();
  });

  it("rewrites every widget key of a tool's _meta and leaves the rest alone", () => {
    const meta = { ui: { resourceUri: 'ui://jira/card.html', prefersBorder: true }, 'ui/resourceUri': 'ui://jira/card.html', 'openai/outputTemplate': 'ui://jira/card.html', other: 'ui://jira/card.html' };
    expect(withGatewayWidgetUris(docs, meta)).toEqual({
      ui: { resourceUri: 'ui://team_docs__jira/card.html', prefersBorder: true },
      'ui/resourceUri': 'ui://team_docs__jira/card.html',
      'openai/outputTemplate': 'ui://team_docs__jira/card.html',
      other: 'ui://jira/card.html',
    });
  });
});
