/**
 * The signed-in browser session of a directory user. One session serves the User Portal and the
 * OAuth login step: a user already signed in at the portal is not asked for a password again when
 * an AI client sends them to the gateway (unless the client demands a fresh login with prompt=login).
 * The cookie holds a random id; the store keeps only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import type { DirectoryUser, GatewayStore } from '../store/store.ts';

const SESSION_TTL_SECONDS = 12 * 3600;

export interface UserSessions {
  current(ctx: Context): Promise<{ user: DirectoryUser; binding: string } | undefined>;
  signIn(ctx: Context, user: DirectoryUser): Promise<void>;
  signOut(ctx: Context): Promise<void>;
}

const hash = (id: string) => createHash('sha256').update(id).digest('base64url');

export function createUserSessions(store: GatewayStore, secureCookies: boolean): UserSessions {
  const cookieName = secureCookies ? '__Host-gw.user' : 'gw.user';
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies, path: '/', overwrite: true };

  return {
    async current(ctx) {
      const id = ctx.cookies.get(cookieName);
      if (!id || id.length > 100) return undefined;
      const session = await store.sessions.find(hash(id), Date.now());
      if (!session) return undefined;
      const user = await store.directory.findById(session.accountId);
      return user && { user, binding: hash(id) };
    },
    async signIn(ctx, user) {
      const id = randomBytes(32).toString('base64url');
      await store.sessions.create(hash(id), user.id, Date.now() + SESSION_TTL_SECONDS * 1000);
      ctx.cookies.set(cookieName, id, { ...cookieOptions, maxAge: SESSION_TTL_SECONDS * 1000 });
    },
    async signOut(ctx) {
      const id = ctx.cookies.get(cookieName);
      if (id) await store.sessions.destroy(hash(id));
      ctx.cookies.set(cookieName, null, cookieOptions);
    },
  };
}
