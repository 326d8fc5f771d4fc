/**
 * Cold start of the gateway entry point (`stack/gatewayMain.ts`, what `npm run start:gateway` runs) on an
 * empty data directory: from spawning the process to the first 401 from `/mcp` — the moment a client
 * could begin its OAuth dance. Polled every 10 ms, bounded by a number of tries (so the figure is
 * at most ~10 ms late, or 250 ms when a poll goes unanswered).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../stack/freePort.ts';
import { GATEWAY_PROCESS_ENV } from './benchProcesses.ts';

const POLL_MS = 10;
const MAX_POLLS = 3000;
/** A request that reaches the gateway while it is still starting can go unanswered (seen here): give up on it and poll again. */
const POLL_TIMEOUT_MS = 250;

/** Milliseconds from spawn to the first 401 from /mcp. */
export async function coldStartMs(catalogFile: string): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'gangway-cold-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'stack/gatewayMain.ts'], {
    env: { ...process.env, ...GATEWAY_PROCESS_ENV, GANGWAY_PORT: String(port), GANGWAY_DATA_DIR: join(work, 'data'), GANGWAY_VAULT_KEY_FILE: join(work, 'vault.key'), GANGWAY_CONNECTORS_FILE: catalogFile, GANGWAY_LOG_LEVEL: 'info' },
    stdio: 'ignore',
  });
  try {
    for (let poll = 0; poll < MAX_POLLS; poll++) {
      if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}) during cold start`);
      const status = await fetch(`http://127.0.0.1:${port}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}', signal: AbortSignal.timeout(POLL_TIMEOUT_MS) }).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 401) return performance.now() - started;
      await sleep(POLL_MS);
    }
    throw new Error(`no 401 from /mcp after ${MAX_POLLS} polls`);
  } finally {
    const exited = new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    child.kill('SIGTERM');
    await exited;
    rmSync(work, { recursive: true, force: true });
  }
}
