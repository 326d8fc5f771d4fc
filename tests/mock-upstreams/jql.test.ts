/**
 * The JQL subset parser behind jira_search_issues: what it accepts, and that everything else is a
 * JqlError with Jira's "Error in the JQL Query:" prefix rather than a guess.
 */
import { describe, expect, it } from 'vitest';
import { JqlError, parseJql } from '../../mock-upstreams/atlassian/jql.ts';

describe('JQL subset', () => {
  it('parses clauses joined by AND, IN lists, IS EMPTY, currentUser() and ORDER BY', () => {
    expect(parseJql('project in (ENG, "OPS") AND assignee = currentUser() AND labels is not EMPTY AND summary ~ \'rotate keys\' ORDER BY priority DESC, key')).toEqual({
      clauses: [
        { field: 'project', op: 'in', values: [{ kind: 'literal', text: 'ENG' }, { kind: 'literal', text: 'OPS' }] },
        { field: 'assignee', op: '=', value: { kind: 'currentUser' } },
        { field: 'labels', op: 'is not empty' },
        { field: 'summary', op: '~', value: { kind: 'literal', text: 'rotate keys' } },
      ],
      orderBy: [
        { field: 'priority', direction: 'desc' },
        { field: 'key', direction: 'asc' },
      ],
    });
    expect(parseJql('status NOT IN (Done)').clauses).toEqual([{ field: 'status', op: 'not in', values: [{ kind: 'literal', text: 'Done' }] }]);
    expect(parseJql('')).toEqual({ clauses: [], orderBy: [] });
  });

  it.each([
    ['project = ENG OR project = OPS', 'OR is not supported by this server; combine clauses with AND'],
    ['(project = ENG)', 'parentheses around clauses are not supported by this server'],
    ['project ~ ENG', "The operator '~' is not supported by the 'project' field."],
    ['summary = x', "The operator '=' is not supported by the 'summary' field."],
    ['status in (Done', "expected ')' but the query ended"],
    ['project = ENG extra', "unexpected 'extra' at character 15"],
    ['assignee = membersOf()', "'membersOf()' at character 12 is not a supported value"],
    ['project = ENG ORDER BY rank', "ordering by 'rank' is not supported"],
    ['status = "Done', 'the quoted string starting at character 10 is not closed'],
    ['project ! ENG', "the character '!' at position 9 is not allowed here"],
  ])('%s → %s', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(new JqlError(message));
  });
});
