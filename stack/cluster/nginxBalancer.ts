/**
 * Debian's nginx as the cluster's load balancer, run as an ordinary foreground process
 * (`nginx -p PREFIX -c CONF -g 'daemon off;'`) on a loopback port: its pid file, temp folders and
 * logs stay inside PREFIX, nothing under /etc or /var is touched. The configuration is nginxConfig.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { nginxConfig } from './nginxConfig.ts';
import { anyStillListening, workerPids } from './nginxWorkers.ts';
import { killOnExit } from './orphanGuard.ts';

const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

export interface NginxBalancer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The access log, one line per request (format: nginxConfig.ts ACCESS_LOG_FORMAT). */
  accessLog(): string[];
  errorLog(): string;
  /**
   * Takes the replicas on these ports out of rotation (every other one back in), reloads nginx and
   * resolves once its new workers serve: from then on no new request goes to them.
   */
  setDown(ports: readonly number[]): Promise<void>;
  /** Resolves once a request through the balancer was answered by the replica at `listenUrl` (it is in rotation). */
  routesTo(listenUrl: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface NginxOptions {
  readonly prefix: string;
  readonly port: number;
  /** Loopback port of the reload check (nginxConfig.ts). */
  readonly adminPort: number;
  readonly upstreamPorts: readonly number[];
  readonly startTimeoutMs?: number;
}

export function nginxBinary(): string {
  const found = NGINX_CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error(`nginx not found (looked for ${NGINX_CANDIDATES.join(', ')}); install Debian's package: apt-get install -y nginx`);
  return found;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function servedGeneration(adminPort: number): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${adminPort}/generation`, { signal: AbortSignal.timeout(1000) });
    return await response.text();
  } catch {
    return undefined;
  }
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

export async function startNginx(options: NginxOptions): Promise<NginxBalancer> {
  const binary = nginxBinary();
  const { prefix, port } = options;
  for (const folder of ['logs', 'temp']) mkdirSync(join(prefix, folder), { recursive: true, mode: 0o700 });
  const confFile = join(prefix, 'nginx.conf');
  let generation = 1;
  const writeConfig = (downPorts: readonly number[]) =>
    writeFileSync(
      confFile,
      nginxConfig({ prefix, listenPort: port, upstreamPorts: options.upstreamPorts, downPorts, adminPort: options.adminPort, generation, runWorkersAsRoot: process.getuid?.() === 0 }),
    );
  writeConfig([]);
  const errorLogFile = join(prefix, 'logs', 'error.log');
  // -e: even the errors before the configuration is read go to PREFIX, not /var/log/nginx.
  const child = spawn(binary, ['-p', prefix, '-c', confFile, '-e', errorLogFile, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  killOnExit(child, 'SIGTERM');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const errorLog = () => (existsSync(errorLogFile) ? readFileSync(errorLogFile, 'utf8') : '') + stderr;

  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nginx exited at start (${child.exitCode ?? child.signalCode}): ${errorLog().trim().slice(-600)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on 127.0.0.1:${port} in time: ${errorLog().trim().slice(-600)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const accessLogFile = join(prefix, 'logs', 'access.log');
  const readAccessLog = () => (existsSync(accessLogFile) ? readFileSync(accessLogFile, 'utf8').split('\n').filter(Boolean) : []);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    accessLog: readAccessLog,
    errorLog,
    async setDown(ports) {
      generation++;
      writeConfig(ports);
      const oldWorkers = workerPids(child.pid!);
      child.kill('SIGHUP'); // reload: new workers with the new list; old ones finish what they hold
      const wanted = String(generation);
      const deadline = Date.now() + 10_000;
      while ((await servedGeneration(options.adminPort)) !== wanted || anyStillListening(oldWorkers, port)) {
        if (Date.now() > deadline) throw new Error(`nginx did not reload in time: ${errorLog().trim().slice(-600)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async routesTo(listenUrl, timeoutMs = 15_000) {
      const upstream = `upstream=${new URL(listenUrl).host} `;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const from = readAccessLog().length;
        // Round-robin: as many probes as there are replicas reach each one that is in rotation.
        for (const _ of options.upstreamPorts) await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.body?.cancel(), () => undefined);
        if (readAccessLog().slice(from).some((line) => line.includes(upstream))) return;
        if (Date.now() > deadline) throw new Error(`nginx did not route to ${listenUrl} in time`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      // SIGTERM is nginx's fast shutdown: SIGQUIT would wait for every open event stream (an hour).
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
