/**
 * A real PostgreSQL server from Debian's `postgresql` package, for `npm run start:cluster` (data in
 * .gangway/pg) and for the tests (a temporary data directory each). Loopback TCP on a free port only;
 * the unix socket goes to a private temp folder. Password authentication (SCRAM) for a `gangway`
 * superuser whose generated password is kept 0600 beside the data directory, so the URL handed to
 * the gateway is the only way in. initdb and postgres refuse to run as root: as root they run as the
 * `postgres` OS user (setpriv execs in place, so the child we signal IS the postmaster).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../freePort.ts';

export interface PostgresServer {
  /** postgres://gangway:…@127.0.0.1:PORT/gangway */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Kept across starts; a temporary directory (deleted by stop()) when left out. */
  readonly dataDir?: string;
  readonly port?: number;
  /** Database to create besides `postgres`. */
  readonly database?: string;
  /** Seconds to wait for the server to accept connections. */
  readonly startTimeoutSeconds?: number;
}

const USER = 'gangway';
const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or an error saying what to install. */
export function postgresBinDir(root = PG_ROOT): string {
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`PostgreSQL server binaries not found under ${root}/<version>/bin: apt-get install -y postgresql`);
  return join(root, newest, 'bin');
}

/** uid/gid of the `postgres` OS user when we are root (initdb refuses root), else undefined. */
function osUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no `postgres` OS user to run PostgreSQL as: apt-get install -y postgresql');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The command line, run through setpriv (util-linux, which execs in place): as the `postgres` user
 * when we are root, and with a parent-death signal, so a test process killed outright (SIGKILL, a
 * timed-out worker) does not leave a server running on a shared machine — SIGINT is a fast shutdown.
 */
function asServerUser(user: { uid: number; gid: number } | undefined, command: string, args: string[]): [string, string[]] {
  const as = user ? ['--reuid', String(user.uid), '--regid', String(user.gid), '--init-groups'] : [];
  return ['setpriv', [...as, '--pdeathsig', 'SIGINT', '--', command, ...args]];
}

function ownDir(dir: string, user: { uid: number; gid: number } | undefined, mode = 0o700): void {
  mkdirSync(dir, { recursive: true, mode });
  chmodSync(dir, mode);
  if (user) chownSync(dir, user.uid, user.gid);
}

/**
 * As root, the `postgres` user must be able to reach the data directory through its parents (a
 * folder such as .gangway is created 0700): add search permission only (o+x, no listing) where missing.
 */
function letServerUserReach(dir: string): void {
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    const mode = statSync(parent).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(parent, mode | 0o001);
  }
}

function initdb(bin: string, dataDir: string, privateDir: string, passwordFile: string, user: { uid: number; gid: number } | undefined, durable: boolean): void {
  const password = randomBytes(24).toString('base64url');
  // initdb reads the password from a file it can open as the server user (in its own private
  // folder); it goes away right after.
  const pwfile = join(privateDir, 'initdb-pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    const args = ['-D', dataDir, '-U', USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', ...(durable ? [] : ['--no-sync'])];
    const [command, argv] = asServerUser(user, join(bin, 'initdb'), args);
    const result = spawnSync(command, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`initdb failed in ${dataDir}: ${(result.stderr || result.stdout || String(result.error)).trim().split('\n').slice(-5).join(' | ')}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
  writeFileSync(passwordFile, password, { mode: 0o600 });
}

async function acceptsConnections(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function stopProcess(child: ChildProcess, waitMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  const timer = setTimeout(() => child.kill('SIGKILL'), waitMs);
  await exited;
  clearTimeout(timer);
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const user = osUser();
  const temporary = options.dataDir === undefined;
  const home = temporary ? mkdtempSync(join(tmpdir(), 'gangway-pg-')) : undefined;
  const dataDir = resolve(options.dataDir ?? join(home!, 'data'));
  const passwordFile = join(dirname(dataDir), `${basename(dataDir)}.password`);
  const socketDir = mkdtempSync(join(tmpdir(), 'gangway-pg-socket-'));
  const cleanup = () => {
    rmSync(socketDir, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  };
  try {
    ownDir(socketDir, user);
    if (user) letServerUserReach(dataDir);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      ownDir(dataDir, user);
      initdb(bin, dataDir, socketDir, passwordFile, user, !temporary);
    } else if (!existsSync(passwordFile)) {
      throw new Error(`${dataDir} holds a PostgreSQL cluster but its password file ${passwordFile} is missing: delete the folder to start afresh`);
    }
    const password = readFileSync(passwordFile, 'utf8').trim();
    const port = options.port ?? (await freePort());
    const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${socketDir}`, 'max_connections=100'];
    // A throw-away test server needs no crash safety: without fsync it starts and commits faster.
    if (temporary) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'shared_buffers=16MB');
    const [command, argv] = asServerUser(user, join(bin, 'postgres'), ['-D', dataDir, ...settings.flatMap((s) => ['-c', s])]);
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(...chunk.split('\n').filter(Boolean));
      stderr.splice(0, Math.max(0, stderr.length - 20));
    });
    const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const deadline = Date.now() + (options.startTimeoutSeconds ?? 30) * 1000;
    while (!(await acceptsConnections(`${base}/postgres`))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stopProcess(child, 5000);
        throw new Error(`PostgreSQL did not start on 127.0.0.1:${port} (data ${dataDir}): ${stderr.slice(-5).join(' | ') || 'no output'}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    const database = options.database ?? 'gangway';
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
    return {
      url: `${base}/${encodeURIComponent(database)}`,
      port,
      dataDir,
      async stop() {
        await stopProcess(child, 10_000);
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
