/**
 * `tsx mock-upstreams/main.ts` (or `node mock-upstreams/main.ts` on Node 22): starts the Atlassian,
 * GitHub and Slack mocks on their fixed ports and prints each base URL. Stops on SIGINT/SIGTERM.
 */
import { CliUsageError, runCli } from './cli.ts';

try {
  const upstreams = await runCli(process.argv.slice(2), process.env);
  const stop = () => {
    void upstreams.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`mock-upstreams: ${error instanceof CliUsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(error instanceof CliUsageError ? 2 : 1);
}
