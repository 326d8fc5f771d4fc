#!/usr/bin/env node
// `npm test` runs this before Playwright: the suites launch Debian's Chromium. The logic (find it,
// install it as root, otherwise a one-line instruction) is shared with `npm start`:
// scenarios/runner/chromiumSetup.ts.
import { ChromiumMissing, ensureChromium, processChromiumSetup } from '../../scenarios/runner/chromiumSetup.ts';

try {
  ensureChromium(processChromiumSetup('npm test'));
} catch (error) {
  if (!(error instanceof ChromiumMissing)) throw error;
  console.error(error.message);
  process.exit(1);
}
