/**
 * Structured JSON log lines on stdout: one object per line with time, level, event and fields.
 * Every line passes through redact() — callers cannot opt out — so tokens, codes and keys never
 * reach a log even when a caller passes a whole request object by mistake.
 */
import { redact } from '../../web/redact.ts';
import { stdoutSink } from './stdoutSink.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel, sink: LogSink = stdoutSink, base: Record<string, unknown> = {}): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, event: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    const record = redact({ ...base, ...fields }) as Record<string, unknown>;
    sink(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...record }));
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}
