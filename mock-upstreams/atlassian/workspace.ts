/**
 * The Atlassian site's data for one run: Jira projects and issues (created issues and comments are
 * added here and seen by later reads) and Confluence spaces and pages. Visibility follows project
 * and space restrictions: a restricted project behaves, for everyone else, as if it did not exist.
 */
import type { AtlassianFixture } from '../../fixtures/vendors/index.ts';
import { JqlError, type JqlClause, type JqlQuery, type JqlValue } from './jql.ts';

type Issue = AtlassianFixture['issues'][number];
type Comment = Issue['comments'][number];
type Project = AtlassianFixture['projects'][number];
type Page = AtlassianFixture['pages'][number];

export type MutableIssue = Omit<Issue, 'comments'> & { comments: Comment[] };

const PRIORITY_RANK: Record<Issue['priority'], number> = { Highest: 0, High: 1, Medium: 2, Low: 3 };

function issueNumber(key: string): number {
  return Number(key.split('-')[1]);
}

export class AtlassianWorkspace {
  readonly fixture: AtlassianFixture;
  #issues: MutableIssue[] = [];
  #nextIssueId = 0;
  #nextCommentId = 0;

  constructor(fixture: AtlassianFixture) {
    this.fixture = fixture;
    this.reset();
  }

  reset(): void {
    this.#issues = this.fixture.issues.map((i) => ({ ...i, comments: [...i.comments] }));
    this.#nextIssueId = Math.max(...this.fixture.issues.map((i) => Number(i.id))) + 1;
    this.#nextCommentId = Math.max(0, ...this.fixture.issues.flatMap((i) => i.comments.map((c) => Number(c.id)))) + 1;
  }

  accountName(accountId: string | null): { accountId: string; displayName: string } | null {
    if (accountId === null) return null;
    return { accountId, displayName: this.fixture.accounts.find((a) => a.id === accountId)?.name ?? 'Former user' };
  }

  visibleProject(accountId: string, key: string): Project | undefined {
    const project = this.fixture.projects.find((p) => p.key === key.toUpperCase());
    return project && (project.restrictedTo === null || project.restrictedTo.includes(accountId)) ? project : undefined;
  }

  visibleIssue(accountId: string, key: string): MutableIssue | undefined {
    const issue = this.#issues.find((i) => i.key === key.toUpperCase());
    return issue && this.visibleProject(accountId, issue.projectKey) ? issue : undefined;
  }

  search(accountId: string, query: JqlQuery): MutableIssue[] {
    const resolve = (value: JqlValue) => (value.kind === 'currentUser' ? accountId : value.text);
    for (const clause of query.clauses) {
      if (clause.field !== 'project' || !('value' in clause || 'values' in clause)) continue;
      const named = 'value' in clause ? [clause.value] : clause.values;
      for (const value of named) {
        if (!this.visibleProject(accountId, resolve(value))) throw new JqlError(`The value '${resolve(value)}' does not exist for the field 'project'.`);
      }
    }
    const matches = this.#issues.filter((issue) => this.visibleProject(accountId, issue.projectKey) && query.clauses.every((c) => this.#matches(issue, c, resolve)));
    const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'created', direction: 'desc' } as const];
    return matches.sort((a, b) => {
      for (const { field, direction } of order) {
        const sign = direction === 'asc' ? 1 : -1;
        let diff = 0;
        if (field === 'key') diff = a.projectKey.localeCompare(b.projectKey) || issueNumber(a.key) - issueNumber(b.key);
        else if (field === 'priority') diff = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
        else diff = a[field].localeCompare(b[field]);
        if (diff !== 0) return diff * sign;
      }
      return 0;
    });
  }

  #fieldValues(issue: MutableIssue, clause: JqlClause): (string | null)[] {
    switch (clause.field) {
      case 'project':
        return [issue.projectKey];
      case 'status':
        return [issue.status];
      case 'assignee':
        return [issue.assigneeAccountId];
      case 'reporter':
        return [issue.reporterAccountId];
      case 'issuetype':
        return [issue.issueType];
      case 'labels':
        return issue.labels.length > 0 ? [...issue.labels] : [null];
      case 'summary':
        return [issue.summary];
      case 'description':
        return [issue.description];
      case 'text':
        return [issue.summary, issue.description, ...issue.comments.map((c) => c.body)];
    }
  }

  #matches(issue: MutableIssue, clause: JqlClause, resolve: (value: JqlValue) => string): boolean {
    const values = this.#fieldValues(issue, clause);
    const equals = (expected: string) => values.some((v) => v !== null && v.toLowerCase() === expected.toLowerCase());
    switch (clause.op) {
      case '=':
        return equals(resolve(clause.value));
      case '!=':
        return !equals(resolve(clause.value));
      case '~': {
        const words = resolve(clause.value).toLowerCase().split(/\s+/).filter(Boolean);
        return words.every((w) => values.some((v) => v !== null && v.toLowerCase().includes(w)));
      }
      case 'in':
        return clause.values.some((v) => equals(resolve(v)));
      case 'not in':
        return !clause.values.some((v) => equals(resolve(v)));
      case 'is empty':
        return values.every((v) => v === null);
      case 'is not empty':
        return values.some((v) => v !== null);
    }
  }

  createIssue(input: { projectKey: string; summary: string; description: string; issueType: Issue['issueType']; assigneeAccountId: string | null; reporterAccountId: string }): MutableIssue {
    const numbers = this.#issues.filter((i) => i.projectKey === input.projectKey).map((i) => issueNumber(i.key));
    const now = new Date().toISOString();
    const issue: MutableIssue = {
      ...input,
      id: String(this.#nextIssueId++),
      key: `${input.projectKey}-${Math.max(0, ...numbers) + 1}`,
      status: 'To Do',
      priority: 'Medium',
      labels: [],
      created: now,
      updated: now,
      comments: [],
    };
    this.#issues.push(issue);
    return issue;
  }

  addComment(issue: MutableIssue, authorAccountId: string, body: string): Comment {
    const comment: Comment = { id: String(this.#nextCommentId++), authorAccountId, body, created: new Date().toISOString() };
    issue.comments.push(comment);
    return comment;
  }

  visiblePages(accountId: string): Page[] {
    const spaces = new Set(this.fixture.spaces.filter((s) => s.restrictedTo === null || s.restrictedTo.includes(accountId)).map((s) => s.key));
    return this.fixture.pages.filter((p) => spaces.has(p.spaceKey));
  }
}
