/**
 * The steps that use the MCP features beyond tools through the gateway, each with the mock
 * vendors' sample data the seeded person may use (so they need the reference stack): ChatGPT shows
 * Jira's issue-card widget, Claude uses GitHub's summarize_pull_request prompt, the Inspector
 * watches a GitHub workflow run's progress and answers Slack's "when?" for a scheduled message.
 * What the client showed goes into the observations; the checks (checks/featureChecks.ts) hold it
 * against the recorded traffic.
 */
import type { VendorFixtures } from '../../fixtures/vendors/index.ts';
import type { ClientAdapter } from '../adapters/clients/clientAdapter.ts';
import type { StepName } from '../model/scenario.ts';
import { referenceOnly } from './referenceOnly.ts';
import type { StepContext } from './stepContext.ts';
import type { StepDefinition } from './stepDefinition.ts';

type FeatureStep = Extract<StepName, 'show-widget' | 'use-prompt' | 'watch-progress' | 'answer-elicitation'>;

/** Sample data the seeded person may use; their own account at each vendor is the first one (fixtures/vendors). */
export function featureSamples(fixtures: VendorFixtures) {
  const atlassianMe = fixtures.atlassian.accounts[0]!.id;
  const openProjects = new Set(fixtures.atlassian.projects.filter((p) => !p.restrictedTo || p.restrictedTo.includes(atlassianMe)).map((p) => p.key));
  const issue = fixtures.atlassian.issues.find((i) => openProjects.has(i.projectKey));
  const githubMe = fixtures.github.accounts[0]!.login;
  const readable = fixtures.github.repositories.filter((r) => !r.private || r.owner === githubMe || r.collaborators.includes(githubMe));
  const ownRepo = readable.find((r) => r.owner === githubMe) ?? readable[0];
  const pull = fixtures.github.pullRequests.find((p) => readable.some((r) => r.fullName === p.repo));
  const pullRepo = pull && readable.find((r) => r.fullName === pull.repo);
  const channel = fixtures.slack.channels.find((c) => c.kind !== 'im' && c.members.includes(fixtures.slack.accounts[0]!.id));
  if (!issue || !ownRepo || !pull || !pullRepo || !channel) throw new Error('the seeded vendor data has no issue, repository, pull request or channel the person may use');
  return { issue, ownRepo, pull, pullRepo, channel };
}

function needs<K extends keyof ClientAdapter>(context: StepContext, feature: K, step: FeatureStep): NonNullable<ClientAdapter[K]> {
  const method = context.client[feature];
  if (!method) throw new Error(`step ${step}: the ${context.client.displayName} look-alike has no such feature`);
  return (method as (...args: never[]) => unknown).bind(context.client) as NonNullable<ClientAdapter[K]>;
}

export const FEATURE_STEPS: Record<FeatureStep, StepDefinition> = {
  'show-widget': {
    title: 'Call a tool with a widget; the client shows the widget read through the gateway',
    async run(context) {
      const { issue } = featureSamples(referenceOnly(context, 'show-widget').fixtures);
      const tool = 'atlassian__jira_issue_card';
      const shown = await needs(context, 'showWidget', 'show-widget')(context.page, tool, { issueKey: issue.key });
      context.observed.features.widgets.push({ tool, ...shown, expected: issue.key });
      if (!shown.text.includes(issue.key)) throw new Error(`the widget shows "${shown.text.slice(0, 200)}", not issue ${issue.key}`);
    },
  },
  'use-prompt': {
    title: 'List the prompts, fill one in and use it',
    async run(context) {
      const { pull, pullRepo } = featureSamples(referenceOnly(context, 'use-prompt').fixtures);
      const name = 'github__summarize_pull_request';
      const { messages } = await needs(context, 'usePrompt', 'use-prompt')(context.page, name, { owner: pullRepo.owner, repo: pullRepo.name, pr_number: String(pull.number) });
      context.observed.features.prompts.push({ name, messages });
      if (!messages.some((text) => text.includes(pull.title))) throw new Error(`the prompt's messages do not mention pull request #${pull.number}`);
    },
  },
  'watch-progress': {
    title: 'Run a long tool; the client shows its progress as it runs',
    async run(context) {
      const { ownRepo } = featureSamples(referenceOnly(context, 'watch-progress').fixtures);
      const tool = 'github__run_workflow';
      const outcome = await needs(context, 'callToolWatchingProgress', 'watch-progress')(context.page, tool, { owner: ownRepo.owner, repo: ownRepo.name, workflow_id: 'ci.yml' });
      context.observed.features.progress.push({ tool, shown: outcome.progressShown });
      context.observed.toolCalls.push({ name: tool, isError: outcome.isError, text: outcome.text });
      if (outcome.isError) throw new Error(`${tool} failed: ${outcome.text.slice(0, 300)}`);
      if (outcome.progressShown.length === 0) throw new Error('the client showed no progress while the tool ran');
    },
  },
  'answer-elicitation': {
    title: 'Run a tool that asks a question; answer it in the client',
    async run(context) {
      const { channel } = featureSamples(referenceOnly(context, 'answer-elicitation').fixtures);
      const tool = 'slack__schedule_message';
      const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const outcome = await needs(context, 'callToolAnsweringElicitation', 'answer-elicitation')(context.page, tool, { channel: channel.id, text: 'Stand-up notes are in the channel topic.' }, { 'Send at': tomorrow });
      context.observed.features.elicitations.push({ tool, question: outcome.question, isError: outcome.isError, text: outcome.text });
      context.observed.toolCalls.push({ name: tool, isError: outcome.isError, text: outcome.text });
      if (outcome.isError) throw new Error(`${tool} failed after the answer: ${outcome.text.slice(0, 300)}`);
    },
  },
};
