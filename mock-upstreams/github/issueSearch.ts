/**
 * The subset of GitHub's issue search syntax the mock understands: `repo:owner/name`,
 * `is:issue|pr|open|closed`, `type:issue|pr`, `state:open|closed`, `author:login`, `label:name`
 * (quotes allowed) and free words matched in title or body. Anything else is refused with a message
 * naming it, rather than silently ignored.
 */
import { ToolFailure } from '../core/mcp/toolResults.ts';

export interface IssueQuery {
  readonly repo?: string | undefined;
  readonly type?: 'issue' | 'pr' | undefined;
  readonly state?: 'open' | 'closed' | undefined;
  readonly author?: string | undefined;
  readonly labels: readonly string[];
  readonly words: readonly string[];
}

function tokens(query: string): string[] {
  const out: string[] = [];
  const pattern = /(\S+?:"[^"]*"|"[^"]*"|\S+)/g;
  for (const match of query.matchAll(pattern)) out.push(match[0].replace(/"/g, ''));
  return out;
}

export function parseIssueQuery(query: string): IssueQuery {
  const result: { repo?: string; type?: 'issue' | 'pr'; state?: 'open' | 'closed'; author?: string; labels: string[]; words: string[] } = { labels: [], words: [] };
  for (const token of tokens(query)) {
    const colon = token.indexOf(':');
    if (colon <= 0) {
      result.words.push(token.toLowerCase());
      continue;
    }
    const qualifier = token.slice(0, colon).toLowerCase();
    const value = token.slice(colon + 1);
    if (value === '') throw new ToolFailure(`Validation Failed: qualifier ${qualifier}: has no value`);
    switch (qualifier) {
      case 'repo':
        if (!/^[\w.-]+\/[\w.-]+$/.test(value)) throw new ToolFailure(`Validation Failed: repo:${value} must be owner/name`);
        result.repo = value.toLowerCase();
        break;
      case 'is':
      case 'type':
      case 'state':
        if (value === 'issue' || value === 'pr') {
          if (qualifier === 'state') throw new ToolFailure(`Validation Failed: state:${value} must be open or closed`);
          result.type = value;
        } else if (value === 'open' || value === 'closed') {
          if (qualifier === 'type') throw new ToolFailure(`Validation Failed: type:${value} must be issue or pr`);
          result.state = value;
        } else throw new ToolFailure(`Validation Failed: ${qualifier}:${value} is not supported`);
        break;
      case 'author':
        result.author = value.toLowerCase();
        break;
      case 'label':
        result.labels.push(value.toLowerCase());
        break;
      default:
        throw new ToolFailure(`Validation Failed: the search qualifier "${qualifier}:" is not supported by this server`);
    }
  }
  return result;
}
