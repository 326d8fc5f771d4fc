/**
 * GitHub repository contents as MCP resources, as GitHub's own MCP server offers them: the template
 * `repo://{owner}/{repo}/contents/{+path}` over every readable repository's files on the default
 * branch (listed for the caller's own and organisation repositories), text with a mime type by
 * extension, and `.github/avatar.png` as a binary blob. Visibility is the tools' (workspace.ts).
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Caller } from '../core/callerAuth.ts';
import { resourceNotFound } from '../core/mcp/resourceErrors.ts';
import { repoAvatarPng } from './repoAvatar.ts';
import type { GitHubWorkspace } from './workspace.ts';

export const AVATAR_PATH = '.github/avatar.png';

export function repoContentsUri(fullName: string, path: string): string {
  return `repo://${fullName}/contents/${path}`;
}

function mimeTypeOf(path: string): string {
  if (path.endsWith('.md')) return 'text/markdown';
  if (path.endsWith('.ts')) return 'text/x-typescript';
  if (path.endsWith('.go')) return 'text/x-go';
  if (path.endsWith('.py')) return 'text/x-python';
  return 'text/plain';
}

export function registerGitHubResources(server: McpServer, caller: Caller, workspace: GitHubWorkspace): void {
  const template = new ResourceTemplate('repo://{owner}/{repo}/contents/{+path}', {
    list: () => {
      const login = workspace.loginOf(caller);
      const resources = workspace
        .readableRepositories(caller)
        .filter((repo) => workspace.isMember(login, repo))
        .flatMap((repo) => [
          ...workspace.files(repo).map((f) => ({ uri: repoContentsUri(repo.fullName, f.path), name: `${repo.fullName}/${f.path}`, mimeType: mimeTypeOf(f.path) })),
          { uri: repoContentsUri(repo.fullName, AVATAR_PATH), name: `${repo.fullName}/${AVATAR_PATH}`, mimeType: 'image/png' },
        ]);
      return { resources };
    },
  });
  server.registerResource(
    'repository_content',
    template,
    { title: 'Repository file', description: 'A file of a repository on its default branch.' },
    (uri, variables) => {
      const [owner, name, path] = [variables.owner, variables.repo, variables.path].map((v) => (Array.isArray(v) ? v.join('/') : v));
      const repo = owner && name ? workspace.findRepository(caller, owner, name) : undefined;
      if (!repo || !path) throw resourceNotFound(uri.href);
      if (path === AVATAR_PATH) return { contents: [{ uri: uri.href, mimeType: 'image/png', blob: repoAvatarPng(repo.id).toString('base64') }] };
      const file = workspace.files(repo).find((f) => f.path === path);
      if (!file) throw resourceNotFound(uri.href);
      return { contents: [{ uri: uri.href, mimeType: mimeTypeOf(path), text: file.content }] };
    },
  );
}
