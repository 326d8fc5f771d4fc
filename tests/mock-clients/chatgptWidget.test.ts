/**
 * ChatGPT's widget pieces that need no browser: which tool `_meta` key names the template (ChatGPT's
 * own first, then MCP Apps' and its legacy flat key), and the frame document — the tool result goes
 * into an inline script, so upstream text must not be able to end that script (SEC-05).
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { widgetTemplateUri } from '../../mock-clients/chatgpt/toolWidget.ts';
import { widgetDocument, widgetSection } from '../../mock-clients/chatgpt/widgetFrame.ts';
import { cite } from '../support/requirements.ts';

const tool = (meta: Record<string, unknown> | undefined): Tool => ({ name: 't', inputSchema: { type: 'object' }, ...(meta ? { _meta: meta } : {}) });

describe('Widget template of a tool (Apps SDK, MCP Apps)', () => {
  it(`${cite('RELAY-01')} prefers openai/outputTemplate, then ui.resourceUri, then ui/resourceUri; none without them`, () => {
    expect(widgetTemplateUri(tool({ 'openai/outputTemplate': 'ui://a', ui: { resourceUri: 'ui://b' }, 'ui/resourceUri': 'ui://c' }))).toBe('ui://a');
    expect(widgetTemplateUri(tool({ ui: { resourceUri: 'ui://b' }, 'ui/resourceUri': 'ui://c' }))).toBe('ui://b');
    expect(widgetTemplateUri(tool({ 'ui/resourceUri': 'ui://c' }))).toBe('ui://c');
    expect(widgetTemplateUri(tool({ ui: { prefersBorder: true } }))).toBeUndefined();
    expect(widgetTemplateUri(tool(undefined))).toBeUndefined();
  });
});

describe('The widget frame document', () => {
  const widget = {
    tool: 'atlassian__jira_issue_card',
    templateUri: 'ui://atlassian__jira/issue-card.html',
    toolInput: { issueKey: 'ENG-1' },
    structuredContent: { key: 'ENG-1', summary: '</script><script>parent.stolen = 1</script>\u2028' },
    content: [],
    html: '<!doctype html><html><head><title>card</title></head><body><p>card</p></body></html>',
  };

  it(`${cite('SEC-05')} defines window.openai first in <head>, and upstream text cannot end the script`, () => {
    const doc = widgetDocument(widget);
    expect(doc.startsWith('<!doctype html><html><head><script>window.openai = Object.freeze({ toolInput: {"issueKey":"ENG-1"}, toolOutput: {"key":"ENG-1"')).toBe(true);
    expect(doc).not.toContain('</script><script>parent.stolen');
    expect(doc.match(/<\/script>/g)).toHaveLength(1);
    expect(doc).toContain('\\u003c/script>');
    expect(doc).not.toContain('\u2028');
  });

  it(`${cite('SEC-05')} renders a sandboxed frame (scripts only) whose attributes are escaped, or the error instead`, () => {
    const frame = widgetSection(widget).value;
    expect(frame).toContain('sandbox="allow-scripts"');
    expect(frame).not.toMatch(/allow-same-origin/);
    expect(frame).not.toContain('<script>parent.stolen');
    expect(frame).toContain('data-template-uri="ui://atlassian__jira/issue-card.html"');
    const failed = widgetSection({ ...widget, html: undefined, error: 'The app\u2019s widget could not be loaded.' }).value;
    expect(failed).toContain('data-testid="widget-error"');
    expect(failed).not.toContain('<iframe');
  });
});
