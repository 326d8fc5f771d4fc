/**
 * Issue 13, item 1: which resources a grant with a chosen list lets a caller read (resourceGrant.ts).
 * A ticked resource by its URI; a URI a ticked template expands to (RFC 6570 operators matched
 * loosely); never a resource the upstream lists itself that the user left unticked.
 */
import { describe, expect, it } from 'vitest';
import { expandsFrom, grantsResource } from '../../gateway/resources/resourceGrant.ts';

const listed = (uris: string[]) => async (uri: string) => uris.includes(uri);

describe('Resource grants (RFC 6570 templates)', () => {
  it('matches each operator the way its expansion can look, and nothing else', () => {
    const template = 'repo://{owner}/{repo}/contents/{+path}';
    expect(expandsFrom(template, 'repo://acme/x/contents/docs/a.md')).toBe(true);
    expect(expandsFrom(template, 'repo://acme/x/issues/1')).toBe(false);
    // A simple expression stops at '/': the owner cannot swallow the repo.
    expect(expandsFrom('repo://{owner}/meta', 'repo://acme/x/meta')).toBe(false);
    expect(expandsFrom('search://q{?term,page}', 'search://q?term=a&page=2')).toBe(true);
    expect(expandsFrom('search://q{?term,page}', 'search://q')).toBe(true);
    expect(expandsFrom('file:///{name}{.ext}', 'file:///report.pdf')).toBe(true);
    // Literal parts are literal, not patterns.
    expect(expandsFrom('a.b://{x}', 'aXb://y')).toBe(false);
  });

  it('grants a ticked URI, or one a ticked template expands to unless the upstream lists it (it was unticked)', async () => {
    const choice = ['repo://acme/x/contents/README.md', 'repo://{owner}/{repo}/contents/{+path}'];
    const upstreamLists = listed(['repo://acme/x/contents/README.md', 'repo://acme/x/contents/SECRET.md']);
    const check = (uri: string) => grantsResource(choice, uri, () => upstreamLists(uri));
    expect(await check('repo://acme/x/contents/README.md')).toBe(true);
    expect(await check('repo://acme/x/contents/docs/new.md')).toBe(true);
    expect(await check('repo://acme/x/contents/SECRET.md')).toBe(false);
    expect(await check('slack://T1/channels/C1/history')).toBe(false);
    expect(await grantsResource('*', 'anything://at/all', () => upstreamLists('x'))).toBe(true);
    expect(await grantsResource([], 'repo://acme/x/contents/README.md', () => upstreamLists('x'))).toBe(false);
  });
});
