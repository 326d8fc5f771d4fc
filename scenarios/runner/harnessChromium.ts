/**
 * Debian's Chromium as every harness run launches it: quiet on a closed network, delivering the AI
 * clients' real host names (chatgpt.com, claude.ai, localhost:6274) to their loopback look-alikes.
 * Trace chunks are written to a folder of our own until a run keeps or drops its trace — not into
 * Playwright Test's output folder, which another `playwright test` in the same checkout empties.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export interface HarnessChromium {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchHarnessChromium(options: { hostResolverRules: string; headed?: boolean | undefined }): Promise<HarnessChromium> {
  const tracesDir = mkdtempSync(join(tmpdir(), 'gangway-traces-'));
  const removeTraces = () => rmSync(tracesDir, { recursive: true, force: true });
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: !options.headed,
      args: [...CHROMIUM_FLAGS, `--host-resolver-rules=${options.hostResolverRules}`],
      tracesDir,
    });
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        removeTraces();
      },
    };
  } catch (error) {
    removeTraces();
    throw error;
  }
}
