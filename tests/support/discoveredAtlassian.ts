/**
 * A catalogue change for tests of "a connector added by configuration alone": Atlassian's OAuth is
 * not configured but discovered from its MCP server (RFC 9728 → RFC 8414), as an administrator
 * adding an unknown vendor would write it.
 */
import type { CatalogInput } from '../../gateway/connectors/catalogSchema.ts';

const SCOPES = ['read:jira-work', 'read:confluence-content.all', 'search:confluence', 'offline_access'];

export const atlassianByDiscovery = (catalog: CatalogInput): CatalogInput => ({
  connectors: catalog.connectors.map((connector) => (connector.id === 'atlassian' ? { ...connector, auth: { oauth: { discovery: 'mcp' as const, scopes: SCOPES } } } : connector)),
});
