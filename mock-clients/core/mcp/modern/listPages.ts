/**
 * Every page of a cursor-paged MCP list (tools, resources, prompts), bounded like mcpSession.ts's
 * tool list: a server that loops its cursor must not hang a person's action.
 */
export const MAX_LIST_PAGES = 20;

export async function allPages<E>(fetchPage: (cursor: string | undefined) => Promise<[E[], string | undefined]>): Promise<E[]> {
  const all: E[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const [items, next] = await fetchPage(cursor);
    all.push(...items);
    cursor = next;
    if (!cursor) break;
  }
  return all;
}
