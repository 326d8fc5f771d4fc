/**
 * The tools as the client received them: namespaced per upstream (UP-06), callable (UP-05 when the
 * connection is broken: the reconnect message), changes visible after Refresh (LISTCHANGED-04,
 * CLIENT-CHATGPT-07), and the client's token never forwarded to an upstream (AUTH-09).
 */
import { check, skipped, type CheckResult } from '../model/checkResult.ts';
import { hasStep, toolListResults, type CheckContext } from './checkContext.ts';

export function toolChecks(context: CheckContext): CheckResult[] {
  const lists = toolListResults(context);
  const first = lists[0] ?? [];
  const expectedPrefixes = context.scenario.upstreams.map((u) => `${u.upstream}__`);
  const results: CheckResult[] = [
    check(
      'tools-namespaced',
      'tools/list shows the authorized upstream tools, each as <prefix>__<tool>',
      ['UP-06'],
      expectedPrefixes.every((prefix) => first.some((name) => name.startsWith(prefix))),
      first.length ? `${first.length} tools: ${first.slice(0, 8).join(', ')}${first.length > 8 ? ', …' : ''}` : 'no tools/list answer seen',
    ),
  ];
  const calls = context.observed.toolCalls;
  if (hasStep(context, 'call-tool')) {
    const good = calls.filter((c) => !c.isError);
    results.push(check('tool-call', 'A tool call through the gateway succeeds', ['UP-06'], good.length > 0, calls.map((c) => `${c.name}: ${c.isError ? 'error' : 'ok'}`).join('; ') || 'no call made'));
  }
  if (hasStep(context, 'revoke-connection')) {
    const reconnect = calls.find((c) => c.isError && /reconnect/i.test(c.text));
    results.push(check('reconnect-message', 'A revoked connection gives a tool error that says to reconnect', ['UP-05'], Boolean(reconnect), reconnect?.text.slice(0, 200) ?? 'no reconnect message seen'));
  }
  if (hasStep(context, 'grant-another-tool')) {
    const last = lists.at(-1) ?? [];
    const added = context.observed.grantedLater;
    results.push(
      check(
        'refresh-shows-new-tools',
        'After a tool is added, Refresh lists it',
        ['LISTCHANGED-04', 'CLIENT-CHATGPT-07'],
        added.length > 0 && added.every((name) => last.includes(name)),
        `added ${added.join(', ') || '(nothing)'}; last list has ${last.length} tools`,
      ),
    );
  }
  results.push(
    context.gatewayTokenReachedUpstream === undefined
      ? skipped('no-token-passthrough', 'The client token never reaches an upstream', ['AUTH-09'], 'upstream recordings are only available with the reference stack')
      : check('no-token-passthrough', 'The client token never reaches an upstream', ['AUTH-09'], !context.gatewayTokenReachedUpstream, context.gatewayTokenReachedUpstream ? 'an upstream received the gateway access token' : 'no upstream received it'),
  );
  return results;
}
