#!/usr/bin/env node
// The `gangway` executable (package.json "bin"): loads the TypeScript CLI through tsx's loader, so
// `npx gangway …` works from a clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
