/**
 * `whoami`: the gateway's own diagnostic tool — who the gateway believes is calling, through which
 * client, with which scopes. It makes the skeleton testable end to end before any upstream exists,
 * and stays useful afterwards when a user wonders which account a client is connected as.
 */
import type { GatewayTool } from '../toolCatalog.ts';

export const whoamiTool: GatewayTool = {
  definition: {
    name: 'whoami',
    title: 'Who am I',
    description: 'Shows the signed-in gateway user and the AI client this connection belongs to.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: {
        user: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } }, required: ['id', 'name', 'email'] },
        client: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'] },
        scopes: { type: 'array', items: { type: 'string' } },
      },
      required: ['user', 'client', 'scopes'],
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async call(caller) {
    const structured = { user: { ...caller.user }, client: { ...caller.client }, scopes: [...caller.scopes] };
    return {
      content: [
        {
          type: 'text',
          text: `Signed in as ${caller.user.name} <${caller.user.email}> (${caller.user.id}) through ${caller.client.name} (client ${caller.client.id}).`,
        },
      ],
      structuredContent: structured,
    };
  },
};
