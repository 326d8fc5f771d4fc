#!/usr/bin/env node
// Playwright cannot download browsers on these machines; the suites run Debian's Chromium.
// Finds it, installs it when running as root, otherwise stops with a one-line instruction.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = () => candidates.find((path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

if (found()) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error('Chromium not found: install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH) and run npm test again.');
  process.exit(1);
}
console.error('Chromium not found: installing Debian\'s chromium package (about a minute)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
if (!found()) {
  console.error('Chromium is still missing after apt-get install chromium; set CHROMIUM_PATH to a Chromium binary.');
  process.exit(1);
}
