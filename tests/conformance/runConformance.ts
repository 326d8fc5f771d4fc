/**
 * Runs the official conformance CLI (@modelcontextprotocol/conformance) as a child process with a
 * time limit, on this process's Node (22: the CLI needs it), and reads back what it printed: the
 * "Total: N passed, M failed" line and the expected-failures verdict. Its whole process group is
 * stopped on timeout, because client mode starts one command per scenario.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The suite's release (0.1.16): the 2025-06-18 and 2025-11-25 scenarios. */
export const CONFORMANCE_CLI = `${REPO_ROOT}node_modules/@modelcontextprotocol/conformance/dist/index.js`;
/** Its prerelease (0.2.0-alpha.12, the devDependency alias mcp-conformance-prerelease): the only one with 2026-07-28 scenarios. */
export const CONFORMANCE_PRERELEASE_CLI = `${REPO_ROOT}node_modules/mcp-conformance-prerelease/dist/index.js`;

export interface ConformanceRun {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** stdout and stderr together, without colour codes. */
  readonly output: string;
  /** The suite's check totals, or undefined when it never got as far as printing them. */
  readonly total: { passed: number; failed: number; warnings?: number | undefined } | undefined;
  /** Scenarios that failed and are in the baseline. */
  readonly expectedFailures: string[];
}

export function runConformance(args: readonly string[], timeoutMs: number, cli = CONFORMANCE_CLI): Promise<ConformanceRun> {
  return new Promise((resolve, reject) => {
    // `node` in the commands client mode starts is this same Node too (better-sqlite3 is built for it).
    const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
    const child = spawn(process.execPath, [cli, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const plain = (value: string) => value.replace(/\x1b\[[0-9;]*m/g, '');
      // The summary and the baseline verdict are printed on stdout, in one piece.
      const text = plain(stdout);
      const total = /^Total: (\d+) passed, (\d+) failed(?:, (\d+) warnings)?$/m.exec(text);
      const expected = /^Expected failures \(in baseline\):\n((?: {2}~ .+\n?)*)/m.exec(text)?.[1] ?? '';
      resolve({
        exitCode,
        timedOut,
        output: plain(output),
        total: total ? { passed: Number(total[1]), failed: Number(total[2]), warnings: total[3] === undefined ? undefined : Number(total[3]) } : undefined,
        expectedFailures: [...expected.matchAll(/^ {2}~ (.+)$/gm)].map((match) => match[1]!.trim()),
      });
    });
  });
}

export interface BaselineEntry {
  readonly scenario: string;
  readonly reason: string;
}

/**
 * The entries of one of our baseline files. They are kept to one shape — `  - <scenario>  # <reason>`
 * under a `server:` or `client:` key — so a line without its reason is an error here, not a silent pass.
 */
export function readBaseline(path: string): BaselineEntry[] {
  const entries: BaselineEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!/^\s*-\s/.test(line)) continue;
    const match = /^\s*-\s+(\S+)\s+#\s*(\S.*)$/.exec(line);
    if (!match) throw new Error(`${path}: every entry needs a reason comment: ${line.trim()}`);
    entries.push({ scenario: match[1]!, reason: match[2]! });
  }
  return entries;
}
