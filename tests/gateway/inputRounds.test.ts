/**
 * The multi-round-trip conversations behind a 2026-07-28 tool call whose upstream asks the client
 * something (gateway/mcp/modern/inputRounds.ts): questions come out as input_required rounds, answers
 * reach the waiting upstream request, and a conversation is found only by its owner, for its tool,
 * before it expires — a bounded number per caller.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cite } from '../support/requirements.ts';
import { AnswerMissing, Conversation, InputRounds } from '../../gateway/mcp/modern/inputRounds.ts';

const ELICIT = { method: 'elicitation/create', params: { message: 'When?', requestedSchema: { type: 'object', properties: {} } } };
const asIs = (response: unknown) => response;
const done = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] });

afterEach(() => {
  vi.useRealTimers();
});

describe('input_required rounds', () => {
  it(`${cite('REV26-03')} asks, takes the answer on the next round, and completes`, async () => {
    const conversation = new Conversation('alice\nclient\nres', 'slack__schedule_message');
    conversation.start(
      (async () => {
        const answer = (await conversation.ask(ELICIT, asIs)) as { content: { at: string } };
        return done(`booked ${answer.content.at}`);
      })(),
    );
    const first = await conversation.round();
    expect(first).toMatchObject({ kind: 'input_required', requestState: conversation.id, inputRequests: { q1: ELICIT } });
    conversation.answer({ q1: { action: 'accept', content: { at: '10:00' } } });
    expect(await conversation.round()).toEqual({ kind: 'complete', result: done('booked 10:00') });
  });

  it('puts questions the upstream asks at once into one round', async () => {
    const conversation = new Conversation('o', 't');
    const SAMPLE = { method: 'sampling/createMessage', params: { messages: [], maxTokens: 5 } };
    const ROOTS = { method: 'roots/list', params: {} };
    conversation.start(
      (async () => {
        // As a 2025 upstream sends them: consecutive events on its stream, a few milliseconds apart.
        const asked = [conversation.ask(ELICIT, asIs)];
        await new Promise((resolve) => setTimeout(resolve, 3));
        asked.push(conversation.ask(SAMPLE, asIs));
        await new Promise((resolve) => setTimeout(resolve, 3));
        asked.push(conversation.ask(ROOTS, asIs));
        await Promise.all(asked);
        return done('all three');
      })(),
    );
    expect(await conversation.round()).toMatchObject({ kind: 'input_required', inputRequests: { q1: ELICIT, q2: SAMPLE, q3: ROOTS } });
  });

  it('drops a question the upstream cancels: it is not asked again and its wait ends', async () => {
    const conversation = new Conversation('o', 't');
    const cancel = new AbortController();
    const asked = conversation.ask(ELICIT, asIs, cancel.signal);
    conversation.start(asked.then(() => done('answered'), () => done('withdrawn')));
    cancel.abort();
    await expect(asked).rejects.toBeInstanceOf(AnswerMissing);
    expect(await conversation.round()).toEqual({ kind: 'complete', result: done('withdrawn') });
  });

  it('asks again what was not answered, and ignores answers to questions never asked', async () => {
    const conversation = new Conversation('o', 't');
    conversation.start(conversation.ask(ELICIT, asIs).then(() => done('ok')));
    await conversation.round();
    conversation.answer({ q9: { action: 'accept' } });
    expect(await conversation.round()).toMatchObject({ kind: 'input_required', inputRequests: { q1: ELICIT } });
  });

  it("hands the upstream a clear error when the client's answer is not a valid result", async () => {
    const conversation = new Conversation('o', 't');
    const asked = conversation.ask(ELICIT, () => {
      throw new Error('invalid');
    });
    conversation.answer({ q1: { nonsense: true } });
    await expect(asked).rejects.toThrow(/not a valid result/);
  });

  it('is found only by its owner and for its own tool', () => {
    const rounds = new InputRounds();
    const conversation = new Conversation('alice\nchatgpt\nhttps://gw/mcp', 'slack__schedule_message');
    rounds.keep(conversation);
    expect(rounds.resume(conversation.id, 'mallory\nchatgpt\nhttps://gw/mcp', 'slack__schedule_message')).toBeUndefined();
    expect(rounds.resume(conversation.id, 'alice\nclaude\nhttps://gw/mcp', 'slack__schedule_message')).toBeUndefined();
    expect(rounds.resume(conversation.id, 'alice\nchatgpt\nhttps://gw/mcp/slack', 'slack__schedule_message')).toBeUndefined();
    expect(rounds.resume(conversation.id, 'alice\nchatgpt\nhttps://gw/mcp', 'github__delete_repo')).toBeUndefined();
    expect(rounds.resume('guessed', 'alice\nchatgpt\nhttps://gw/mcp', 'slack__schedule_message')).toBeUndefined();
    expect(rounds.resume(conversation.id, 'alice\nchatgpt\nhttps://gw/mcp', 'slack__schedule_message')).toBe(conversation);
  });

  it('hands out a new requestState every round; an earlier round’s state no longer resumes the call', async () => {
    const rounds = new InputRounds();
    const conversation = new Conversation('o', 't');
    conversation.start(
      (async () => {
        await conversation.ask(ELICIT, asIs);
        await conversation.ask(ELICIT, asIs);
        return done('two answers');
      })(),
    );
    const first = await conversation.round();
    rounds.keep(conversation);
    const firstState = first.kind === 'input_required' ? first.requestState : '';
    expect(rounds.resume(firstState, 'o', 't')).toBe(conversation);
    conversation.answer({ q1: { action: 'accept' } });
    const second = await conversation.round();
    rounds.keep(conversation);
    expect(second).toMatchObject({ kind: 'input_required', inputRequests: { q2: ELICIT } });
    expect(second.kind === 'input_required' && second.requestState).not.toBe(firstState);
    expect(rounds.resume(firstState, 'o', 't')).toBeUndefined();
  });

  it('gives up an unanswered conversation after five minutes: its question fails and the upstream call is cancelled', async () => {
    vi.useFakeTimers();
    const rounds = new InputRounds();
    const conversation = new Conversation('o', 't');
    const asked = conversation.ask(ELICIT, asIs);
    rounds.keep(conversation);
    vi.advanceTimersByTime(5 * 60_000 + 1);
    expect(rounds.resume(conversation.id, 'o', 't')).toBeUndefined();
    await expect(asked).rejects.toBeInstanceOf(AnswerMissing);
    expect(conversation.signal.aborted).toBe(true);
  });

  it('holds at most 16 waiting conversations per caller, giving up the oldest', async () => {
    const rounds = new InputRounds();
    const conversations = Array.from({ length: 17 }, () => new Conversation('busy', 't'));
    const oldest = conversations[0]!.ask(ELICIT, asIs);
    for (const conversation of conversations) rounds.keep(conversation);
    await expect(oldest).rejects.toThrow(/too many requests are waiting for your answers/);
    expect(rounds.size).toBe(16);
    rounds.keep(new Conversation('someone-else', 't'));
    expect(rounds.size).toBe(17);
  });
});
