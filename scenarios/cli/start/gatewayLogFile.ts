/**
 * The gateway's JSON log lines (the same redacted lines it writes to stdout when run alone) go to a
 * file under `npm start`, appended across runs, so the person's screen shows only what start and
 * the demo say. The path is printed once on the start screen.
 */
import { createWriteStream, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, type Logger, type LogLevel } from '../../../gateway/index.ts';

export interface GatewayLogFile {
  readonly path: string;
  readonly logger: Logger;
  /** Flushes what is buffered; the process may exit right after. */
  close(): Promise<void>;
}

export function openGatewayLogFile(path: string, level: LogLevel): GatewayLogFile {
  mkdirSync(dirname(path), { recursive: true });
  // Opened here, synchronously: an unwritable path stops start-up before anything listens.
  const stream = createWriteStream(path, { fd: openSync(path, 'a') });
  let closed = false;
  stream.on('error', (error) => {
    closed = true;
    process.stderr.write(`gangway: writing the gateway log ${path} failed (${error.message}); later lines are lost\n`);
  });
  return {
    path,
    logger: createLogger(level, (line) => {
      if (!closed) stream.write(`${line}\n`);
    }),
    close: () =>
      new Promise<void>((done) => {
        if (closed) return done();
        closed = true;
        stream.end(done);
      }),
  };
}
