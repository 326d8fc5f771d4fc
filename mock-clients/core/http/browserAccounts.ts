/**
 * Who is using the look-alike: each browser gets a random account cookie, and everything it
 * creates (apps, connectors, developer mode) belongs to that account. Separate Playwright contexts
 * are therefore separate people, and one browser cannot open another's app by guessing its id.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';

const COOKIE = 'mock_account';
const MAX_ACCOUNTS = 10_000;

export class BrowserAccounts<T> {
  readonly #accounts = new Map<string, T>();
  readonly #create: () => T;

  constructor(create: () => T) {
    this.#create = create;
  }

  /** The browser's account, created (and the cookie set) on first sight. */
  current(ctx: Context): { id: string; state: T } {
    const presented = ctx.cookies.get(COOKIE);
    if (presented && this.#accounts.has(presented)) return { id: presented, state: this.#accounts.get(presented) as T };
    // Bounded so a client that never keeps cookies cannot grow memory without limit.
    if (this.#accounts.size >= MAX_ACCOUNTS) this.#accounts.delete(this.#accounts.keys().next().value as string);
    const id = randomBytes(18).toString('base64url');
    const state = this.#create();
    this.#accounts.set(id, state);
    ctx.cookies.set(COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/', overwrite: true });
    return { id, state };
  }
}
