/**
 * Multi-round-trip requests (MCP 2026-07-28, basic/patterns/mrtr: tools/call, prompts/get,
 * resources/read) for a 2026 client whose upstream asks it something on the way. Upstreams speak 2025: they send `elicitation/create` or
 * `sampling/createMessage` as a server→client request on the call's stream and wait. A 2026 client
 * cannot be sent a request; it is answered `resultType: "input_required"` with the question, and
 * comes back with a NEW request carrying `inputResponses` and the `requestState` we gave it. So
 * the upstream call stays open here between the two HTTP requests — a conversation — and the
 * client's answer is handed to the waiting upstream request.
 *
 * `requestState` is a 192-bit random handle, new every round, bound to the caller (user, client,
 * endpoint) and to what was asked for (the tool, prompt or resource): a state from another caller,
 * for something else, from an earlier round or one that expired finds
 * nothing, exactly like one that never existed (the spec requires state that influences access to
 * be integrity-protected; an unguessable server-side handle bound to its owner is that). A
 * conversation lives in this process, because the upstream call stays open in it: with several
 * replicas (issue 14) the state starts with this replica's id, and a retry that reached another
 * replica is passed back here (roundForwarding.ts).
 */
import { randomBytes } from 'node:crypto';
import { tagFor } from '../replicaTag.ts';

/** How long a question waits for the client's answer before the upstream call is given up. */
const ANSWER_TIMEOUT_MS = 5 * 60_000;
/** Conversations waiting for answers, per caller and in all (oldest given up first). */
const MAX_PER_OWNER = 16;
const MAX_TOTAL = 10_000;
/** How long a round waits for an upstream's next question after one came (quiet gap), and at most. */
const BATCH_QUIET_MS = 10;
const BATCH_MAX_MS = 50;

export interface InputRequest {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** What the call answers in the end: a tool result, a prompt, a resource's contents. */
export type Answer = Record<string, unknown>;

export type Round = { readonly kind: 'complete'; readonly result: Answer } | { readonly kind: 'input_required'; readonly inputRequests: Record<string, InputRequest>; readonly requestState: string };

interface Question {
  readonly request: InputRequest;
  answer(response: unknown): void;
  fail(error: Error): void;
}

const newState = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

type Outcome = { readonly ok: true; readonly result: Answer } | { readonly ok: false; readonly error: unknown };

export class AnswerMissing extends Error {
  override readonly name = 'AnswerMissing';
}

/** Where the call's notifications (progress, log messages) go: the stream of the round under way. */
export interface RoundStream {
  notify(notification: { method: string; params: Record<string, unknown> }): void;
  readonly progressToken?: string | number | undefined;
}

/** One request that may need the client's answers; created per request, remembered only once it asks. */
export class Conversation {
  /** The `requestState` of the round under way: a new one each round (the client cannot replay an old round). */
  #state: string;
  readonly #statePrefix: string;
  /** Each retry is a new HTTP request with its own response stream: the latest round's. */
  stream: RoundStream | undefined;
  /** Client capabilities an upstream asked for that the client had not declared (refused, and noted). */
  readonly undeclared = new Set<string>();
  readonly #questions = new Map<string, Question>();
  #serial = 0;
  #wake: (() => void) | undefined;
  #outcome: Outcome | undefined;
  readonly #abort = new AbortController();
  /** Set when the conversation starts waiting for the client (InputRounds.keep). */
  expiresAt = Infinity;

  readonly owner: string;
  /** What was asked for: the tool, prompt or resource a retry must name again. */
  readonly key: string;

  /** `statePrefix` names the replica that holds the conversation (InputRounds.statePrefix). */
  constructor(owner: string, key: string, statePrefix = '') {
    this.owner = owner;
    this.key = key;
    this.#statePrefix = statePrefix;
    this.#state = newState(statePrefix);
  }

  get id(): string {
    return this.#state;
  }

  /** Aborted when the conversation is given up: the upstream call stops. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Starts the call; its upstream asks through `ask`. */
  start(call: Promise<Answer>): void {
    call.then(
      (result) => this.#settle({ ok: true, result }),
      (error: unknown) => this.#settle({ ok: false, error }),
    );
  }

