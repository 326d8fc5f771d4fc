/**
 * Bundles the Inspector page script (browser/inspectorPage.ts and the SDK it uses) with esbuild,
 * once per process, when the look-alike starts. esbuild is a devDependency: without it the
 * Inspector cannot start and says so.
 */
import { fileURLToPath } from 'node:url';

let bundle: Promise<string> | undefined;

async function build(): Promise<string> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new Error('mock-clients: the Inspector look-alike bundles its page with esbuild (a devDependency); run npm install', { cause: error });
  }
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./browser/inspectorPage.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('mock-clients: esbuild produced no Inspector bundle');
  return output.text;
}

export function inspectorBundle(): Promise<string> {
  bundle ??= build().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}
