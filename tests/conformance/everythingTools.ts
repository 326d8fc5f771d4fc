/**
 * The tools the conformance suite's server scenarios call (`conformance list --server`, the
 * "everything server" names), registered on an SDK McpServer. Each follows the scenario's stated
 * requirements: fixed content of each type, three log lines, three progress steps, an error result,
 * and sampling / elicitation requests when — and only when — the calling client declared them.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CreateMessageResultSchema, ElicitResultSchema, type CallToolResult, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** A 1×1 red PNG (also the binary resource's and the image prompt's). */
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** A valid, silent 8 kHz mono 8-bit WAV of four samples. */
function silentWav(): string {
  const samples = Buffer.alloc(4, 0x80);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]).toString('base64');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const refused = (capability: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: `This tool needs the client's ${capability} capability, which this session did not declare.` }],
});

type RequestedSchema = ElicitRequest['params'] extends infer P ? (P extends { requestedSchema: infer S } ? S : never) : never;

/** SEP-1034: a default for every primitive type. */
const DEFAULTS_SCHEMA: RequestedSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', default: 'John Doe' },
    age: { type: 'integer', default: 30 },
    score: { type: 'number', default: 95.5 },
    status: { type: 'string', enum: ['active', 'inactive', 'pending'], default: 'active' },
    verified: { type: 'boolean', default: true },
  },
};

/** SEP-1330: the five enum shapes. */
const ENUMS_SCHEMA: RequestedSchema = {
  type: 'object',
  properties: {
    untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
    titledSingle: { type: 'string', oneOf: [{ const: 'value1', title: 'First Option' }, { const: 'value2', title: 'Second Option' }] },
    legacyEnum: { type: 'string', enum: ['opt1', 'opt2', 'opt3'], enumNames: ['Option One', 'Option Two', 'Option Three'] },
    untitledMulti: { type: 'array', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
    titledMulti: { type: 'array', items: { anyOf: [{ const: 'value1', title: 'First Choice' }, { const: 'value2', title: 'Second Choice' }] } },
  },
};

export function registerEverythingTools(mcp: McpServer): void {
  const can = (capability: 'sampling' | 'elicitation') => Boolean(mcp.server.getClientCapabilities()?.[capability]);

  mcp.registerTool('test_simple_text', { description: 'Returns a simple text response.', inputSchema: {} }, () => text('This is a simple text response for testing.'));
  mcp.registerTool('test_image_content', { description: 'Returns a 1x1 PNG image.', inputSchema: {} }, () => ({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }));
  mcp.registerTool('test_audio_content', { description: 'Returns a short WAV clip.', inputSchema: {} }, () => ({ content: [{ type: 'audio', data: silentWav(), mimeType: 'audio/wav' }] }));
  mcp.registerTool('test_embedded_resource', { description: 'Returns an embedded text resource.', inputSchema: {} }, () => ({
    content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }],
  }));
  mcp.registerTool('test_multiple_content_types', { description: 'Returns text, image and resource content.', inputSchema: {} }, () => ({
    content: [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify({ test: 'data', value: 123 }) } },
    ],
  }));
  mcp.registerTool('test_error_handling', { description: 'Always fails with a tool error.', inputSchema: {} }, () => ({
    isError: true,
    content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }],
  }));

  mcp.registerTool('test_tool_with_logging', { description: 'Sends three log notifications while it runs.', inputSchema: {} }, async (_args, extra) => {
    for (const [index, data] of ['Tool execution started', 'Tool processing data', 'Tool execution completed'].entries()) {
      if (index > 0) await sleep(50);
      await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data } });
    }
    return text('Logging tool finished.');
  });

  mcp.registerTool('test_tool_with_progress', { description: 'Reports progress 0, 50 and 100 of 100.', inputSchema: {} }, async (_args, extra) => {
    const progressToken = extra._meta?.progressToken;
    for (const [index, progress] of [0, 50, 100].entries()) {
      if (index > 0) await sleep(50);
      if (progressToken !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total: 100 } });
    }
    return text('Progress tool finished.');
  });

  mcp.registerTool('test_sampling', { description: 'Asks the client for an LLM completion.', inputSchema: { prompt: z.string() } }, async ({ prompt }, extra) => {
    if (!can('sampling')) return refused('sampling');
    const reply = await extra.sendRequest(
      { method: 'sampling/createMessage', params: { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 } },
      CreateMessageResultSchema,
    );
    return text(`LLM response: ${reply.content.type === 'text' ? reply.content.text : reply.content.type}`);
  });

  const elicit = (name: string, description: string, message: (args: Record<string, unknown>) => string, requestedSchema: RequestedSchema, inputSchema: Record<string, z.ZodString> = {}) =>
    mcp.registerTool(name, { description, inputSchema }, async (args: Record<string, unknown>, extra) => {
      if (!can('elicitation')) return refused('elicitation');
      const answer = await extra.sendRequest({ method: 'elicitation/create', params: { message: message(args), requestedSchema } }, ElicitResultSchema);
      return text(`Elicitation completed: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
    });
  elicit(
    'test_elicitation',
    'Asks the user for a username and an email address.',
    (args) => String(args.message),
    { type: 'object', properties: { username: { type: 'string', description: "User's response" }, email: { type: 'string', description: "User's email address" } }, required: ['username', 'email'] },
    { message: z.string() },
  );
  elicit('test_elicitation_sep1034_defaults', 'Asks for values of every primitive type, each with a default.', () => 'Please review the defaults', DEFAULTS_SCHEMA);
  elicit('test_elicitation_sep1330_enums', 'Asks for values of the five enum shapes.', () => 'Please choose options', ENUMS_SCHEMA);
}
