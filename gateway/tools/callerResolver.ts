/**
 * Who is calling, from the verified token: the directory user and the client's registered name.
 * Remembered per (user, client) until the store cache says that user's data changed (or everything
 * did): the directory and a client's name do not change between two tool calls without a write.
 */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { DirectoryUser } from '../store/store.ts';
import type { ToolCaller } from './toolCatalog.ts';

export type CallerResolver = (authInfo: AuthInfo | undefined) => Promise<ToolCaller>;

export interface CallerResolverDeps {
  readonly findUser: (id: string) => Promise<DirectoryUser | undefined>;
  /** The client's registered name, undefined when it has none (or is gone). */
  readonly clientName: (clientId: string) => Promise<string | undefined>;
  /** Subscribes to "this user's data changed" (undefined: all users'). */
  readonly onInvalidate: (listener: (accountId: string | undefined) => void) => void;
}

const MAX_CALLERS = 10_000;

export function createCallerResolver({ findUser, clientName, onInvalidate }: CallerResolverDeps): CallerResolver {
  const callers = new Map<string, Promise<ToolCaller>>();
  onInvalidate((accountId) => {
    if (accountId === undefined) return callers.clear();
    for (const key of callers.keys()) if (key.startsWith(`${accountId}\n`)) callers.delete(key);
  });

  const resolve = async (subject: string, authInfo: AuthInfo): Promise<ToolCaller> => {
    const user = await findUser(subject);
    if (!user) throw new McpError(ErrorCode.InvalidRequest, 'the signed-in user no longer exists in the directory');
    const name = await clientName(authInfo.clientId).catch(() => undefined);
    return {
      user: { id: user.id, name: user.name, email: user.email },
      client: { id: authInfo.clientId, name: name ?? authInfo.clientId },
      scopes: authInfo.scopes,
    };
  };

  return async (authInfo) => {
    const subject = authInfo?.extra?.subject;
    if (typeof subject !== 'string' || !authInfo) throw new McpError(ErrorCode.InvalidRequest, 'the signed-in user no longer exists in the directory');
    // Scopes travel with the token, not the user: part of the key.
    const key = `${subject}\n${authInfo.clientId}\n${authInfo.scopes.join(' ')}`;
    let caller = callers.get(key);
    if (!caller) {
      caller = resolve(subject, authInfo);
      callers.set(key, caller);
      caller.catch(() => callers.delete(key));
      if (callers.size > MAX_CALLERS) callers.delete(callers.keys().next().value as string);
    }
    return caller;
  };
}