  /**
   * The upstream's question, answered when the client comes back with it (validated by `parse`). An
   * upstream that cancels it (`signal`) takes it back: it is not asked in the next round.
   */
  ask(request: InputRequest, parse: (response: unknown) => unknown, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const key = `q${++this.#serial}`;
      signal?.addEventListener(
        'abort',
        () => {
          if (this.#questions.delete(key)) reject(new AnswerMissing('the upstream cancelled its question'));
        },
        { once: true },
      );
      this.#questions.set(key, {
        request,
        answer: (response) => {
          try {
            resolve(parse(response));
          } catch {
            reject(new Error(`the AI client's answer to ${request.method} is not a valid result`));
          }
        },
        fail: reject,
      });
      this.#poke();
    });
  }

  /** Hands the client's answers to the questions they name; unknown keys are ignored, unanswered questions asked again. */
  answer(responses: Record<string, unknown>): void {
    for (const [key, response] of Object.entries(responses)) {
      const question = this.#questions.get(key);
      if (!question) continue;
      this.#questions.delete(key);
      question.answer(response);
    }
  }

  /** Waits for the call's result or its next questions, whichever comes first. */
  async round(): Promise<Round> {
    for (;;) {
      if (this.#outcome) {
        if (this.#outcome.ok) return { kind: 'complete', result: this.#outcome.result };
        throw this.#outcome.error;
      }
      if (this.#questions.size > 0) {
        await this.#moreQuestions();
        if (this.#outcome) continue;
        const inputRequests = Object.fromEntries([...this.#questions].map(([key, question]) => [key, question.request]));
        this.#state = newState(this.#statePrefix);
        return { kind: 'input_required', inputRequests, requestState: this.#state };
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /**
   * An upstream that asks several things at once sends them as consecutive events on its stream; the
   * round waits a moment for the rest, so they reach the client together in one input_required
   * (basic/patterns/mrtr: several inputRequests in one result) rather than one per round.
   */
  async #moreQuestions(): Promise<void> {
    const started = Date.now();
    let seen = -1;
    while (this.#questions.size !== seen && Date.now() - started < BATCH_MAX_MS && !this.#outcome) {
      seen = this.#questions.size;
      await new Promise((resolve) => setTimeout(resolve, BATCH_QUIET_MS));
    }
  }

  /** Gives the conversation up: the upstream's open questions fail and its call is cancelled. */
  abandon(reason: string): void {
    for (const question of this.#questions.values()) question.fail(new AnswerMissing(reason));
    this.#questions.clear();
    this.#abort.abort(new AnswerMissing(reason));
  }

  get finished(): boolean {
    return this.#outcome !== undefined;
  }

  #settle(outcome: Outcome): void {
    this.#outcome = outcome;
    this.#poke();
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/**
 * The conversations waiting for a client's answers, bounded and expiring. Kept in the order they
 * started waiting, which is also the order they expire in.
 */
export class InputRounds {
  /** `<replica id>.`: every requestState of this process starts with it (empty for a lone gateway). */
  readonly statePrefix: string;
  readonly #waiting = new Map<string, Conversation>();
  /** owner → how many of theirs are waiting. */
  readonly #perOwner = new Map<string, number>();

  constructor(replicaId?: string) {
    this.statePrefix = replicaId ? tagFor(replicaId, '') : '';
  }

  /** Remembers a conversation that just asked the client something; the client has ANSWER_TIMEOUT_MS to answer. */
  keep(conversation: Conversation): void {
    this.#sweep();
    conversation.expiresAt = Date.now() + ANSWER_TIMEOUT_MS;
    this.#add(conversation);
    if ((this.#perOwner.get(conversation.owner) ?? 0) > MAX_PER_OWNER) {
      const oldest = [...this.#waiting.values()].find((other) => other.owner === conversation.owner)!;
      this.#drop(oldest, 'too many requests are waiting for your answers; this one was given up');
    }
    if (this.#waiting.size > MAX_TOTAL) this.#drop(this.#waiting.values().next().value as Conversation, 'the gateway is holding too many unanswered requests');
  }

  /**
   * The caller's conversation for `requestState` and `key`, undefined for anything else. It is taken
   * out while its round runs (that request is alive) and kept again under its next state.
   */
  resume(requestState: string, owner: string, key: string): Conversation | undefined {
    this.#sweep();
    const conversation = this.#waiting.get(requestState);
    if (!conversation || conversation.owner !== owner || conversation.key !== key) return undefined;
    this.#remove(conversation);
    return conversation;
  }

  /** Forgets a conversation whose request finished (or failed). */
  forget(conversation: Conversation): void {
    if (this.#waiting.get(conversation.id) === conversation) this.#remove(conversation);
  }

  get size(): number {
    return this.#waiting.size;
  }

  #add(conversation: Conversation): void {
    this.#waiting.set(conversation.id, conversation);
    this.#perOwner.set(conversation.owner, (this.#perOwner.get(conversation.owner) ?? 0) + 1);
  }

  #remove(conversation: Conversation): void {
    this.#waiting.delete(conversation.id);
    const left = (this.#perOwner.get(conversation.owner) ?? 1) - 1;
    if (left > 0) this.#perOwner.set(conversation.owner, left);
    else this.#perOwner.delete(conversation.owner);
  }

  #drop(conversation: Conversation, reason: string): void {
    this.#remove(conversation);
    conversation.abandon(reason);
  }

  /** Gives up the expired ones: they are the first in the map. */
  #sweep(now = Date.now()): void {
    for (const conversation of this.#waiting.values()) {
      if (conversation.expiresAt > now) break;
      this.#drop(conversation, 'the AI client did not answer in time');
    }
  }
}
