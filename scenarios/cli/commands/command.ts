/** One `gangway` sub-command: its usage line and what it does with the parsed arguments (exit status). */
import type { ParsedArgs } from '../usage.ts';

export interface Command {
  readonly usage: string;
  run(args: ParsedArgs): Promise<number>;
}
