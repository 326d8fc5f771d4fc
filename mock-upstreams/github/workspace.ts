/**
 * The GitHub data of one run: repositories and files as seeded, issues growing as tools create
 * them. Read access follows GitHub: public repositories for everyone; a private repository for its
 * owner and collaborators, and only through a token holding `repo` — without it GitHub answers
 * "Not Found", not "Forbidden", so private repositories stay invisible.
 */
import type { GitHubFixture } from '../../fixtures/vendors/index.ts';
import type { Caller } from '../core/callerAuth.ts';

type Repository = GitHubFixture['repositories'][number];
type Issue = GitHubFixture['issues'][number];
export type RepositoryFile = Repository['files'][number];

export class GitHubWorkspace {
  readonly fixture: GitHubFixture;
  #issues: Issue[] = [];
  /** Files written through tools, per repository full name, over the seeded ones. */
  #writtenFiles = new Map<string, Map<string, string>>();
  #workflowRuns = 0;

  constructor(fixture: GitHubFixture) {
    this.fixture = fixture;
    this.reset();
  }

  reset(): void {
    this.#issues = [...this.fixture.issues];
    this.#writtenFiles = new Map();
    this.#workflowRuns = 0;
  }

  /** Run numbers count per run of the mock, so a workflow run's id is the same every time. */
  nextWorkflowRun(): number {
    this.#workflowRuns += 1;
    return this.#workflowRuns;
  }

  /** The repository's files on its default branch: seeded, then as tools wrote them. */
  files(repo: Repository): RepositoryFile[] {
    const written = this.#writtenFiles.get(repo.fullName) ?? new Map<string, string>();
    const seeded = repo.files.map((f) => ({ path: f.path, content: written.get(f.path) ?? f.content }));
    const added = [...written].filter(([path]) => !repo.files.some((f) => f.path === path)).map(([path, content]) => ({ path, content }));
    return [...seeded, ...added];
  }

  writeFile(repo: Repository, path: string, content: string): { created: boolean } {
    const created = !this.files(repo).some((f) => f.path === path);
    const written = this.#writtenFiles.get(repo.fullName) ?? new Map<string, string>();
    written.set(path, content);
    this.#writtenFiles.set(repo.fullName, written);
    return { created };
  }

  loginOf(caller: Caller): string {
    const login = this.fixture.accounts.find((a) => a.id === caller.accountId)?.login;
    if (login === undefined) throw new Error(`no GitHub account ${caller.accountId}`);
    return login;
  }

  /** Owner, collaborator or organisation member — regardless of token scopes. */
  isMember(login: string, repo: Repository): boolean {
    if (repo.owner === login || repo.collaborators.includes(login)) return true;
    return repo.owner === this.fixture.org.login && this.fixture.org.members.includes(login);
  }

  canRead(caller: Caller, repo: Repository): boolean {
    if (!repo.private) return true;
    return caller.scopes.has('repo') && this.isMember(this.loginOf(caller), repo);
  }

  findRepository(caller: Caller, owner: string, name: string): Repository | undefined {
    const repo = this.fixture.repositories.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase());
    return repo && this.canRead(caller, repo) ? repo : undefined;
  }

  readableRepositories(caller: Caller): Repository[] {
    return this.fixture.repositories.filter((r) => this.canRead(caller, r));
  }

  issues(): readonly Issue[] {
    return this.#issues;
  }

  addIssue(repo: Repository, issue: Omit<Issue, 'repo' | 'number'>): Issue {
    const numbers = [...this.#issues, ...this.fixture.pullRequests].filter((i) => i.repo === repo.fullName).map((i) => i.number);
    const created: Issue = { ...issue, repo: repo.fullName, number: Math.max(0, ...numbers) + 1 };
    this.#issues.push(created);
    return created;
  }
}
