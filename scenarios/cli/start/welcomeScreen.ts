/**
 * The first screen of `npm start`: where everything runs, the demo user's gateway account, its
 * sign-ins and API keys at each mock vendor (taken from the running mocks' seed, so they work), the
 * log file, and how to click through by hand in Chromium.
 */
import { relative } from 'node:path';
import { demoCredentialsFor, keyKindName } from '../../../mock-upstreams/demoCredentials.ts';
import { VENDOR_IDS } from '../../../fixtures/vendors/index.ts';
import type { RunningStack } from '../../../stack/startStack.ts';
import type { ClientLookalikes } from '../../runner/clientLookalikes.ts';

/** A path under the working directory is shown relative to it: shorter, and what the README says. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function vendorCredentialLines(stack: RunningStack, email: string): string[] {
  return demoCredentialsFor(stack.mocks.fixtures, email).flatMap(({ vendorName, account, apiKey }) => [
    `    ${vendorName.padEnd(10)} sign in: ${account.email} / ${account.password}`,
    `    ${''.padEnd(10)} ${keyKindName(apiKey)}${apiKey.username ? ` (with the e-mail)` : ''}: ${apiKey.secret}`,
  ]);
}

export function welcomeScreen(stack: RunningStack, clients: ClientLookalikes, where: { dataDir: string; logFile: string }): string {
  const { gateway, mocks } = stack;
  const demo = gateway.app.directory[0];
  const lines = [
    '',
    'Gangway is running: the reference gateway in front of three mock enterprise tools.',
    '',
    `  MCP server URL : ${gateway.mcpUrl}`,
    `  User Portal    : ${gateway.portalUrl}`,
    demo ? `  Demo account   : ${demo.email} / ${demo.password}` : '',
    `  Data directory : ${shown(where.dataDir)}`,
    `  Gateway log    : ${shown(where.logFile)}  (JSON lines; kept off this screen)`,
    '',
    '  Enterprise tools (mock upstreams):',
    ...VENDOR_IDS.map((id) => `    ${mocks.vendors[id].displayName.padEnd(9)} ${mocks.vendors[id].baseUrl}  (MCP ${mocks.vendors[id].mcpUrl})`),
    '',
    ...(demo
      ? [
          "  The demo user at the tools — sign in with the e-mail and that tool's password, or paste the key:",
          ...vendorCredentialLines(stack, demo.email),
          '    Every seeded account and key: mock-upstreams/README.md',
          '',
        ]
      : []),
    '  AI clients (look-alikes; a browser reaches them under their real origins):',
    `    ChatGPT   ${clients.profiles.chatgpt.startUrl}   Claude ${clients.profiles.claude.startUrl}   MCP Inspector ${clients.profiles.inspector.startUrl}`,
    `  Open ${clients.profiles.chatgpt.startUrl} (the ChatGPT look-alike) and follow the steps — in a Chromium that`,
    '  sends the real host names to the look-alikes:',
    `    chromium --user-data-dir="$(mktemp -d)" --ignore-certificate-errors --host-resolver-rules="${clients.hostResolverRules}" ${clients.profiles.chatgpt.startUrl}`,
    '  Profile menu → Settings → Apps → Advanced settings → Developer mode → Create app with the MCP server URL.',
    '  Any other MCP client can use the MCP server URL too.',
    '',
  ];
  return lines.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
}
