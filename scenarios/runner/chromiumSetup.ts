/**
 * Makes sure the Chromium every harness run launches is there, before anything starts — the one
 * implementation behind `npm start` (scenarios/cli/start.ts) and `npm test`
 * (tests/support/ensureChromium.mjs). Playwright's browser download does not work on these
 * machines, so it is Debian's `chromium` package:
 *   - present → nothing to do;
 *   - missing at Debian's path and running as root → `apt-get install chromium` (about a minute);
 *   - otherwise → ChromiumMissing with a one-line instruction (the caller prints it and stops).
 * A CHROMIUM_PATH elsewhere is never "fixed" by installing the package: the harness would still
 * launch the path it names, so the instruction says to correct it.
 *
 * Plain Node (type stripping only, no tsx): the test script runs it before Playwright.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Where Debian's `chromium` package puts the browser; the harness's default. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export class ChromiumMissing extends Error {
  override readonly name = 'ChromiumMissing';
}

export interface ChromiumSetup {
  /** What the harness will launch: CHROMIUM_PATH, else Debian's path. */
  readonly path: string;
  readonly isRoot: boolean;
  /** The command to run again after following the instruction (`npm start`, `npm test`). */
  readonly rerun: string;
  readonly install: () => void;
  readonly say: (line: string) => void;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** apt-get's own progress goes to stderr (the person sees why it takes a minute); its chatter is dropped. */
export function aptGetInstallChromium(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/** The setup of this process: CHROMIUM_PATH, its uid, the real apt-get, messages on stderr. */
export function processChromiumSetup(rerun: string, env: NodeJS.ProcessEnv = process.env): ChromiumSetup {
  const chosen = env.CHROMIUM_PATH?.trim();
  return {
    path: chosen || DEBIAN_CHROMIUM,
    isRoot: process.getuid?.() === 0,
    rerun,
    install: aptGetInstallChromium,
    say: (line) => process.stderr.write(`${line}\n`),
  };
}

/**
 * Returns the usable Chromium path, installing Debian's package when it may; throws ChromiumMissing
 * (one line, what to do) otherwise. `isAvailable` is injectable so tests need no real browser.
 */
export function ensureChromium(setup: ChromiumSetup, isAvailable: (path: string) => boolean = isExecutable): string {
  if (isAvailable(setup.path)) return setup.path;
  if (setup.path !== DEBIAN_CHROMIUM) {
    throw new ChromiumMissing(
      `Chromium not found: CHROMIUM_PATH=${setup.path} is not an executable file; point it at a Chromium binary, or unset it to use Debian's (sudo apt-get install -y chromium), then run ${setup.rerun} again.`,
    );
  }
  if (!setup.isRoot) {
    throw new ChromiumMissing(
      `Chromium not found at ${DEBIAN_CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH to a Chromium binary), then run ${setup.rerun} again.`,
    );
  }
  setup.say(`Chromium not found at ${DEBIAN_CHROMIUM}: installing Debian's chromium package (about a minute)…`);
  try {
    setup.install();
  } catch (error) {
    throw new ChromiumMissing(`Installing Chromium failed (apt-get: ${(error as Error).message.split('\n')[0]}); install it with \`apt-get install -y chromium\` and run ${setup.rerun} again.`);
  }
  if (!isAvailable(setup.path)) {
    throw new ChromiumMissing(`Chromium is still missing at ${DEBIAN_CHROMIUM} after apt-get install chromium; set CHROMIUM_PATH to a Chromium binary and run ${setup.rerun} again.`);
  }
  return setup.path;
}
