/**
 * Signed-in browser sessions on a vendor's login page. The cookie holds only a random id; each
 * session carries its own CSRF token, which the consent form must echo. Every vendor uses its own
 * cookie name because cookies ignore ports: all three mocks share the host 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { sameSecret } from '../constantTime.ts';

interface Session {
  readonly accountId: string;
  readonly csrf: string;
}

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export class LoginSessions {
  readonly #cookieName: string;
  #sessions = new Map<string, Session>();

  constructor(cookieName: string) {
    this.#cookieName = cookieName;
  }

  /** Starts a session; returns the Set-Cookie header value. */
  create(accountId: string): string {
    const id = randomBytes(24).toString('base64url');
    this.#sessions.set(id, { accountId, csrf: randomBytes(18).toString('base64url') });
    return `${this.#cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax`;
  }

  find(request: Request): Session | undefined {
    const id = cookieValue(request, this.#cookieName);
    return id === undefined ? undefined : this.#sessions.get(id);
  }

  csrfMatches(session: Session, given: string | undefined): boolean {
    return given !== undefined && sameSecret(session.csrf, given);
  }

  reset(): void {
    this.#sessions = new Map();
  }
}
