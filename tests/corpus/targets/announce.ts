/**
 * The one line a corpus target prints on stdout once it listens (read by corpusTarget.ts), and what
 * a target needs around it (waiting for a foreign server, exiting on a signal). Foreign packages
 * log freely, so launchers send console.log to stderr first: stdout carries exactly this JSON line.
 */
export interface TargetAnnouncement {
  mcpUrl: string;
  authorizationServer: string;
  notes: string;
}

/** Call before importing a foreign package: its console.log output must not reach stdout. */
export function keepStdoutForTheAnnouncement(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}

export function announce(line: TargetAnnouncement): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Waits until `url` answers at all (any status): the foreign server gives no listening callback we can reach. */
export async function waitUntilAnswering(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Exit on SIGTERM/SIGINT after `close` (bounded), so the spawner's stop() sees a clean exit. */
export function exitOnSignal(close: () => Promise<unknown> | unknown = () => undefined): void {
  const stop = () => {
    const forced = setTimeout(() => process.exit(0), 2_000);
    forced.unref();
    Promise.resolve()
      .then(close)
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
