/**
 * The prompts the conformance suite's server scenarios get (prompts-list, prompts-get-simple,
 * prompts-get-with-args, prompts-get-embedded-resource, prompts-get-with-image) and the completion
 * completion-complete asks for (`ref/prompt` test_prompt_with_arguments, argument arg1), each
 * answering as the scenario's stated requirements show.
 */
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PNG } from './everythingTools.ts';

/** The values completion-complete's description gives as an example, offered by prefix. */
const ARG1_VALUES = ['paris', 'park', 'party'];

export function registerEverythingPrompts(mcp: McpServer): void {
  mcp.registerPrompt('test_simple_prompt', { description: 'A prompt without arguments.' }, () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }],
  }));

  mcp.registerPrompt(
    'test_prompt_with_arguments',
    {
      description: 'A prompt with two required arguments.',
      argsSchema: {
        arg1: completable(z.string().describe('First test argument'), (value) => ARG1_VALUES.filter((candidate) => candidate.startsWith(value))),
        arg2: z.string().describe('Second test argument'),
      },
    },
    ({ arg1, arg2 }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } }] }),
  );

  mcp.registerPrompt(
    'test_prompt_with_embedded_resource',
    { description: 'A prompt embedding the resource named by its argument.', argsSchema: { resourceUri: z.string().describe('URI of the resource to embed') } },
    ({ resourceUri }) => ({
      messages: [
        { role: 'user', content: { type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } } },
        { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
      ],
    }),
  );

  mcp.registerPrompt('test_prompt_with_image', { description: 'A prompt with an image.' }, () => ({
    messages: [
      { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
    ],
  }));
}
