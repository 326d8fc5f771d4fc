/** `gangway list`: every scenario of the catalogue, one line each. */
import { SCENARIOS } from '../../catalog/scenarios.ts';
import type { Command } from './command.ts';

export const listCommand: Command = {
  usage: 'gangway list',
  async run() {
    for (const scenario of SCENARIOS) process.stdout.write(`${scenario.id.padEnd(40)} ${scenario.client.padEnd(9)} ${scenario.title}\n`);
    return 0;
  },
};
